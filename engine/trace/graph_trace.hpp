#pragma once
// A recorded computation as data the page can show, for any tape (a training step, a calculator
// expression): the forward pass node by node, then the backward pass node by node with the upstream
// gradient, each input's local Jacobian (full when small, its structure otherwise), the downstream
// gradient it sends, and the paper rule; where a node feeds several others, each share and their sum.
//
// Conventions, also written into the JSON ("conventions"):
// - Jacobians are in numerator layout: size(y) x size(input), entries counted column by column (vec).
// - Gradients (upstream, downstream, contributions) are stored shaped like their node's value:
//   downstream = reshape(vec(upstream)^T J), the transpose of the paper's row vector, laid out as the input.
// - Labels: "layer 1 / affine" is the scope "layer 1" and the name "affine"; the scope is everything
//   before the last " / " (empty when there is none, e.g. "W1", "loss").
#include "autodiff/fd_check.hpp"  // dependsOn
#include "core/tape.hpp"
#include "trace/jacobian_structure.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace mc::trace {

constexpr int kSchemaVersion = 1;

struct LabelParts {
  std::string scope;
  std::string name;
};
LabelParts splitLabel(const std::string& label);

// The arguments of node n's op as its rule functions take them (an empty b for a one-input op).
OpArgs argsOf(const Tape& tape, const Node& n);

struct RuleRef {
  std::string id;  // ruleInfo(rule).id, e.g. "elementwise-binary"
  int paperItem = 0;   // the lesson on the rule (the `lesson` URL row), 0 when none
  std::string section;   // the paper's section stating the rule, "" beyond the paper
  std::string name;
  std::string formula;  // LaTeX
};
RuleRef ruleRef(Rule rule);

struct ForwardNode {
  int id = -1;
  std::string op;    // opInfo(op).name
  std::string kind;  // "variable", "constant" or "op"
  std::string label, scope, name;
  std::vector<int> inputs;
  bool hasParam = false;  // the op has a constant (exponent, scale, slope)
  double param = 0;
  bool needsGrad = false;
  bool reachesRoot = false;  // the root depends on it (false e.g. for a prediction beside a fused loss)
  RuleRef rule;
  Matrix value;
};

// Node id of the tape as the page shows it; reachesRoot is left false for the caller to set. Its JSON
// (to_json below) is the one node schema of every graph the engine writes: the step trace's forward
// pass and the calculator's tape graph (which adds the node's source text and span).
ForwardNode forwardNode(const Tape& tape, int id);

// One input of a node, seen from that node.
struct LocalJacobian {
  int input = -1;  // the input's node id
  int slot = 0;    // 0 = first operand, 1 = second
  bool needsGrad = false;  // false for constants and data: no Jacobian or gradient is computed
  Index rows = 0, cols = 0;  // size(y) x size(input)
  bool full = false;         // matrix holds the whole Jacobian (rows * cols <= the trace's limit)
  Matrix matrix;
  JacobianStructure structure;
  Matrix downstream;  // what this node adds to the input's gradient, shaped like the input
};

struct Contribution {
  int consumer = -1;  // the node that sent it
  int slot = 0;       // as which operand of that node
  Matrix gradient;    // shaped like the receiving node
};

struct BackwardNode {
  int id = -1;
  Matrix upstream;  // d root / d node (Node::grad), shaped like the node
  RuleRef rule;
  std::vector<LocalJacobian> inputs;
  std::vector<int> consumers;  // nodes on the way to the root that use this one
  // When there are two or more consumers: each one's share and their sum, which equals upstream
  // (the total-derivative rule). Empty otherwise.
  std::vector<Contribution> contributions;
  Matrix contributionSum;
};

struct GraphTrace {
  int root = -1;
  std::vector<ForwardNode> forward;    // tape order: every node of the tape (reachesRoot marks the root's)
  std::vector<BackwardNode> backward;  // root first, then every node that needs a gradient, down the tape
};

struct TraceOptions {
  bool runBackward = true;  // zeroGrad() then backward(root, seed) first; false: use the grads as they are
  Matrix seed;              // d root / d root; empty means 1 (the root must then be 1x1)
  Index maxFullJacobian = 64;  // entries up to which a local Jacobian is written in full
};

// Reads the tape (and, with runBackward, sets its gradients). Values are left as they were.
GraphTrace traceGraph(Tape& tape, Var root, const TraceOptions& options = {});

void to_json(nlohmann::json& j, const RuleRef& r);
void to_json(nlohmann::json& j, const ForwardNode& n);
void to_json(nlohmann::json& j, const LocalJacobian& l);
void to_json(nlohmann::json& j, const Contribution& c);
void to_json(nlohmann::json& j, const BackwardNode& n);
// A trace's top-level keys are written in reading order into an ordered_json (schemaVersion, kind,
// conventions, root, then what a caller adds, then forward and backward); nested objects are
// nlohmann::json, keys in alphabetical order.
void writeTraceHead(nlohmann::ordered_json& j, const GraphTrace& t, const char* kind);  // schemaVersion .. root
void writeTraceNodes(nlohmann::ordered_json& j, const GraphTrace& t);                   // forward, backward
void to_json(nlohmann::ordered_json& j, const GraphTrace& t);  // {schemaVersion, kind: "graph", conventions, ...}
void to_json(nlohmann::json& j, const GraphTrace& t);

}  // namespace mc::trace
