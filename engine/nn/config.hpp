#pragma once
// A network's configuration: parsed from JSON, validated, every field defaulted (so {} is valid).
//
//   {"layers":[2,8,8,1], "activation":"tanh" | ["tanh","relu"], "output":"sigmoid", "loss":"bce",
//    (or "hidden":[8,8]: the layers between the data set's inputs and outputs; "features" then apply to
//    2-D data only), "batch":10, "init":"xavier", "seed":1, "leaky_slope":0.01,
//    "optimizer":{"name":"adam","lr":0.01,"momentum":0.9,"beta1":0.9,"beta2":0.999,"epsilon":1e-8},
//    "regularization":{"kind":"l2","rate":0.001},
//    "features":["x","y","x2","y2","xy","sinx","siny"],
//    "dataset":{"name":"spiral","n":500,"noise":0.1,"seed":42,"train_fraction":0.5,"points":[...]}}
//
// Defaults follow the problem of the data set: "output"/"loss" default to sigmoid + bce for binary
// classification, softmax + softmax cross-entropy for multiclass, linear + mse for regression; "layers"
// defaults to [features, 4, 2, outputs]. Any activation may be the output ("relu" makes the paper's
// single neuron: {"layers":[2,1],"output":"relu","loss":"mse","dataset":{"name":"neuron"}}). A bad config throws ConfigError naming the field, the value and
// what is allowed. toJson(parseConfig(j)) is the full config with defaults filled in.
#include "nn/dataset.hpp"

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace mc::nn {

struct ConfigError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Size limits, so a browser tab cannot be made to run out of memory.
constexpr long kMaxParameters = 1'000'000;
constexpr int kMaxBatch = 4096;
constexpr int kMaxPoints = 100'000;
constexpr int kMaxColumns = 256;   // columns of a table (inputs and targets)
constexpr int kMaxClasses = 10;    // class labels 0 .. 9
constexpr int kMaxLayers = 16;     // entries of "layers", input and output included
constexpr int kMaxUnits = 4096;    // per layer
constexpr long kMaxActivations = 2'000'000;  // batch x widest layer: the largest matrix of a step
constexpr long kMaxNeuronOutputs = 16'000'000;  // points x neurons of one Trainer::neuronOutputs call

enum class Activation { Linear, Relu, LeakyRelu, Tanh, Sigmoid, Softmax };
enum class Loss { Mse, Bce, SoftmaxCrossEntropy };
enum class OptimizerKind { Sgd, Momentum, Adam };
enum class Regularization { None, L1, L2 };
enum class Init { Uniform, Xavier, He };  // Uniform: TF Playground's U(-0.5, 0.5), biases 0.1
enum class Feature { X, Y, X2, Y2, XY, SinX, SinY };

const char* activationName(Activation a);  // "linear", "relu", "leaky_relu", "tanh", "sigmoid", "softmax"
const char* lossName(Loss l);              // "mse", "bce", "softmax_cross_entropy"
const char* optimizerName(OptimizerKind k);  // "sgd", "momentum", "adam"
const char* regularizationName(Regularization r);  // "none", "l1", "l2"
const char* initName(Init i);              // "uniform", "xavier", "he"
const char* featureName(Feature f);        // "x", "y", "x2", "y2", "xy", "sinx", "siny"

// What an activation can output: [lo, hi], an infinite bound where there is none (relu: [0, +inf)).
// The page takes its colour scales from it (the config schema and Session::weights publish it).
struct ValueRange {
  double lo;
  double hi;
};
ValueRange activationRange(Activation a);
void to_json(nlohmann::json& j, const ValueRange& r);  // [lo, hi], null for an infinite bound

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::Sgd;
  double lr = 0.03;
  double momentum = 0.9;  // momentum only
  double beta1 = 0.9;     // adam only
  double beta2 = 0.999;
  double epsilon = 1e-8;
};

struct RegularizationConfig {
  Regularization kind = Regularization::None;
  double rate = 0;  // the term is rate * sum |w| (l1) or rate * sum w^2 / 2 (l2), weights only
};

struct Config {
  std::vector<int> layers;              // units: inputs (= features), hidden..., outputs
  std::vector<Activation> activations;  // one per hidden layer
  Activation output = Activation::Sigmoid;
  Loss loss = Loss::Bce;
  int batch = 10;
  Init init = Init::Xavier;
  std::uint64_t seed = 1;  // weight initialisation and the order of samples
  double leakySlope = 0.01;
  OptimizerConfig optimizer;
  RegularizationConfig regularization;
  std::vector<Feature> features{Feature::X, Feature::Y};
  DatasetConfig dataset;

  int inputs() const { return layers.front(); }
  int outputs() const { return layers.back(); }
  int denseLayers() const { return static_cast<int>(layers.size()) - 1; }
  long parameterCount() const;
};

Config parseConfig(const nlohmann::json& json);
// The "optimizer" / "regularization" objects alone: the fields given replace those of `base`.
OptimizerConfig parseOptimizer(const nlohmann::json& json, OptimizerConfig base);
RegularizationConfig parseRegularization(const nlohmann::json& json, RegularizationConfig base);
// Every field of the config as JSON data (config_schema.cpp): path, type, allowed values or range,
// default, and whether a running session takes a change of it without a rebuild ("live").
nlohmann::json configSchema();
Config parseConfigText(const std::string& jsonText);  // also reports JSON syntax errors as ConfigError
void toJson(nlohmann::json& out, const Config& config);
std::string configToString(const Config& config);  // compact JSON, defaults filled in

}  // namespace mc::nn
