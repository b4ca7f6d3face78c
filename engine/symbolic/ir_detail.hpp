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

// ir_sums.cpp
std::pair<double, Expr> split(const Expr& t);  // a term as factor * base: 3X -> (3, X); a number c -> (c, nullptr)
std::vector<Expr> factorRight(std::vector<Expr> terms);  // A X + B X = (A + B) X, never distributing
// e with one of its sum factors negated (through products and numerators) when that sum has at least as
// many minus signs as plus signs, else nullptr: -2 A'(b - A x) is written 2 A'(A x - b)
Expr negatedInside(const Expr& e);
int minusTerms(const Expr& sum);  // the terms of a sum written with a minus sign

}  // namespace mc::sym::detail

// The canonical forms behind the public constructors (ir.cpp, ir_matrix.cpp); ir_check.cpp wraps them.
namespace mc::sym::detail {
Expr canonicalAdd(const Expr& a, const Expr& b);
Expr canonicalScale(double c, const Expr& a);
Expr canonicalMatmul(const Expr& a, const Expr& b);
Expr canonicalTranspose(const Expr& a);
Expr canonicalHadamard(const Expr& a, const Expr& b);
Expr canonicalDivide(const Expr& a, const Expr& b);
Expr canonicalPower(const Expr& a, double p);
Expr canonicalFunc(Fn f, const Expr& a);
Expr canonicalSum(const Expr& a);
Expr canonicalStack(const Expr& a, const Expr& b);
Expr canonicalDiag(const Expr& v);
Expr canonicalDet(const Expr& a);
Expr canonicalLogdet(const Expr& a);
Expr canonicalInverse(const Expr& a);
Expr canonicalKron(const Expr& a, const Expr& b);
Expr canonicalVec(const Expr& a);
}  // namespace mc::sym::detail
