#pragma once
// The gradient of a network's data loss for every parameter at given points, without an update: what a
// developer compares with another framework's gradients (Session::gradients and `mc grad --json`).
#include "nn/trainer.hpp"

#include <string>
#include <vector>

namespace mc::api {

// {"loss": C, "lossWithReg": C + R, "points": N, "layers": [{"rows", "cols", "weights": dC/dW row-major,
//  "bias": dC/db}]}: C is the data loss (no regularisation term), every number to full double precision
// (JSON numbers that read back to the same double). The trainer is not changed.
std::string gradientsJson(const nn::Trainer& trainer, const std::vector<nn::Point>& points);

}  // namespace mc::api
