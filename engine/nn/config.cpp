// Config parsing: one reader per JSON object that knows its path ("optimizer.lr"), checks types and
// ranges, and rejects unknown keys. Every message names the field, the value given and what is allowed.
#include "nn/config.hpp"
#include "core/bounded_json.hpp"
#include "nn/config_fields.hpp"
#include "nn/number_text.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace mc::nn {

using nlohmann::json;

namespace {

using namespace fields;

std::string describe(const json& v) { return describeJson(v) + " (" + v.type_name() + ")"; }

[[noreturn]] void fail(const std::string& field, const json& value, const std::string& allowed) {
  throw ConfigError("config: \"" + field + "\" is " + describe(value) + "; allowed: " + allowed);
}

// Reads the fields of one JSON object; path is its prefix ("" at the top, "optimizer." inside).
class Reader {
 public:
  Reader(const json& object, std::string path, std::vector<std::string> keys)
      : j_(object), path_(std::move(path)) {
    if (!j_.is_object()) {
      throw ConfigError("config: \"" + (path_.empty() ? std::string("(top level)") : path_.substr(0, path_.size() - 1)) +
                        "\" is " + describe(j_) + "; allowed: a JSON object");
    }
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) {
        std::string list;
        for (const auto& k : keys) list += (list.empty() ? "" : ", ") + k;
        throw ConfigError("config: unknown key \"" + path_ + cutText(it.key()) + "\"; allowed keys" +
                          (path_.empty() ? "" : " in \"" + path_.substr(0, path_.size() - 1) + "\"") + ": " + list);
      }
    }
  }
  bool has(const char* key) const { return j_.contains(key); }
  const json& at(const char* key) const { return j_.at(key); }
  std::string field(const char* key) const { return path_ + key; }

  double number(const char* key, double fallback, double lo, double hi, bool loOpen, const char* allowed) const {
    if (!has(key)) return fallback;
    const json& v = at(key);
    if (!v.is_number()) fail(field(key), v, allowed);
    const double x = v.get<double>();
    if (!std::isfinite(x) || x < lo || x > hi || (loOpen && x == lo)) fail(field(key), v, allowed);
    return x;
  }
  double number(const char* key, double fallback, const Range& range) const {
    return number(key, fallback, range.lo, range.hi, range.loOpen, range.allowed);
  }
  long integer(const char* key, long fallback, long lo, long hi) const {
    const std::string allowed = "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
    if (!has(key)) return fallback;
    return integerValue(field(key), at(key), lo, hi, allowed);
  }
  std::uint64_t seed(const char* key, std::uint64_t fallback) const {
    if (!has(key)) return fallback;
    const json& v = at(key);
    if (v.is_number_unsigned()) return v.get<std::uint64_t>();
    if (v.is_number_float() && v.get<double>() >= 0 && v.get<double>() <= 9007199254740992.0 &&
        std::floor(v.get<double>()) == v.get<double>()) {
      return static_cast<std::uint64_t>(v.get<double>());
    }
    fail(field(key), v, "a non-negative integer");
  }
  template <class E>
  E choice(const char* key, E fallback) const {
    if (!has(key)) return fallback;
    return choiceValue<E>(field(key), at(key));
  }

  static long integerValue(const std::string& name, const json& v, long lo, long hi, const std::string& allowed) {
    double x = 0;
    if (v.is_number_integer()) x = static_cast<double>(v.get<long long>());
    else if (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>()) x = v.get<double>();
    else fail(name, v, allowed);
    if (x < static_cast<double>(lo) || x > static_cast<double>(hi)) fail(name, v, allowed);
    return static_cast<long>(x);
  }
  template <class E>
  static E choiceValue(const std::string& name, const json& v) {
    if (const std::optional<E> value = enumFromJson<E>(v)) return *value;
    fail(name, v, allowedNames<E>());
  }

 private:
  const json& j_;
  std::string path_;
};

DatasetConfig parseDataset(const json& j) {
  Reader r(j, "dataset.", {"name", "n", "noise", "seed", "train_fraction", "points"});
  DatasetConfig d;
  if (r.has("name")) {
    const json& v = r.at("name");
    const auto& names = datasetNames();
    if (!v.is_string() || std::find(names.begin(), names.end(), v.get<std::string>()) == names.end()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "\"" : ", \"") + n + "\"";
      fail("dataset.name", v, list);
    }
    d.name = v.get<std::string>();
  }
  // A custom set takes its count from its points, and one point is a fine lesson (the classic
  // hand-worked backprop example trains on one sample); a generated set needs two to split.
  d.n = static_cast<int>(r.integer("n", d.n, d.name == "custom" ? 1 : 2, kMaxPoints));
  d.noise = r.number("noise", d.noise, kUnitInterval);
  d.seed = r.seed("seed", d.seed);
  d.trainFraction = r.number("train_fraction", d.trainFraction, kTrainFraction);
  if (r.has("points")) {
    if (d.name != "custom") {
      throw ConfigError("config: \"dataset.points\" is given but \"dataset.name\" is \"" + d.name +
                        "\"; points need \"name\": \"custom\"");
    }
    const json& v = r.at("points");
    try {
      PointTable table;
      if (v.is_string()) table = parsePointTable(v.get<std::string>());
      else if (v.is_array()) table = parsePointTable(v.dump());
      else fail("dataset.points", v, "CSV text (x,y,label lines, or a table with a header) or a JSON array of [x, y, label] or {\"x\": [..], \"y\": [..]}");
      d.points = std::move(table.points);
      d.inputNames = std::move(table.inputNames);
      d.targetNames = std::move(table.targetNames);
    } catch (const ConfigError&) {
      throw;
    } catch (const std::invalid_argument& e) {
      throw ConfigError(std::string("config: \"dataset.points\": ") + e.what());
    }
  } else if (d.name == "custom") {
    throw ConfigError("config: \"dataset.name\" is \"custom\" but \"dataset.points\" is missing; give CSV text or a JSON array of [x, y, label]");
  }
  if (isBuiltinTable(d.name)) {
    const PointTable table = builtinTable(d.name);
    d.inputNames = table.inputNames;
    d.targetNames = table.targetNames;
    d.n = static_cast<int>(table.points.size());
  }
  if (d.name == "custom") d.n = static_cast<int>(d.points.size());
  const double trainCount = std::floor(d.n * d.trainFraction);
  if (trainCount < 1) {
    throw ConfigError("config: \"dataset.train_fraction\" " + numberText(d.trainFraction) + " of " +
                      std::to_string(d.n) + " points leaves no training point; allowed: at least one");
  }
  return d;
}

}  // namespace

const char* activationName(Activation a) { return enumName(a); }
const char* lossName(Loss l) { return enumName(l); }
const char* optimizerName(OptimizerKind k) { return enumName(k); }
const char* regularizationName(Regularization r) { return enumName(r); }
const char* initName(Init i) { return enumName(i); }
const char* featureName(Feature f) { return enumName(f); }

ValueRange activationRange(Activation a) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  switch (a) {
    case Activation::Sigmoid:  // 1 / (1 + e^-z)
    case Activation::Softmax:  // each entry of a distribution
      return {0, 1};
    case Activation::Tanh: return {-1, 1};
    case Activation::Relu: return {0, inf};
    case Activation::Linear:
    case Activation::LeakyRelu: return {-inf, inf};
  }
  return {-inf, inf};
}

void to_json(json& j, const ValueRange& r) {
  j = {std::isfinite(r.lo) ? json(r.lo) : json(nullptr), std::isfinite(r.hi) ? json(r.hi) : json(nullptr)};
}

OptimizerConfig parseOptimizer(const json& j, OptimizerConfig o) {
  Reader r(j, "optimizer.", {"name", "lr", "momentum", "beta1", "beta2", "epsilon"});
  o.kind = r.choice("name", o.kind);
  o.lr = r.number("lr", o.lr, kLearningRate);
  o.momentum = r.number("momentum", o.momentum, kBelowOne);
  o.beta1 = r.number("beta1", o.beta1, kBelowOne);
  o.beta2 = r.number("beta2", o.beta2, kBelowOne);
  o.epsilon = r.number("epsilon", o.epsilon, kEpsilon);
  return o;
}

RegularizationConfig parseRegularization(const json& j, RegularizationConfig g) {
  Reader r(j, "regularization.", {"kind", "rate"});
  g.kind = r.choice("kind", g.kind);
  g.rate = r.number("rate", g.rate, kRegularizationRate);
  return g;
}

long Config::parameterCount() const {
  long total = 0;
  for (std::size_t l = 1; l < layers.size(); ++l) total += static_cast<long>(layers[l]) * (layers[l - 1] + 1);
  return total;
}

Config parseConfig(const json& j) {
  Reader r(j, "", {"layers", "hidden", "activation", "output", "loss", "batch", "init", "seed", "leaky_slope",
                   "optimizer", "regularization", "features", "dataset"});
  Config c;
  if (r.has("dataset")) c.dataset = parseDataset(r.at("dataset"));
  const Problem problem = datasetProblem(c.dataset);
  const int classes = datasetClasses(c.dataset);

  if (r.has("features")) {
    const json& v = r.at("features");
    if (!v.is_array() || v.empty()) fail("features", v, "a non-empty array of " + allowedNames<Feature>());
    c.features.clear();
    for (std::size_t i = 0; i < v.size(); ++i) {
      const Feature f = Reader::choiceValue<Feature>("features[" + std::to_string(i) + "]", v[i]);
      if (std::find(c.features.begin(), c.features.end(), f) != c.features.end()) {
        fail("features[" + std::to_string(i) + "]", v[i], "each feature once");
      }
      c.features.push_back(f);
    }
  }
  // "hidden" is the page's form: [inputs, ...hidden, outputs] with the inputs and outputs the data set's,
  // and "features" applying to 2-D data only (a table's inputs are its columns).
  const bool hiddenForm = r.has("hidden");
  if (c.dataset.isTable()) {
    if (r.has("features") && !hiddenForm) {
      fail("features", r.at("features"), "no \"features\": the data set \"" + c.dataset.name + "\" is a table whose " +
           std::to_string(c.dataset.inputNames.size()) + " input columns are the network's inputs");
    }
    c.features.clear();
  }
  const int featureCount = c.dataset.isTable() ? static_cast<int>(c.dataset.inputNames.size()) : static_cast<int>(c.features.size());

  if (hiddenForm) {
    if (r.has("layers")) fail("hidden", r.at("hidden"), "either \"layers\" or \"hidden\", not both");
    const json& v = r.at("hidden");
    const std::string allowed = "an array of 0 to " + std::to_string(kMaxLayers - 2) + " unit counts, each from 1 to " +
                                std::to_string(kMaxUnits);
    if (!v.is_array() || v.size() > static_cast<std::size_t>(kMaxLayers - 2)) fail("hidden", v, allowed);
    c.layers.push_back(featureCount);
    for (std::size_t i = 0; i < v.size(); ++i) {
      c.layers.push_back(static_cast<int>(Reader::integerValue("hidden[" + std::to_string(i) + "]", v[i], 1, kMaxUnits,
                                                               "an integer from 1 to " + std::to_string(kMaxUnits))));
    }
    c.layers.push_back(classes);
  } else if (r.has("layers")) {
    const json& v = r.at("layers");
    const std::string allowed = "an array of 2 to " + std::to_string(kMaxLayers) + " unit counts, each from 1 to " +
                                std::to_string(kMaxUnits);
    if (!v.is_array() || v.size() < 2 || v.size() > static_cast<std::size_t>(kMaxLayers)) fail("layers", v, allowed);
    for (std::size_t i = 0; i < v.size(); ++i) {
      c.layers.push_back(static_cast<int>(Reader::integerValue("layers[" + std::to_string(i) + "]", v[i], 1, kMaxUnits,
                                                               "an integer from 1 to " + std::to_string(kMaxUnits))));
    }
    if (c.layers.front() != featureCount) {
      throw ConfigError("config: \"layers[0]\" is " + std::to_string(c.layers.front()) + " but there are " +
                        std::to_string(featureCount) + (c.dataset.isTable() ? " input columns" : " features") +
                        "; allowed: layers[0] = " + std::to_string(featureCount));
    }
    if (c.layers.back() != classes) {
      throw ConfigError("config: the last entry of \"layers\" is " + std::to_string(c.layers.back()) + " but the " +
                        problemName(problem) + " data set \"" + c.dataset.name + "\" needs " + std::to_string(classes) +
                        " output unit" + (classes == 1 ? "" : "s") + "; allowed: " + std::to_string(classes));
    }
  } else {
    c.layers = {featureCount, 4, 2, classes};
  }
  const int hidden = static_cast<int>(c.layers.size()) - 2;

  c.activations.assign(static_cast<std::size_t>(hidden), Activation::Tanh);
  if (r.has("activation")) {
    const json& v = r.at("activation");
    const auto hiddenOnly = [](const std::string& field, const json& item) {
      const Activation a = Reader::choiceValue<Activation>(field, item);
      if (a == Activation::Softmax) fail(field, item, "\"linear\", \"relu\", \"leaky_relu\", \"tanh\", \"sigmoid\" (softmax only as \"output\")");
      return a;
    };
    if (v.is_array()) {
      if (static_cast<int>(v.size()) != hidden) {
        fail("activation", v, "one name per hidden layer (" + std::to_string(hidden) + ") or a single name");
      }
      for (std::size_t i = 0; i < v.size(); ++i) c.activations[i] = hiddenOnly("activation[" + std::to_string(i) + "]", v[i]);
    } else {
      const Activation a = hiddenOnly("activation", v);
      c.activations.assign(static_cast<std::size_t>(hidden), a);
    }
  }

  // output and loss: defaults follow the problem and each other
  const Activation defaultOutput = problem == Problem::Regression ? Activation::Linear
                                   : problem == Problem::Multiclass ? Activation::Softmax : Activation::Sigmoid;
  const bool hasOutput = r.has("output"), hasLoss = r.has("loss");
  c.output = r.choice("output", defaultOutput);
  c.loss = r.choice("loss", Loss::Mse);
  if (!hasLoss) {
    c.loss = c.output == Activation::Softmax ? Loss::SoftmaxCrossEntropy
             : (c.output == Activation::Sigmoid && problem == Problem::Classification) ? Loss::Bce : Loss::Mse;
  } else if (!hasOutput) {
    if (c.loss == Loss::Bce) c.output = Activation::Sigmoid;
    if (c.loss == Loss::SoftmaxCrossEntropy) c.output = Activation::Softmax;
  }
  if (c.output == Activation::Softmax && c.outputs() < 2) {
    fail("output", json(activationName(c.output)), "softmax needs at least 2 output units (a multiclass data set); use \"sigmoid\"");
  }
  if (c.loss == Loss::Bce && (c.output != Activation::Sigmoid || problem != Problem::Classification)) {
    fail("loss", json("bce"), "\"bce\" only with \"output\": \"sigmoid\" on a two-class data set (here output \"" +
                                  std::string(activationName(c.output)) + "\", a " + problemName(problem) + " data set)");
  }
  if (c.loss == Loss::SoftmaxCrossEntropy && c.output != Activation::Softmax) {
    fail("loss", json("softmax_cross_entropy"), "\"softmax_cross_entropy\" only with \"output\": \"softmax\" (here \"" +
                                                    std::string(activationName(c.output)) + "\")");
  }

  c.batch = static_cast<int>(r.integer("batch", c.batch, 1, kMaxBatch));
  c.init = r.choice("init", c.init);
  c.seed = r.seed("seed", c.seed);
  c.leakySlope = r.number("leaky_slope", c.leakySlope, kUnitInterval);

  if (r.has("optimizer")) c.optimizer = parseOptimizer(r.at("optimizer"), c.optimizer);
  if (r.has("regularization")) c.regularization = parseRegularization(r.at("regularization"), c.regularization);

  const int widest = *std::max_element(c.layers.begin(), c.layers.end());
  if (static_cast<long>(c.batch) * widest > kMaxActivations) {
    throw ConfigError("config: \"batch\" " + std::to_string(c.batch) + " times the widest layer (" + std::to_string(widest) +
                      " units) makes " + std::to_string(static_cast<long>(c.batch) * widest) +
                      " activations per layer; allowed: at most " + std::to_string(kMaxActivations) +
                      " (a smaller batch or narrower layers)");
  }
  if (c.parameterCount() > kMaxParameters) {
    throw ConfigError("config: \"layers\" gives " + std::to_string(c.parameterCount()) +
                      " parameters; allowed: at most " + std::to_string(kMaxParameters));
  }
  return c;
}

Config parseConfigText(const std::string& text) {
  json j;
  try {
    j = parseBoundedJson(text, "config");
  } catch (const JsonInputError& e) {
    throw ConfigError(e.what());
  }
  return parseConfig(j);
}

void toJson(json& out, const Config& c) {
  out = json::object();
  out["layers"] = c.layers;
  out["activation"] = c.activations;  // names through enum_json.hpp
  out["output"] = c.output;
  out["loss"] = c.loss;
  out["batch"] = c.batch;
  out["init"] = c.init;
  out["seed"] = c.seed;
  out["leaky_slope"] = c.leakySlope;
  out["optimizer"] = {{"name", c.optimizer.kind}, {"lr", c.optimizer.lr},
                      {"momentum", c.optimizer.momentum}, {"beta1", c.optimizer.beta1},
                      {"beta2", c.optimizer.beta2}, {"epsilon", c.optimizer.epsilon}};
  out["regularization"] = {{"kind", c.regularization.kind}, {"rate", c.regularization.rate}};
  if (!c.dataset.isTable()) out["features"] = c.features;  // a table's inputs are its columns
  json d = {{"name", c.dataset.name}, {"n", c.dataset.n}, {"noise", c.dataset.noise}, {"seed", c.dataset.seed},
            {"train_fraction", c.dataset.trainFraction}};
  if (c.dataset.name == "custom" && c.dataset.isTable()) {
    d["points"] = tableCsv(c.dataset.points, c.dataset.inputNames, c.dataset.targetNames);
  } else if (c.dataset.name == "custom") {
    json pts = json::array();
    for (const Point& p : c.dataset.points) pts.push_back({p.x, p.y, p.label});
    d["points"] = pts;
  }
  out["dataset"] = d;
}

std::string configToString(const Config& c) {
  json j;
  toJson(j, c);
  return j.dump();
}

}  // namespace mc::nn
