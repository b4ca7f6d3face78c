#pragma once
// The symbolic rule of every engine op, in a table keyed by the op enum (one row per mc::Op, in enum
// order, checked at start-up and by a test that fails when an op has no row).
//
// Why a table here and not a field of the op row in engine/ops: the IR sits above the ops (ops know
// matrices, not expressions), and the op table is linked into the training step's hot code, which
// must not pull the IR and its printing into every build. The row for op X lives here, beside the
// rows of X's neighbours, and names the paper's rule through the op's own Rule.
//
// Calling convention (a, b = the inputs' closed forms, b null for a unary op; p = the op's constant):
//   value(a, b, p)           the op's output as an expression
//   vjp(k, a, b, p, y, gy)   the adjoint contribution to input k, shaped like input k: the paper's
//                            reverse rules (C̄B', A'C̄, C̄ ⊙ f'(A), sum -> 1 ...)
//   jvp(a, b, p, y, ja, jb)  the Jacobian of y by the variable from its inputs' Jacobians ja, jb (null
//                            when the input does not depend on the variable): the forward rules
//                            (diag(f'(u)) J_u, 1' J_u, diag(v) J_u + diag(u) J_v ...); vectors only
// A row without a closed form (value == nullptr) says why in `missing`.
#include "ops/op.hpp"
#include "symbolic/ir.hpp"

#include <stdexcept>

namespace mc::sym {

// A derivative that has no closed form here (e.g. a Jacobian that would be a third-order tensor).
struct NoClosedForm : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct SymbolicRule {
  Op op;
  const char* step;  // the rule's name in a derivation step
  Expr (*value)(const Expr& a, const Expr& b, double p);
  Expr (*vjp)(int k, const Expr& a, const Expr& b, double p, const Expr& y, const Expr& gy);
  Expr (*jvp)(const Expr& a, const Expr& b, double p, const Expr& y, const Expr& ja, const Expr& jb);
  Expr (*slope)(const Expr& a, const Expr& y, double p);  // element-wise ops: f'(a), instead of vjp and jvp
  const char* missing;  // why there is no closed form (value == nullptr)
};

const SymbolicRule& symbolicRule(Op op);

// The adjoint contribution to input k, and the output's Jacobian from its inputs' (see above).
Expr adjoint(const SymbolicRule& r, int k, const Expr& a, const Expr& b, double p, const Expr& y, const Expr& gy);
Expr tangent(const SymbolicRule& r, const Expr& a, const Expr& b, double p, const Expr& y, const Expr& ja,
             const Expr& jb);

// For tests: every row, in enum order.
int symbolicRuleCount();

}  // namespace mc::sym
