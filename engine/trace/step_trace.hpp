#pragma once
// One training step as the page shows it: the graph trace of the loss, then for every parameter its
// update (before, gradient, learning rate, after), a finite-difference check of every gradient, and the
// chain of factors of parameter entries (the first layer's weights first, up to a limit).
// Generic over the tape: the api facade fills it from the nn trainer, tests from hand-built tapes.
//
// JSON: the graph trace's object with kind "training-step", its keys in reading order: schemaVersion,
// kind, conventions, root, loss, dataLoss?, optimizer, learningRate, updateRule?, step?, nodes?,
// forward, backward, parameters, gradientCheck, chains (? : written when the caller set them).
#include "trace/chain_of_factors.hpp"
#include "trace/gradient_check.hpp"
#include "trace/graph_trace.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace mc::trace {

struct ParameterRef {
  Var var;
  std::string name;  // "W1", "b1", ...
  int layer = 0;     // 0-based (the name is 1-based)
  std::string role;  // "weight" or "bias"
};

struct ParameterStep {
  int id = -1;  // node id on the tape
  std::string name;
  int layer = 0;
  std::string role;
  Matrix before;
  Matrix gradient;  // d loss / d parameter, shaped like it
  Matrix after;     // empty until the update is applied
};

struct StepTrace {
  GraphTrace graph;
  double loss = 0;
  std::string optimizer = "sgd";
  double learningRate = 0;
  std::vector<ParameterStep> parameters;
  GradientCheck gradientCheck;
  std::vector<EntryChain> chains;
  // What the caller knows beyond the tape (the api facade: the trainer's step); absent when unset.
  std::optional<double> dataLoss;  // the loss without regularisation
  std::string updateRule;          // the optimiser's update in words
  nlohmann::json step;             // {number, granularity, samples, result}
  nlohmann::json nodes;            // the network's node ids by role
};

struct StepTraceOptions {
  TraceOptions graph;
  double fdStep = 1e-6;
  Index fdMaxEntries = 0;  // entries per parameter the FD check covers at most (0: all)
  // Chains of factors for parameter entries: every weight layer by layer (the first layer first), then
  // every bias layer by layer, entries column by column, at most this many in all (0: none).
  int maxChains = 64;
  ChainLimits chainLimits;
};

// Records everything but the "after" values: loss must be 1x1; backward is run (options.graph).
StepTrace traceStep(Tape& tape, Var loss, const std::vector<ParameterRef>& parameters, double learningRate,
                    const StepTraceOptions& options = {});

void to_json(nlohmann::json& j, const ParameterStep& p);
void to_json(nlohmann::ordered_json& j, const StepTrace& t);
void to_json(nlohmann::json& j, const StepTrace& t);

}  // namespace mc::trace
