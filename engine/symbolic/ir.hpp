#pragma once
// A shaped matrix-expression IR for closed-form derivatives. Every node carries its shape; nodes are
// immutable and shared (Expr is a shared pointer), so a subexpression used twice is stored once.
//
// The constructors below are the simplifier: each builds its node in canonical form, so no expression
// is ever built in a non-canonical shape and no separate rewrite pass is needed:
//   add       flattens nested sums, drops 0, merges like terms (2X + 3X = 5X), sorts terms by their text
//   scale     c (d X) = (cd) X, 1 X = X, 0 X = 0; a scale floats out of products
//   matmul    I A = A, 0 A = 0, (cA)(dB) = (cd)(AB); never distributes over a sum
//   transpose pushed to the leaves: (AB)' = B'A', (A + B)' = A' + B', (X')' = X, a 1x1 is its own transpose
//   hadamard  1 (the all-ones matrix) * X = X, X * X = X^2, a scalar (1x1) operand is expanded
//   sum       sum(u * v) = u'v for columns, sum of a 1x1 = itself
//   inverse   inv(inv(X)) = X, inv(X') = inv(X)', inv(cX) = inv(X) / c; X inv(X) = I inside a product
//   kron, vec a 1x1 factor is a scale; vec of a column is itself, of a row its transpose
// Products are not distributed over sums: ||Ax - b||^2 differentiates to 2A'(Ax - b), not four terms.
#include "core/matrix.hpp"

#include <memory>
#include <string>
#include <vector>

namespace mc::sym {

enum class Kind {
  Variable,  // a declared variable, by name
  Number,    // a 1x1 constant (expanded over any shape where it meets one)
  Literal,   // a constant matrix written in the program
  Zero,      // the m x n zero matrix
  Identity,  // the n x n identity
  Ones,      // the m x n all-ones matrix (1 or 1^T for a vector)
  Add,       // n-ary sum; 1x1 terms are expanded over the sum's shape
  Scale,     // number * X
  MatMul,    // A @ B
  Transpose, // A'
  Hadamard,  // A * B element-wise; a 1x1 operand is expanded
  Divide,    // A / B element-wise; a 1x1 operand is expanded
  Power,     // A ^ p element-wise, p a number
  Apply,     // f(A) element-wise: exp, log, sin, cos, tanh, sigmoid, relu, sqrt, abs, step (A > 0)
  Sum,       // sum of all entries -> 1x1
  Stack,     // [A; B] vertically
  Diag,      // diag(v): the n x n matrix with the column v on its diagonal
  Det,       // det(A) -> 1x1
  Logdet,    // log|det(A)| -> 1x1
  Inverse,   // inv(A)
  Kron,      // kron(A, B), the Kronecker product
  Vec,       // vec(A): A's columns stacked into one column
};

enum class Fn { Exp, Log, Sin, Cos, Tanh, Sigmoid, Relu, Sqrt, Abs, Step };
const char* fnName(Fn f);  // its name in the calculator's language ("step" is written "(a > 0)")

struct Node;
using Expr = std::shared_ptr<const Node>;

struct Node {
  Kind kind;
  Index rows = 1, cols = 1;
  std::vector<Expr> args;
  std::string name;  // Variable
  double number = 0; // Number, Scale (the factor), Power (the exponent)
  Fn fn = Fn::Exp;   // Apply
  Matrix literal;    // Literal
  std::string key;   // canonical text (the calculator's language); equal keys = equal expressions
  int size = 1;      // nodes in the tree (shared nodes counted each time): the simplifier's budget
};

// Thrown when an expression grows past kMaxNodes: the answer then stays numeric with this message.
struct BudgetExceeded : std::runtime_error {
  using std::runtime_error::runtime_error;
};
constexpr int kMaxNodes = 4000;

Expr variable(const std::string& name, Index rows, Index cols);
Expr number(double c);
Expr literal(const Matrix& m);
Expr zero(Index rows, Index cols);
Expr identity(Index n);
Expr ones(Index rows, Index cols);
Expr add(const Expr& a, const Expr& b);
Expr sub(const Expr& a, const Expr& b);
Expr scale(double c, const Expr& a);
Expr neg(const Expr& a);
Expr matmul(const Expr& a, const Expr& b);
Expr transpose(const Expr& a);
Expr hadamard(const Expr& a, const Expr& b);
Expr divide(const Expr& a, const Expr& b);
Expr power(const Expr& a, double p);
Expr func(Fn f, const Expr& a);
Expr sum(const Expr& a);
Expr stack(const Expr& a, const Expr& b);
Expr diag(const Expr& v);  // v a column
// functions of a whole matrix (ir_matrix.cpp)
Expr det(const Expr& a);
Expr logdet(const Expr& a);
Expr inverse(const Expr& a);
Expr kron(const Expr& a, const Expr& b);
Expr vec(const Expr& a);

// Rows [first, first + count) of a, for the adjoint of a stack (a is a column built by stacking, or
// any matrix: then a literal selector matrix picks the rows).
Expr rowsOf(const Expr& a, Index first, Index count);

// For tests: a check called after every constructor with the node it was asked for (kind, operands,
// constant, function) and the canonical node it built, so that a test can evaluate both at random points
// and fail on a mismatch (tests/unit/symbolic/rewrite_check.cpp). Off (nullptr) by default.
struct Rewrite {
  Kind kind;
  std::vector<Expr> args;
  double number;
  Fn fn;
  Expr result;
};
using RewriteCheck = void (*)(const Rewrite& rewrite);
void setRewriteCheck(RewriteCheck check);

bool isZero(const Expr& e);
bool isScalar(const Expr& e);
std::string shapeOf(const Expr& e);  // "3x1"

}  // namespace mc::sym
