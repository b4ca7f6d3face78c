#include "api/session.hpp"

#include "api/export_script.hpp"
#include "api/gradients.hpp"
#include "api/plane.hpp"
#include "api/traced_step.hpp"
#include "api/work_limits.hpp"
#include "core/bounded_json.hpp"

#include "nn/trainer.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>


namespace mc::api {

using nlohmann::json;

namespace {

int checkedResolution(const char* what, int resolution) {
  if (resolution < 1 || resolution > kMaxResolution) {
    throw std::invalid_argument(std::string(what) + ": resolution " + std::to_string(resolution) +
                                " is out of range; allowed 1 .. " + std::to_string(kMaxResolution));
  }
  return resolution;
}

// Cell centres of a resolution x resolution grid over the extent: xs, ys, row-major cells, row 0 at the top.
void gridCoordinates(int resolution, const PlaneExtent& e, std::vector<double>& xs, std::vector<double>& ys) {
  const auto n = static_cast<std::size_t>(resolution);
  const double cx = (e.xMax - e.xMin) / static_cast<double>(n), cy = (e.yMax - e.yMin) / static_cast<double>(n);
  xs.resize(n * n);
  ys.resize(n * n);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t c = 0; c < n; ++c) {
      xs[r * n + c] = e.xMin + (static_cast<double>(c) + 0.5) * cx;
      ys[r * n + c] = e.yMax - (static_cast<double>(r) + 0.5) * cy;
    }
  }
}

// A matrix as a row-major list (Eigen stores column-major).
json rowMajor(const Matrix& m) {
  json out = json::array();
  for (Index i = 0; i < m.rows(); ++i) {
    for (Index j = 0; j < m.cols(); ++j) out.push_back(m(i, j));
  }
  return out;
}

json pointList(const std::vector<nn::Point>& points, InputPair pair) {
  json out = json::array();
  for (const nn::Point& p : points) {
    json q = {{"x", planeX(p, pair)}, {"y", planeY(p, pair)}, {"label", p.label}};
    if (!p.in.empty()) q["in"] = p.in;
    if (!p.out.empty()) q["out"] = p.out;
    out.push_back(std::move(q));
  }
  return out;
}

// The session's pair, or the first two inputs when the data set no longer has it (a new model).
InputPair pairOf(const nn::Trainer& t, int x, int y) {
  try {
    return checkedPair(t, x, y);
  } catch (const std::invalid_argument&) {
    const int n = t.data().isTable() ? static_cast<int>(t.data().inputNames.size()) : 2;
    return {0, n > 1 ? 1 : 0};
  }
}

json orNull(double value, bool present) { return present && std::isfinite(value) ? json(value) : json(nullptr); }

}  // namespace

Session::Session(const std::string& configJson)
    : trainer_(std::make_unique<nn::Trainer>(configJson)) {
  checkPassWork(*trainer_, "config");
}

Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

std::string Session::step(const std::string& granularity, int count) {
  const nn::Granularity g = nn::parseGranularity(granularity);
  if (count < 1 || count > kMaxStepsPerCall) {
    throw std::invalid_argument("step: count " + std::to_string(count) + " is out of range; allowed 1 .. " +
                                std::to_string(kMaxStepsPerCall));
  }
  checkStepWork(*trainer_, granularity, count);
  // One trainer step at a time, so every step's loss can be reported (the page's loss curve).
  losses_.clear();
  const nn::StepResult* result = nullptr;  // owned by the trainer, valid until its next call
  std::int64_t updates = 0;
  for (int k = 0; k < count; ++k) {
    result = &trainer_->step(g, 1);
    updates += result->updates;
    if (!result->ok) break;
    losses_.push_back(result->meanLoss);
  }
  const nn::StepResult& last = *result;
  json out = {{"status", last.status},
              {"message", last.message},
              {"stepsDone", updates},
              {"step", last.step},
              {"epoch", last.epoch},
              {"loss", last.loss},
              {"lossWithReg", last.lossWithRegularization},
              {"gradNorm", last.gradientNorms.total},
              {"losses", losses_}};
  json norms = json::array();
  for (std::size_t l = 0; l < last.gradientNorms.weights.size(); ++l) {
    norms.push_back({{"weights", last.gradientNorms.weights[l]},
                     {"bias", l < last.gradientNorms.biases.size() ? last.gradientNorms.biases[l] : 0.0}});
  }
  out["gradNorms"] = std::move(norms);
  return out.dump();
}

std::string Session::stepTraced(const std::string& granularity) {
  checkTraceWork(*trainer_, granularity);
  return tracedStep(*trainer_, granularity);
}

std::string Session::metrics() const {
  const nn::Metrics m = trainer_->metrics();
  const bool regression = m.problem == nn::Problem::Regression;
  auto split = [&](double loss, double withReg, double accuracy, double r2, int count) {
    return json{{"loss", loss},
                {"lossWithReg", withReg},
                {"accuracy", orNull(accuracy, !regression)},
                {"r2", orNull(r2, regression)},
                {"count", count}};
  };
  json out = {{"train", split(m.trainLoss, m.trainLossWithRegularization, m.trainAccuracy, m.trainR2, m.trainCount)},
              {"test", split(m.testLoss, m.testLossWithRegularization, m.testAccuracy, m.testR2, m.testCount)},
              {"regularization", m.regularization},
              {"problem", nn::problemName(m.problem)},
              {"step", trainer_->stepCount()},
              {"epoch", trainer_->epochCount()}};
  return out.dump();
}

std::string Session::gridInfo(int resolution) const {
  checkedResolution("gridInfo", resolution);
  const InputPair pair = pairOf(*trainer_, pairX_, pairY_);
  const PlaneExtent e = planeExtent(*trainer_, pair);
  json out = {{"rows", resolution}, {"cols", resolution}, {"channels", trainer_->network().outputs()},
              {"xMin", e.xMin},  {"xMax", e.xMax},  {"yMin", e.yMin},
              {"yMax", e.yMax}, {"xName", e.xName}, {"yName", e.yName}, {"pair", {pair.x, pair.y}}};
  return out.dump();
}

void Session::setInputPair(int x, int y) {
  const InputPair pair = checkedPair(*trainer_, x, y);
  pairX_ = pair.x;
  pairY_ = pair.y;
}

namespace {
Matrix gridInputs(const nn::Trainer& t, int resolution, int pairX, int pairY) {
  const InputPair pair = pairOf(t, pairX, pairY);
  std::vector<double> xs, ys;
  gridCoordinates(resolution, planeExtent(t, pair), xs, ys);
  return planeInputs(t, pair, xs, ys);
}
}  // namespace

std::vector<double> Session::predictGrid(int resolution) const {
  checkGridWork(*trainer_, "predictGrid", checkedResolution("predictGrid", resolution));
  const Matrix points = gridInputs(*trainer_, checkedResolution("predictGrid", resolution), pairX_, pairY_);
  Matrix out;
  trainer_->predict(points, out);
  // out is outputs x cells, column-major: exactly "cell-major, channel fastest".
  return std::vector<double>(out.data(), out.data() + out.size());
}

std::vector<double> Session::predict(const std::vector<double>& xs, const std::vector<double>& ys) const {
  if (xs.size() != ys.size()) {
    throw std::invalid_argument("predict: xs has " + std::to_string(xs.size()) + " values but ys has " +
                                std::to_string(ys.size()));
  }
  checkPredictInput(*trainer_, xs, ys);
  const Matrix points = planeInputs(*trainer_, pairOf(*trainer_, pairX_, pairY_), xs, ys);
  Matrix out;
  trainer_->predict(points, out);
  return std::vector<double>(out.data(), out.data() + out.size());
}

std::vector<double> Session::neuronGrids(int resolution) const {
  checkGridWork(*trainer_, "neuronGrids", checkedResolution("neuronGrids", resolution));
  const Matrix points = gridInputs(*trainer_, checkedResolution("neuronGrids", resolution), pairX_, pairY_);
  std::vector<Matrix> layers;
  trainer_->neuronOutputs(points, layers);
  std::vector<double> out;
  std::size_t total = 0;
  for (const Matrix& m : layers) total += static_cast<std::size_t>(m.size());
  out.reserve(total);
  for (const Matrix& m : layers) {  // units x cells: one row per neuron
    for (Index k = 0; k < m.rows(); ++k) {
      for (Index c = 0; c < m.cols(); ++c) out.push_back(m(k, c));
    }
  }
  return out;
}

std::string Session::neuronCounts() const {
  return json(trainer_->config().layers).dump();
}

std::string Session::weights() const {
  const nn::Network& net = trainer_->network();
  json layers = json::array();
  for (int l = 0; l < net.layerCount(); ++l) {
    const nn::DenseLayer& layer = net.layer(l);
    layers.push_back({{"rows", layer.weight.rows()},
                      {"cols", layer.weight.cols()},
                      {"weights", rowMajor(layer.weight)},
                      {"weightGrads", rowMajor(trainer_->weightGradient(l))},
                      {"bias", rowMajor(layer.bias)},
                      {"biasGrads", rowMajor(trainer_->biasGradient(l))},
                      {"activation", nn::activationName(layer.activation)},
                      {"outputRange", nn::activationRange(layer.activation)}});
  }
  return json{{"layers", std::move(layers)}}.dump();
}

std::string Session::gradients(const std::string& pointsCsvOrJson) const {
  const bool all = pointsCsvOrJson.find_first_not_of(" \t\r\n") == std::string::npos;
  return gradientsJson(*trainer_, all ? trainer_->data().train : trainer_->checkedPoints(pointsCsvOrJson));
}

void Session::setWeight(int layer, int row, int col, double value) { trainer_->setWeight(layer, row, col, value); }

void Session::setBias(int layer, int row, double value) { trainer_->setBias(layer, row, value); }

std::string Session::points() const {
  const nn::DataSet& data = trainer_->data();
  const InputPair pair = pairOf(*trainer_, pairX_, pairY_);
  return json{{"train", pointList(data.train, pair)}, {"test", pointList(data.test, pair)}}.dump();
}

std::string Session::evaluation() const { return evaluationJson(*trainer_); }

void Session::addPoint(double x, double y, double label, bool test) {
  checkPassWork(*trainer_, "addPoint", 1);
  trainer_->addPoint({x, y, label}, test);
}

std::string Session::setPoints(const std::string& csvOrJson) {
  // Counted on a parsed copy first, so a refused set leaves the session unchanged.
  checkPointsWork(*trainer_, "setPoints", nn::parsePointTable(csvOrJson).points.size());
  trainer_->setPoints(csvOrJson);
  return points();
}

std::string Session::exportModel() const { return trainer_->saveJson(); }

std::string Session::exportScript(const std::string& framework) const { return api::exportScript(*trainer_, framework); }

void Session::importModel(const std::string& modelJson) {
  std::unique_ptr<nn::Trainer> loaded = nn::Trainer::loadJson(modelJson);  // throws before any change
  checkPassWork(*loaded, "importModel");
  trainer_ = std::move(loaded);
}

void Session::reset(double seed) {
  if (!std::isfinite(seed) || seed != std::floor(seed) || seed > 9007199254740992.0) {
    throw std::invalid_argument("reset: seed " + json(seed).dump() +
                                " is not an integer in 0 .. 2^53 (or negative for the config's seed)");
  }
  trainer_->reset(seed < 0 ? trainer_->config().seed : static_cast<std::uint64_t>(seed));
}

std::string Session::applySettings(const std::string& settingsJson) {
  const json j = parseBoundedJson(settingsJson, "applySettings");  // "applySettings: not valid JSON: ..."
  if (!j.is_object()) throw std::invalid_argument("applySettings: give a JSON object such as {\"optimizer\": {\"lr\": 0.01}}");
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() != "optimizer" && it.key() != "regularization") {
      throw std::invalid_argument("applySettings: \"" + it.key().substr(0, 40) +
                                  "\" cannot change on a running network (a change of architecture, data or seed "
                                  "needs a new session); live fields: \"optimizer\", \"regularization\"");
    }
  }
  const nn::Config& c = trainer_->config();
  // Both are parsed before either applies, so a refused value changes nothing.
  const nn::OptimizerConfig optimizer = j.contains("optimizer") ? nn::parseOptimizer(j["optimizer"], c.optimizer) : c.optimizer;
  const nn::RegularizationConfig regularization =
      j.contains("regularization") ? nn::parseRegularization(j["regularization"], c.regularization) : c.regularization;
  trainer_->setLiveSettings(optimizer, regularization);
  return config();
}

std::string Session::config() const { return trainer_->configJson(); }

std::string Session::configSchema() { return nn::configSchema().dump(); }

}  // namespace mc::api
