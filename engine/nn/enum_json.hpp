#pragma once
// The network's enums by name, through nlohmann's enum serialisation (NLOHMANN_JSON_SERIALIZE_ENUM): one
// list of names per enum, used to write configs, read them, publish the schema and name values in
// messages. nlohmann reads a name it does not know as the first value without a word, so reading goes
// through enumFromJson, which gives nothing for an unknown name; the caller refuses it with the allowed
// names (allowedNames).
#include "nn/config.hpp"
#include "nn/trainer.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mc::nn {

NLOHMANN_JSON_SERIALIZE_ENUM(Activation, {{Activation::Linear, "linear"},
                                          {Activation::Relu, "relu"},
                                          {Activation::LeakyRelu, "leaky_relu"},
                                          {Activation::Tanh, "tanh"},
                                          {Activation::Sigmoid, "sigmoid"},
                                          {Activation::Softmax, "softmax"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Loss, {{Loss::Mse, "mse"}, {Loss::Bce, "bce"}, {Loss::SoftmaxCrossEntropy, "softmax_cross_entropy"}})
NLOHMANN_JSON_SERIALIZE_ENUM(OptimizerKind,
                             {{OptimizerKind::Sgd, "sgd"}, {OptimizerKind::Momentum, "momentum"}, {OptimizerKind::Adam, "adam"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Regularization,
                             {{Regularization::None, "none"}, {Regularization::L1, "l1"}, {Regularization::L2, "l2"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Init, {{Init::Uniform, "uniform"}, {Init::Xavier, "xavier"}, {Init::He, "he"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Feature, {{Feature::X, "x"},
                                       {Feature::Y, "y"},
                                       {Feature::X2, "x2"},
                                       {Feature::Y2, "y2"},
                                       {Feature::XY, "xy"},
                                       {Feature::SinX, "sinx"},
                                       {Feature::SinY, "siny"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Problem, {{Problem::Classification, "classification"},
                                       {Problem::Multiclass, "multiclass"},
                                       {Problem::Regression, "regression"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Granularity,
                             {{Granularity::Sample, "sample"}, {Granularity::Batch, "batch"}, {Granularity::Epoch, "epoch"}})

// E's names in the order of its values. Every enum above counts from 0 without gaps, and nlohmann
// writes the first name for a value outside its list: the names are those of 0, 1, ... until the
// first name comes back.
template <class E>
const std::vector<std::string>& enumNames() {
  static const std::vector<std::string> names = [] {
    const nlohmann::json first = static_cast<E>(0);
    std::vector<std::string> out{first.get<std::string>()};
    for (int i = 1;; ++i) {
      const nlohmann::json next = static_cast<E>(i);
      if (next == first) break;
      out.push_back(next.get<std::string>());
    }
    return out;
  }();
  return names;
}

template <class E>
const char* enumName(E value) {
  return enumNames<E>().at(static_cast<std::size_t>(value)).c_str();
}

// "\"sgd\", \"momentum\", \"adam\"": for "allowed: ..." in a message.
template <class E>
std::string allowedNames() {
  std::string out;
  for (const std::string& name : enumNames<E>()) out += (out.empty() ? "\"" : ", \"") + name + "\"";
  return out;
}

// The value named by v, or nothing when v is not a string or names no value of E.
template <class E>
std::optional<E> enumFromJson(const nlohmann::json& v) {
  if (!v.is_string()) return std::nullopt;
  const E value = v.get<E>();
  if (nlohmann::json(value) != v) return std::nullopt;  // nlohmann's silent fallback to the first value
  return value;
}

}  // namespace mc::nn
