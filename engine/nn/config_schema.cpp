// The config's schema as data: one entry per field, from the same tables and ranges the parser checks
// (config_fields.hpp), so a page or a tool that builds its forms from it cannot drift from the engine.
//   {"path": "optimizer.lr", "type": "number", "min": 0, "max": 10, "minOpen": true, "default": 0.03,
//    "live": true, "allowed": "a number above 0, at most 10"}
// type: "number" | "integer" | "enum" (values) | "enumList" (values, minLength, maxLength) |
// "integerList" (min, max per entry; minLength, maxLength) | "seed" (a non-negative integer) |
// "points" (CSV text or a JSON array). "default": null when it follows the data set (output, loss, layers).
// "outputRange" (activation, output): what each activation can output, [lo, hi] with null for no bound;
// "updateRule" (optimizer.name): each optimiser's update in words.
// "live": a running session takes a change of the field through Session::applySettings, keeping its
// weights and step counter; any other change builds a new network.
#include "nn/config.hpp"
#include "nn/config_fields.hpp"
#include "nn/optimizer.hpp"

#include <nlohmann/json.hpp>

namespace mc::nn {

using nlohmann::json;
using namespace fields;

namespace {

template <class E>
json names(bool skipSoftmax = false) {
  json out = json::array();
  for (const std::string& name : enumNames<E>()) {
    if (!(skipSoftmax && name == "softmax")) out.push_back(name);
  }
  return out;
}

// {"tanh": [-1, 1], "relu": [0, null], ...}: what each activation can output, null for no bound.
json outputRanges() {
  json out = json::object();
  for (std::size_t i = 0; i < enumNames<Activation>().size(); ++i) {
    out[enumNames<Activation>()[i]] = activationRange(static_cast<Activation>(i));
  }
  return out;
}

// {"sgd": "p <- p - lr g", ...}: each optimiser's update in words.
json updateRules() {
  json out = json::object();
  for (std::size_t i = 0; i < enumNames<OptimizerKind>().size(); ++i) {
    out[enumNames<OptimizerKind>()[i]] = updateRuleText(static_cast<OptimizerKind>(i));
  }
  return out;
}

json number(const char* path, const Range& r, double fallback, bool live) {
  return {{"path", path}, {"type", "number"}, {"min", r.lo},      {"max", r.hi},
          {"minOpen", r.loOpen}, {"default", fallback}, {"live", live}, {"allowed", r.allowed}};
}

json choice(const char* path, json values, json fallback, bool live) {
  return {{"path", path}, {"type", "enum"}, {"values", std::move(values)}, {"default", std::move(fallback)}, {"live", live}};
}

json with(json field, const char* key, json value) {
  field[key] = std::move(value);
  return field;
}

json integer(const char* path, long lo, long hi, long fallback) {
  return {{"path", path}, {"type", "integer"}, {"min", lo}, {"max", hi}, {"default", fallback}, {"live", false}};
}

json unitList(const char* path, int minLength, int maxLength, json fallback) {
  return {{"path", path},          {"type", "integerList"}, {"min", 1},          {"max", kMaxUnits},
          {"minLength", minLength}, {"maxLength", maxLength}, {"default", std::move(fallback)}, {"live", false}};
}

}  // namespace

json configSchema() {
  const Config c;
  const DatasetConfig& d = c.dataset;
  json features = json::array();
  for (Feature f : c.features) features.push_back(featureName(f));
  json fields = json::array({
      unitList("layers", 2, kMaxLayers, nullptr),
      unitList("hidden", 0, kMaxLayers - 2, {4, 2}),
      with(choice("activation", names<Activation>(true), "tanh", false), "outputRange", outputRanges()),
      with(choice("output", names<Activation>(), nullptr, false), "outputRange", outputRanges()),
      choice("loss", names<Loss>(), nullptr, false),
      integer("batch", 1, kMaxBatch, c.batch),
      choice("init", names<Init>(), initName(c.init), false),
      {{"path", "seed"}, {"type", "seed"}, {"min", 0}, {"max", 9007199254740992.0}, {"default", c.seed}, {"live", false}},
      number("leaky_slope", kUnitInterval, c.leakySlope, false),
      with(choice("optimizer.name", names<OptimizerKind>(), optimizerName(c.optimizer.kind), true), "updateRule",
           updateRules()),
      number("optimizer.lr", kLearningRate, c.optimizer.lr, true),
      number("optimizer.momentum", kBelowOne, c.optimizer.momentum, true),
      number("optimizer.beta1", kBelowOne, c.optimizer.beta1, true),
      number("optimizer.beta2", kBelowOne, c.optimizer.beta2, true),
      number("optimizer.epsilon", kEpsilon, c.optimizer.epsilon, true),
      choice("regularization.kind", names<Regularization>(), regularizationName(c.regularization.kind), true),
      number("regularization.rate", kRegularizationRate, c.regularization.rate, true),
      {{"path", "features"}, {"type", "enumList"}, {"values", names<Feature>()}, {"minLength", 1},
       {"maxLength", enumNames<Feature>().size()}, {"default", features}, {"live", false}},
      choice("dataset.name", datasetNames(), d.name, false),
      integer("dataset.n", 2, kMaxPoints, d.n),
      number("dataset.noise", kUnitInterval, d.noise, false),
      {{"path", "dataset.seed"}, {"type", "seed"}, {"min", 0}, {"max", 9007199254740992.0}, {"default", d.seed}, {"live", false}},
      number("dataset.train_fraction", kTrainFraction, d.trainFraction, false),
      {{"path", "dataset.points"}, {"type", "points"}, {"default", nullptr}, {"live", false}},
  });
  return {{"fields", std::move(fields)}};
}

}  // namespace mc::nn
