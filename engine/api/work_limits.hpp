#pragma once
// The work one call of the session may do, in multiply-adds (limits in api/session.hpp), and the checks
// of a call's input that the facade makes before any work. Each check throws std::invalid_argument naming
// the call, what it would cost, and how to ask for less.
#include <cstddef>
#include <string>
#include <vector>

namespace mc::nn {
class Trainer;
}

namespace mc::api {

// One forward pass over every point (metrics) with `extraPoints` more: at most kMaxPassWork.
void checkPassWork(const nn::Trainer& trainer, const std::string& call, std::size_t extraPoints = 0);
// A pass over `points` points (a replacement data set), before it replaces anything.
void checkPointsWork(const nn::Trainer& trainer, const std::string& call, std::size_t points);
// A resolution x resolution grid through the network.
void checkGridWork(const nn::Trainer& trainer, const char* call, int resolution);
// `count` steps of `granularity`; a single update is always allowed (the config was accepted).
void checkStepWork(const nn::Trainer& trainer, const std::string& granularity, int count);
// A traced step: the values it records and its gradient check.
void checkTraceWork(const nn::Trainer& trainer, const std::string& granularity);
// predict(xs, ys): finite numbers, and the work of a pass over them.
void checkPredictInput(const nn::Trainer& trainer, const std::vector<double>& xs, const std::vector<double>& ys);

}  // namespace mc::api
