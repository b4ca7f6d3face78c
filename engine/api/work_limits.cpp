#include "api/work_limits.hpp"

#include "api/session.hpp"
#include "nn/trainer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace mc::api {

namespace {

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

void checkWork(const std::string& call, double work, double limit, const std::string& what, const std::string& askForLess) {
  if (work > limit) {
    throw std::invalid_argument(call + ": " + what + " is about " + roughNumber(work) + " multiply-adds; allowed per call: " +
                                roughNumber(limit) + "; " + askForLess);
  }
}

// Samples of one update at this granularity (an epoch: the whole training set).
double samplesOf(const nn::Trainer& t, nn::Granularity g) {
  const double train = static_cast<double>(t.data().train.size());
  if (g == nn::Granularity::Sample) return 1.0;
  if (g == nn::Granularity::Batch) return std::min<double>(t.config().batch, train);
  return train;
}

}  // namespace

void checkPointsWork(const nn::Trainer& t, const std::string& call, std::size_t points) {
  const double n = static_cast<double>(points);
  checkWork(call, n * parameters(t), kMaxPassWork,
            "a pass over " + roughNumber(n) + " points with " + roughNumber(parameters(t)) + " parameters",
            "use fewer points or a smaller network");
}

void checkPassWork(const nn::Trainer& t, const std::string& call, std::size_t extraPoints) {
  checkPointsWork(t, call, t.data().train.size() + t.data().test.size() + extraPoints);
}

void checkGridWork(const nn::Trainer& t, const char* call, int resolution) {
  const double cells = static_cast<double>(resolution) * resolution;
  const double most = std::floor(std::sqrt(kMaxPassWork / parameters(t)));
  checkWork(call, cells * parameters(t), kMaxPassWork,
            "a " + std::to_string(resolution) + " x " + std::to_string(resolution) + " grid through " +
                roughNumber(parameters(t)) + " parameters",
            "use a resolution of at most " + roughNumber(most));
}

void checkStepWork(const nn::Trainer& t, const std::string& granularity, int count) {
  const nn::Granularity g = nn::parseGranularity(granularity);
  if (count <= 1 && g != nn::Granularity::Epoch) return;
  const double samples = samplesOf(t, g);
  const double perStep = 3 * samples * parameters(t);  // forward, backward, weight gradients
  checkWork("step", count * perStep, kMaxWorkPerCall,
            std::to_string(count) + " \"" + granularity + "\" step" + (count == 1 ? "" : "s") + " of " + roughNumber(samples) +
                " sample" + (samples == 1 ? "" : "s") + " with " + roughNumber(parameters(t)) + " parameters",
            "ask for at most " + roughNumber(std::max(1.0, std::floor(kMaxWorkPerCall / perStep))) +
                " steps per call (and call again)");
}

void checkTraceWork(const nn::Trainer& t, const std::string& granularity) {
  // The trace holds every node's value and gradient (samples x units each) and every parameter several
  // times; its gradient check runs the tape twice per checked entry (at most 64 per parameter tensor).
  const nn::Granularity g = nn::parseGranularity(granularity);
  if (g == nn::Granularity::Epoch) return;  // refused by the trainer with its own message
  const double samples = samplesOf(t, g);
  double units = 0;
  for (int u : t.config().layers) units += u;
  const double entries = samples * units + parameters(t);
  if (entries > kMaxTraceEntries) {
    throw std::invalid_argument("stepTraced: a traced \"" + granularity + "\" step of " + roughNumber(samples) + " sample" +
                                (samples == 1 ? "" : "s") + " through " + roughNumber(units) + " units and " +
                                roughNumber(parameters(t)) + " parameters records about " + roughNumber(entries) +
                                " values; allowed: " + roughNumber(kMaxTraceEntries) +
                                "; trace a \"sample\" step, or use a smaller batch or network");
  }
  const double checks = 2.0 * 64 * 2 * (static_cast<double>(t.config().layers.size()) - 1);
  checkWork("stepTraced", checks * samples * parameters(t), kMaxWorkPerCall,
            "the gradient check of a traced \"" + granularity + "\" step", "trace a \"sample\" step, or use a smaller batch or network");
}

void checkPredictInput(const nn::Trainer& t, const std::vector<double>& xs, const std::vector<double>& ys) {
  checkWork("predict", static_cast<double>(xs.size()) * parameters(t), kMaxPassWork,
            std::to_string(xs.size()) + " points through " + roughNumber(parameters(t)) + " parameters",
            "predict fewer points per call");
  for (std::size_t k = 0; k < xs.size() && k < ys.size(); ++k) {
    if (!std::isfinite(xs[k]) || !std::isfinite(ys[k])) {
      throw std::invalid_argument("predict: point " + std::to_string(k) + " (" + jsNumber(xs[k]) + ", " + jsNumber(ys[k]) +
                                  ") is not finite; give finite numbers for xs and ys");
    }
  }
}

}  // namespace mc::api
