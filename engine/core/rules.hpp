#pragma once
// The rules of "The Matrix Calculus You Need For Deep Learning" (Parr & Howard) that the engine's ops
// illustrate. Every op names one; the trace and the lessons show its name and formula.
#include <cstdint>

namespace mc {

enum class Rule : std::uint8_t {
  Leaf,               // an input or a parameter: nothing to differentiate
  ScalarDerivative,   // item 3, applied element by element: diagonal Jacobian
  ElementWiseBinary,  // item 6: y = f(w) o g(x), diagonal Jacobians
  ScalarExpansion,    // item 7: x + z, x * z with a scalar z
  SumReduction,       // item 8: y = sum(f(x))
  VectorChainRule,    // item 9: dy/dx = (df/dg)(dg/dx)
  TotalDerivative,    // item 9: contributions of every path are added
  DotProduct,         // item 10: d(w.x)/dw = x^T
  MatrixProduct,      // item 10 for a layer: y = W x, dW = dy x^T
  BiasBroadcast,      // items 7 and 10: z = W x + b 1^T across a batch, db = sum of columns
  Relu,               // item 10: max(0, z), 0 where z <= 0 else 1
  Transpose,          // item 12: shapes; the Jacobian is a permutation
  MseLoss,            // item 11: C = (1/N) sum (y - yhat)^2
  CrossEntropyLoss,   // beyond the paper: BCE / softmax cross-entropy from logits
  Softmax,            // beyond the paper: J = diag(s) - s s^T per column
  Count
};

struct RuleInfo {
  const char* id;       // stable id used in JSON and lesson links, e.g. "elementwise-binary"
  int missionItem;      // MISSION.md checklist item, 0 when the rule goes beyond the paper
  const char* name;     // readable name
  const char* formula;  // LaTeX
};

const RuleInfo& ruleInfo(Rule rule);

}  // namespace mc
