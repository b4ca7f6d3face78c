#pragma once
// The current network and one training step as a short Python script ("pytorch" or "numpy") that rebuilds
// the same weights, inputs and targets (the whole training set as one batch), computes the loss, the
// gradients and the step with the same optimiser state, and prints them beside the engine's numbers.
#include "nn/trainer.hpp"

#include <string>

namespace mc::api {

std::string exportScript(const nn::Trainer& trainer, const std::string& framework);

}  // namespace mc::api
