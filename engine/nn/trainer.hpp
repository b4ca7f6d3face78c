#pragma once
// The training loop: a network, its data, an optimiser and one reusable tape. What the api facade, the
// CLI and the trace helper use.
//
// A step = one parameter update on a mini-batch (granularity Batch, `batch` samples), on one sample
// (Sample), or as many batches as finish the current pass over the training set (Epoch). Samples are
// drawn in a shuffled order, reshuffled every epoch (seeded). The tape is cleared, not freed, between
// steps, so a run of equal steps allocates nothing after the first.
//
// Divergence: when the loss or a gradient is NaN/Inf, or an update would make a weight NaN/Inf, the step
// is not applied (the last good weights stay) and the result says so; the trainer keeps working.
#include "core/tape.hpp"
#include "nn/config.hpp"
#include "nn/network.hpp"
#include "nn/optimizer.hpp"
#include "nn/rng.hpp"

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace mc::nn {

enum class Granularity { Sample, Batch, Epoch };
Granularity parseGranularity(const std::string& name);  // "sample", "batch", "epoch"; else ConfigError
const char* granularityName(Granularity g);

struct GradientNorms {
  double total = 0;            // L2 norm over every parameter
  std::vector<double> weights; // per layer: ||dC/dW_l||_F
  std::vector<double> biases;  // per layer: ||dC/db_l||
};

struct StepResult {
  bool ok = true;
  std::string status = "ok";   // "ok" or "diverged"
  std::string message;         // empty when ok; e.g. "diverged at step 12: loss is inf; try a smaller learning rate"
  std::int64_t step = 0;       // parameter updates applied so far (after this call)
  std::int64_t epoch = 0;      // completed passes over the training set
  int updates = 0;             // updates applied by this call
  // Of the last update attempted in this call, before it was applied, on its mini-batch:
  double loss = 0;             // the data loss (no regularisation term)
  double lossWithRegularization = 0;
  GradientNorms gradientNorms; // of the total loss (regularisation included)
  double meanLoss = 0;         // mean data loss over this call's updates
};

struct Metrics {
  Problem problem = Problem::Classification;
  double trainLoss = 0;        // data loss over the whole training set
  double testLoss = 0;
  double trainLossWithRegularization = 0;
  double testLossWithRegularization = 0;
  double regularization = 0;   // the term itself (same for both sets)
  double trainAccuracy = 0;    // classification: fraction correct; regression: NaN
  double testAccuracy = 0;
  double trainR2 = 0;          // regression: coefficient of determination; classification: NaN
  double testR2 = 0;
  int trainCount = 0;
  int testCount = 0;
};

enum class ParamKind { Weight, Bias };

// One parameter node of a recorded step.
struct RecordedParameter {
  int layer = 0;        // 0-based; the names are 1-based: "W1", "b1"
  ParamKind kind = ParamKind::Weight;
  std::string name;     // "W1", "b1", ...
  Var var;
};

// A training step recorded on the trainer's trace tape with labels and scopes on every node, after
// forward and backward (every node's grad holds d loss / d node). Valid until the next call on the trainer.
struct StepRecording {
  Tape* tape = nullptr;
  Granularity granularity = Granularity::Batch;
  Var input;      // features x B, label "X"
  Var target;     // outputs x B, label "Y" (one-hot for multiclass)
  Var output;     // the prediction, label "prediction"
  Var dataLoss;   // label "data loss"
  Var loss;       // the loss minimised: data loss + regularisation (label "loss"); == dataLoss without it
  ForwardRecord forward;
  std::vector<RecordedParameter> parameters;  // W1, b1, W2, b2, ... in that order
  std::vector<int> samples;  // indices into the training set, in column order
  double learningRate = 0;
  std::int64_t step = 0;     // the update this recording will become (1-based)
};

struct ParameterUpdate {
  int layer = 0;
  ParamKind kind = ParamKind::Weight;
  std::string name;
  Matrix before;
  Matrix gradient;  // d loss / d parameter, regularisation included
  Matrix after;
};

struct TracedUpdate {
  StepResult result;
  std::vector<ParameterUpdate> parameters;  // same order as StepRecording::parameters
};

class Trainer {
 public:
  // e.g. Trainer(parseConfigText("{}")); a Config made in code is checked the same way (ConfigError).
  explicit Trainer(const Config& config);
  explicit Trainer(const std::string& configJson);  // parsed and checked once (parseConfigText)
  ~Trainer();
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  const Config& config() const { return config_; }
  std::string configJson() const;  // the full config, defaults filled in

  // Training.
  // The result lives in the trainer (valid until the next call), so a step allocates nothing.
  const StepResult& step(Granularity granularity = Granularity::Batch, int count = 1);
  Metrics metrics() const;
  void setLearningRate(double lr);
  // The optimiser's settings and the regularisation for the steps to come: weights, step and epoch
  // counters, sample order and data stay (a change of the optimiser's kind zeroes its state).
  void setLiveSettings(const OptimizerConfig& optimizer, const RegularizationConfig& regularization);

  // Traced step: record, inspect, then apply (or call step() to drop the recording).
  const StepRecording& recordStep(Granularity granularity);  // Sample or Batch; Epoch is a ConfigError
  TracedUpdate applyRecordedStep();  // needs a recording from recordStep; std::logic_error otherwise

  // Records the loss at these points (e.g. the whole training set) on `tape`, labelled as in recordStep,
  // and runs backward; changes nothing in the trainer. For the CLI's grad / jacobian and for tests.
  StepRecording recordAt(Tape& tape, const std::vector<Point>& points) const;

  // Predictions: points as a 2 x n matrix (row 0 x, row 1 y); features are computed here.
  void predict(const Matrix& points, Matrix& out) const;          // outputs x n
  void neuronOutputs(const Matrix& points, std::vector<Matrix>& out) const;  // [0] features, [l] layer l

  // Parameters; layer is 0-based. Set checks indices and finiteness (std::invalid_argument).
  const Network& network() const { return network_; }
  const Matrix& weightGradient(int layer) const;  // of the latest update (zeros before the first)
  const Matrix& biasGradient(int layer) const;
  void setWeight(int layer, int row, int col, double value);
  void setBias(int layer, int row, double value);

  // Data.
  const DataSet& data() const { return data_; }
  void addPoint(const Point& point, bool toTest = false);  // label checked against the problem
  void setPoints(const std::string& csvOrJson);  // replaces every point, split by train_fraction
  // Points in any form setPoints takes, checked against this data set (inputs, labels, targets); the
  // data set is not changed. std::invalid_argument naming the point otherwise.
  std::vector<Point> checkedPoints(const std::string& csvOrJson) const;

  // Re-initialises weights, optimiser state, counters and sample order with this seed (data unchanged).
  void reset(std::uint64_t seed);

  std::int64_t stepCount() const { return step_; }
  std::int64_t epochCount() const { return epoch_; }

  // Model JSON: {"format":"mc-model","version":1,"config":{...},"step":..,"epoch":..,"layers":[{"W":..,"b":..}],
  // "optimizer":{...},"order":{...},"rng":{...},"data":{"train":[[x,y,label]..],"test":[..]}}.
  // load(save(m)) predicts identically and continues with identical steps.
  void save(nlohmann::json& out) const;
  std::string saveJson() const;
  static std::unique_ptr<Trainer> load(const nlohmann::json& model);  // checks every shape; ConfigError
  static std::unique_ptr<Trainer> loadJson(const std::string& modelJson);

 private:
  struct Batch;
  struct Checked {};  // the config has been through parseConfig
  Trainer(Config checked, Checked);
  void rebuildState();
  void nextSamples(int count, std::vector<int>& out);
  void fillBatch(const std::vector<int>& samples);
  void recordLoss(Tape& tape, bool labels);
  void applyUpdate(double dataLoss, double totalLoss, StepResult& r);
  void runOne(Granularity granularity, StepResult& r);
  double regularizationTerm() const;

  Config config_;
  DataSet data_;
  Network network_;
  Optimizer optimizer_;
  Rng rng_;
  Tape tape_;        // the training tape, reused every step
  Tape traceTape_;   // the traced step's tape (labels on)
  std::unique_ptr<Batch> batch_;  // reusable buffers
  std::vector<int> order_;  // the current epoch's sample order
  std::size_t cursor_ = 0;  // next position in order_
  std::int64_t step_ = 0;  // 64-bit: wasm's long has 32
  std::int64_t epoch_ = 0;
  bool hasRecording_ = false;
  StepRecording recording_;
  StepResult result_;
};

// Throws std::invalid_argument "<where>: ..." unless the point is finite and its label fits the data set's
// problem (0 / 1 for two classes, an integer 0 .. k-1 for k classes). What addPoint and model import use.
void checkPointLabel(const DataSet& data, const Point& point, const std::string& where);

// JSON of the value objects (for the facade and the CLI).
void toJson(nlohmann::json& out, const StepResult& result);
void toJson(nlohmann::json& out, const Metrics& metrics);

}  // namespace mc::nn
