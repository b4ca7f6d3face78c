#pragma once
// The gradient of one entry of a variable as the chain rule writes it by hand: a sum over paths from
// the loss down to that entry, each path a product of scalar factors, one per edge of the graph,
//   dE/dw = dE/dout * dout/dnet * dnet/dw   (one path; a batch or a hidden layer adds more).
// A factor d to[toEntry] / d from[fromEntry] is an entry of to's local Jacobian, computed by one
// forward-mode product on that node. Which entries an entry reaches comes from the op's structure, so a
// factor that happens to be 0 (a ReLU that is off, a sample with no error) stays visible on its path;
// only for an op of unknown structure does a factor of exactly 0 end the path (it adds nothing).
#include "core/tape.hpp"

#include <nlohmann/json_fwd.hpp>
#include <vector>

namespace mc::trace {

struct PathFactor {
  int to = -1;  // the node nearer the root
  Index toRow = 0, toCol = 0;
  int from = -1;
  Index fromRow = 0, fromCol = 0;
  double value = 0;  // d to(toRow, toCol) / d from(fromRow, fromCol)
};

struct EntryPath {
  std::vector<PathFactor> factors;  // from the root down to the variable, as the paper writes the chain
  double product = 0;
};

struct EntryChain {
  int variable = -1;
  Index row = 0, col = 0;
  double gradient = 0;  // Node::grad(row, col) as it stands (run backward first)
  std::vector<EntryPath> paths;
  double pathSum = 0;   // sum of the listed products; equals gradient when complete
  bool complete = true; // false when the paths or the work exceeded the limits (the listed ones are a prefix)
};

struct ChainLimits {
  int maxPaths = 64;
  long maxFactors = 100000;  // forward-mode products computed while searching
};

// root must be 1x1 and depend on variable; row, col index the variable.
EntryChain chainOfFactors(Tape& tape, Var root, Var variable, Index row, Index col, const ChainLimits& limits = {});

void to_json(nlohmann::json& j, const PathFactor& f);
// {nodes: [root, ..., variable], entries: [[row, col] of each], factors: [d nodes[i] / d nodes[i+1]], product}
void to_json(nlohmann::json& j, const EntryPath& p);
void to_json(nlohmann::json& j, const EntryChain& c);

}  // namespace mc::trace
