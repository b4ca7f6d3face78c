// The public constructors: each builds the canonical node (ir.cpp, ir_matrix.cpp) and, when a test has
// installed a check, hands it the node that was asked for beside the one that was built.
#include "symbolic/ir_detail.hpp"

#include <initializer_list>

namespace mc::sym {

namespace {

RewriteCheck installed = nullptr;

Expr checked(Kind kind, const Expr& result, std::initializer_list<Expr> args, double number = 0, Fn fn = Fn::Exp) {
  if (installed != nullptr) installed(Rewrite{kind, std::vector<Expr>(args), number, fn, result});
  return result;
}

}  // namespace

void setRewriteCheck(RewriteCheck check) { installed = check; }

Expr add(const Expr& a, const Expr& b) { return checked(Kind::Add, detail::canonicalAdd(a, b), {a, b}); }
Expr sub(const Expr& a, const Expr& b) { return add(a, neg(b)); }
Expr neg(const Expr& a) { return scale(-1, a); }
Expr scale(double c, const Expr& a) { return checked(Kind::Scale, detail::canonicalScale(c, a), {a}, c); }
Expr matmul(const Expr& a, const Expr& b) { return checked(Kind::MatMul, detail::canonicalMatmul(a, b), {a, b}); }
Expr transpose(const Expr& a) { return checked(Kind::Transpose, detail::canonicalTranspose(a), {a}); }
Expr hadamard(const Expr& a, const Expr& b) { return checked(Kind::Hadamard, detail::canonicalHadamard(a, b), {a, b}); }
Expr divide(const Expr& a, const Expr& b) { return checked(Kind::Divide, detail::canonicalDivide(a, b), {a, b}); }
Expr power(const Expr& a, double p) { return checked(Kind::Power, detail::canonicalPower(a, p), {a}, p); }
Expr func(Fn f, const Expr& a) { return checked(Kind::Apply, detail::canonicalFunc(f, a), {a}, 0, f); }
Expr sum(const Expr& a) { return checked(Kind::Sum, detail::canonicalSum(a), {a}); }
Expr stack(const Expr& a, const Expr& b) { return checked(Kind::Stack, detail::canonicalStack(a, b), {a, b}); }
Expr diag(const Expr& v) { return checked(Kind::Diag, detail::canonicalDiag(v), {v}); }
Expr det(const Expr& a) { return checked(Kind::Det, detail::canonicalDet(a), {a}); }
Expr logdet(const Expr& a) { return checked(Kind::Logdet, detail::canonicalLogdet(a), {a}); }
Expr inverse(const Expr& a) { return checked(Kind::Inverse, detail::canonicalInverse(a), {a}); }
Expr kron(const Expr& a, const Expr& b) { return checked(Kind::Kron, detail::canonicalKron(a, b), {a, b}); }
Expr vec(const Expr& a) { return checked(Kind::Vec, detail::canonicalVec(a), {a}); }

}  // namespace mc::sym
