#include "api/session.hpp"

#include "nn/trainer.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

// The trace (engine/api/traced_step.*) joins the api module when its files exist.
#if __has_include("api/traced_step.hpp")
#include "api/traced_step.hpp"
#define MC_HAS_TRACE 1
#else
#define MC_HAS_TRACE 0
#endif


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

std::string roughNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

// A number as JavaScript writes it (NaN, Infinity), for messages about values that came from there.
std::string jsNumber(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

double parameters(const nn::Trainer& t) { return static_cast<double>(t.config().parameterCount()); }

// Refuses a call whose work (multiply-adds) passes `limit`, saying what it would cost and how to ask for less.
void checkWork(const std::string& call, double work, double limit, const std::string& what, const std::string& askForLess) {
  if (work > limit) {
    throw std::invalid_argument(call + ": " + what + " is about " + roughNumber(work) + " multiply-adds; allowed per call: " +
                                roughNumber(limit) + "; " + askForLess);
  }
}

// One forward pass over every point (what metrics() does) must fit kMaxPassWork.
void checkPassWork(const nn::Trainer& t, const std::string& call, std::size_t extraPoints = 0) {
  const double points = static_cast<double>(t.data().train.size() + t.data().test.size() + extraPoints);
  checkWork(call, points * parameters(t), kMaxPassWork,
            "a pass over " + roughNumber(points) + " points with " + roughNumber(parameters(t)) + " parameters",
            "use fewer points or a smaller network");
}

// A grid of resolution^2 cells through the network.
void checkGridWork(const nn::Trainer& t, const char* call, int resolution) {
  const double cells = static_cast<double>(resolution) * resolution;
  const double most = std::floor(std::sqrt(kMaxPassWork / parameters(t)));
  checkWork(call, cells * parameters(t), kMaxPassWork,
            "a " + std::to_string(resolution) + " x " + std::to_string(resolution) + " grid through " +
                roughNumber(parameters(t)) + " parameters",
            "use a resolution of at most " + roughNumber(most));
}

// Cell centres of a resolution x resolution grid as a 2 x n matrix, row-major cells, row 0 at the top.
Matrix gridPoints(int resolution) {
  const Index n = resolution;
  const double cell = (kPlaneMax - kPlaneMin) / static_cast<double>(n);
  Matrix points(2, n * n);
  for (Index r = 0; r < n; ++r) {
    for (Index c = 0; c < n; ++c) {
      points(0, r * n + c) = kPlaneMin + (static_cast<double>(c) + 0.5) * cell;
      points(1, r * n + c) = kPlaneMax - (static_cast<double>(r) + 0.5) * cell;
    }
  }
  return points;
}

// A matrix as a row-major list (Eigen stores column-major).
json rowMajor(const Matrix& m) {
  json out = json::array();
  for (Index i = 0; i < m.rows(); ++i) {
    for (Index j = 0; j < m.cols(); ++j) out.push_back(m(i, j));
  }
  return out;
}

json pointList(const std::vector<nn::Point>& points) {
  json out = json::array();
  for (const nn::Point& p : points) out.push_back({{"x", p.x}, {"y", p.y}, {"label", p.label}});
  return out;
}

json orNull(double value, bool present) { return present && std::isfinite(value) ? json(value) : json(nullptr); }

}  // namespace

Session::Session(const std::string& configJson)
    : trainer_(std::make_unique<nn::Trainer>(nn::parseConfigText(configJson))) {
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
  // One update is always allowed (the config was accepted); more must fit kMaxWorkPerCall.
  const nn::DataSet& data = trainer_->data();
  const double samples = g == nn::Granularity::Sample ? 1.0
                         : g == nn::Granularity::Batch ? std::min<double>(trainer_->config().batch, static_cast<double>(data.train.size()))
                                                       : static_cast<double>(data.train.size());
  const double perStep = 3 * samples * parameters(*trainer_);
  if (count > 1 || g == nn::Granularity::Epoch) {
    checkWork("step", count * perStep, kMaxWorkPerCall,
              std::to_string(count) + " \"" + granularity + "\" step" + (count == 1 ? "" : "s") + " of " +
                  roughNumber(samples) + " sample" + (samples == 1 ? "" : "s") + " with " + roughNumber(parameters(*trainer_)) +
                  " parameters",
              "ask for at most " + roughNumber(std::max(1.0, std::floor(kMaxWorkPerCall / perStep))) +
                  " steps per call (and call again)");
  }
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
#if MC_HAS_TRACE
  // The trace holds every node's value and gradient (samples x units each) and every parameter several
  // times; its gradient check runs the tape twice per checked entry (at most 64 per parameter tensor).
  const nn::Granularity g = nn::parseGranularity(granularity);
  if (g != nn::Granularity::Epoch) {
    const nn::Config& c = trainer_->config();
    const double samples = g == nn::Granularity::Sample ? 1.0 : std::min<double>(c.batch, static_cast<double>(trainer_->data().train.size()));
    double units = 0;
    for (int u : c.layers) units += u;
    const double entries = samples * units + parameters(*trainer_);
    if (entries > kMaxTraceEntries) {
      throw std::invalid_argument("stepTraced: a traced \"" + granularity + "\" step of " + roughNumber(samples) + " sample" +
                                  (samples == 1 ? "" : "s") + " through " + roughNumber(units) + " units and " +
                                  roughNumber(parameters(*trainer_)) + " parameters records about " + roughNumber(entries) +
                                  " values; allowed: " + roughNumber(kMaxTraceEntries) +
                                  "; trace a \"sample\" step, or use a smaller batch or network");
    }
    const double checks = 2.0 * 64 * 2 * (static_cast<double>(c.layers.size()) - 1);
    checkWork("stepTraced", checks * samples * parameters(*trainer_), kMaxWorkPerCall,
              "the gradient check of a traced \"" + granularity + "\" step",
              "trace a \"sample\" step, or use a smaller batch or network");
  }
  return tracedStep(*trainer_, granularity);
#else
  nn::parseGranularity(granularity);
  throw std::invalid_argument("stepTraced: this build of the engine has no trace yet");
#endif
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
  json out = {{"rows", resolution}, {"cols", resolution}, {"channels", trainer_->network().outputs()},
              {"xMin", kPlaneMin},  {"xMax", kPlaneMax},  {"yMin", kPlaneMin},
              {"yMax", kPlaneMax}};
  return out.dump();
}

std::vector<double> Session::predictGrid(int resolution) const {
  checkGridWork(*trainer_, "predictGrid", checkedResolution("predictGrid", resolution));
  const Matrix points = gridPoints(resolution);
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
  checkWork("predict", static_cast<double>(xs.size()) * parameters(*trainer_), kMaxPassWork,
            std::to_string(xs.size()) + " points through " + roughNumber(parameters(*trainer_)) + " parameters",
            "predict fewer points per call");
  for (std::size_t k = 0; k < xs.size(); ++k) {
    if (!std::isfinite(xs[k]) || !std::isfinite(ys[k])) {
      throw std::invalid_argument("predict: point " + std::to_string(k) + " (" + jsNumber(xs[k]) + ", " + jsNumber(ys[k]) +
                                  ") is not finite; give finite numbers for xs and ys");
    }
  }
  Matrix points(2, static_cast<Index>(xs.size()));
  for (std::size_t k = 0; k < xs.size(); ++k) {
    points(0, static_cast<Index>(k)) = xs[k];
    points(1, static_cast<Index>(k)) = ys[k];
  }
  Matrix out;
  trainer_->predict(points, out);
  return std::vector<double>(out.data(), out.data() + out.size());
}

std::vector<double> Session::neuronGrids(int resolution) const {
  checkGridWork(*trainer_, "neuronGrids", checkedResolution("neuronGrids", resolution));
  const Matrix points = gridPoints(resolution);
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
                      {"activation", nn::activationName(layer.activation)}});
  }
  return json{{"layers", std::move(layers)}}.dump();
}

void Session::setWeight(int layer, int row, int col, double value) { trainer_->setWeight(layer, row, col, value); }

void Session::setBias(int layer, int row, double value) { trainer_->setBias(layer, row, value); }

std::string Session::points() const {
  const nn::DataSet& data = trainer_->data();
  return json{{"train", pointList(data.train)}, {"test", pointList(data.test)}}.dump();
}

void Session::addPoint(double x, double y, double label, bool test) {
  checkPassWork(*trainer_, "addPoint", 1);
  trainer_->addPoint({x, y, label}, test);
}

std::string Session::setPoints(const std::string& csvOrJson) {
  // Checked on a copy of the points first, so a refused set leaves the session unchanged.
  const std::vector<nn::Point> parsed = nn::parsePoints(csvOrJson);
  const double work = static_cast<double>(parsed.size()) * parameters(*trainer_);
  checkWork("setPoints", work, kMaxPassWork,
            "a pass over " + roughNumber(static_cast<double>(parsed.size())) + " points with " + roughNumber(parameters(*trainer_)) +
                " parameters",
            "use fewer points or a smaller network");
  trainer_->setPoints(csvOrJson);
  return points();
}

std::string Session::exportModel() const { return trainer_->saveJson(); }

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

std::string Session::config() const { return trainer_->configJson(); }

}  // namespace mc::api
