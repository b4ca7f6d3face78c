#pragma once
// One training step of an nn::Trainer, recorded, traced and applied: the JSON behind the page's
// "walk through this step" panel (Session::stepTraced returns it).
//
// The JSON is the step trace of engine/trace/step_trace.hpp (schemaVersion, conventions, root, forward,
// backward, loss, optimizer, learningRate, parameters, gradientCheck, chains) plus:
//   "dataLoss": the loss without regularisation
//   "step":   {number, granularity, samples (training-set indices, in column order), result (StepResult)}
//   "nodes":  {input, target, output, dataLoss, loss, layers: [{weight, bias, product, affine, activation}]}
//             node ids, so the page can map the network drawing onto the graph
//   "updateRule": the optimiser's rule, e.g. "p <- p - lr g"
// Every parameter entry gets "after" (its value once the update is applied; equal to "before" when the
// step diverged). Label convention of the nodes: "layer 1 / affine" = scope "layer 1", name "affine".
#include "trace/step_trace.hpp"

#include <string>

namespace mc::nn {
class Trainer;
}

namespace mc::api {

// granularity: "sample" or "batch" (an nn::ConfigError otherwise). Applies the update to the trainer.
std::string tracedStep(nn::Trainer& trainer, const std::string& granularity);
trace::StepTrace tracedStepTrace(nn::Trainer& trainer, const std::string& granularity);

}  // namespace mc::api
