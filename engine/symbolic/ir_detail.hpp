#pragma once
// The IR's node factory, shared by its constructor files (ir.cpp, ir_matrix.cpp); not for users.
#include "symbolic/ir.hpp"

namespace mc::sym::detail {

Expr make(Node n);  // sets size and key; throws BudgetExceeded past kMaxNodes
Node node(Kind k, Index rows, Index cols, std::vector<Expr> args = {});
bool same(const Expr& a, const Expr& b);  // equal expressions (equal canonical text)
void requireShape(bool ok, const char* op, const Expr& a, const Expr& b);
// p q = I: p = inv(q) or q = inv(p), also as transposes (inv(X)' X' = I)
bool inverses(const Expr& p, const Expr& q);

}  // namespace mc::sym::detail
