#pragma once
// The rules of "The Matrix Calculus You Need For Deep Learning" (Parr & Howard) that the engine's ops
// illustrate. Every op names one; the trace and the lessons show its name and formula.
#include <cstdint>

namespace mc {

enum class Rule : std::uint8_t {
  Leaf,               // an input or a parameter: nothing to differentiate
  ScalarDerivative,   // lesson 3, applied element by element: diagonal Jacobian
  ElementWiseBinary,  // lesson 6: y = f(w) o g(x), diagonal Jacobians
  ScalarExpansion,    // lesson 7: x + z, x * z with a scalar z
  SumReduction,       // lesson 8: y = sum(f(x))
  VectorChainRule,    // lesson 9: dy/dx = (df/dg)(dg/dx)
  TotalDerivative,    // lesson 9: contributions of every path are added
  DotProduct,         // lesson 10: d(w.x)/dw = x^T
  MatrixProduct,      // lesson 10 for a layer: y = W x, dW = dy x^T
  BiasBroadcast,      // lessons 7 and 10: z = W x + b 1^T across a batch, db = sum of columns
  Relu,               // lesson 10: max(0, z), 0 where z <= 0 else 1
  Transpose,          // lesson 12: shapes; the Jacobian is a permutation
  MseLoss,            // lesson 11: C = (1/N) sum (y - yhat)^2
  BinaryCrossEntropy,   // beyond the paper: C = mean of BCE(sigmoid(z), t), fused with the sigmoid
  SoftmaxCrossEntropy,  // beyond the paper: C = mean over columns of -t . log softmax(z), fused
  Softmax,            // beyond the paper: J = diag(s) - s s^T per column
  LeakyRelu,          // beyond the paper: max(alpha z, z), slope alpha where z <= 0 else 1
  MeanReduction,      // lesson 8 scaled: y = mean(x), dy/dx = (1/n) 1^T
  Stack,              // lesson 5's Jacobian of stacked pieces: d[a; b]/da = [I; 0]
  Determinant,        // beyond the paper: d det(X)/dX = det(X) X^-T (Matrix Cookbook (49))
  LogDeterminant,     // beyond the paper: d log|det(X)|/dX = X^-T (Matrix Cookbook (57))
  Inverse,            // beyond the paper: d(X^-1) = -X^-1 dX X^-1 (Matrix Cookbook (59))
  Kronecker,          // beyond the paper: d(A kron B) = dA kron B + A kron dB
  Vec,                // beyond the paper: vec(X) stacks the columns; its Jacobian is I
  Count
};

struct RuleInfo {
  const char* id;       // stable id used in JSON and lesson links, e.g. "elementwise-binary"
  int paperItem;        // the paper's item the rule illustrates: its lesson number (the `lesson` URL row), 0 when none
  const char* section;  // the paper's section that states the rule, "" when it goes beyond the paper
  const char* name;     // readable name
  const char* formula;  // LaTeX
};

const RuleInfo& ruleInfo(Rule rule);

}  // namespace mc
