// The IR's constructors for structure (stacks, rows, diagonals) and for functions of a whole matrix
// (det, logdet, inv, kron, vec), each building its node in canonical form (see ir.hpp).
#include "symbolic/ir_detail.hpp"

#include <cmath>
#include <stdexcept>

namespace mc::sym {

using namespace detail;

namespace detail {

bool inverses(const Expr& p, const Expr& q) {
  if (p->kind == Kind::Inverse && same(p->args[0], q)) return true;
  if (q->kind == Kind::Inverse && same(q->args[0], p)) return true;
  return p->kind == Kind::Transpose && q->kind == Kind::Transpose && inverses(q->args[0], p->args[0]);  // p'q' = (qp)'
}

}  // namespace detail

namespace detail {

Expr canonicalStack(const Expr& a, const Expr& b) {
  requireShape(a->cols == b->cols, "stack", a, b);
  if (a->kind == Kind::Zero && b->kind == Kind::Zero) return zero(a->rows + b->rows, a->cols);
  return make(node(Kind::Stack, a->rows + b->rows, a->cols, {a, b}));
}

Expr canonicalDiag(const Expr& v) {
  if (v->cols != 1) throw std::logic_error("symbolic diag: " + shapeOf(v) + " is not a column");
  if (v->kind == Kind::Ones) return identity(v->rows);
  if (v->kind == Kind::Zero) return zero(v->rows, v->rows);
  if (v->kind == Kind::Scale) return scale(v->number, diag(v->args[0]));
  if (isScalar(v)) return v;
  return make(node(Kind::Diag, v->rows, v->rows, {v}));
}

}  // namespace detail

Expr rowsOf(const Expr& a, Index first, Index count) {
  if ((first == 0 && count == a->rows) || isScalar(a)) return a;  // a 1x1 is expanded: any rows are itself
  switch (a->kind) {
    case Kind::Zero: return zero(count, a->cols);
    case Kind::Ones: return ones(count, a->cols);
    case Kind::Number: return a;
    case Kind::Literal: return literal(a->literal.middleRows(first, count));
    case Kind::Scale: return scale(a->number, rowsOf(a->args[0], first, count));
    case Kind::Stack: {
      const Index top = a->args[0]->rows;
      if (first + count <= top) return rowsOf(a->args[0], first, count);
      if (first >= top) return rowsOf(a->args[1], first - top, count);
      break;
    }
    case Kind::Add: {
      Expr out = zero(count, a->cols);
      for (const Expr& t : a->args) out = add(out, rowsOf(t, first, count));
      return out;
    }
    case Kind::Hadamard: return hadamard(rowsOf(a->args[0], first, count), rowsOf(a->args[1], first, count));
    case Kind::Divide: return divide(rowsOf(a->args[0], first, count), rowsOf(a->args[1], first, count));
    case Kind::Power: return power(rowsOf(a->args[0], first, count), a->number);
    case Kind::Apply: return func(a->fn, rowsOf(a->args[0], first, count));
    default: break;
  }
  Matrix select = Matrix::Zero(count, a->rows);  // picks rows [first, first + count)
  for (Index i = 0; i < count; ++i) select(i, first + i) = 1;
  return matmul(literal(select), a);
}

// ---- functions of a whole matrix (Matrix Cookbook: det (49), log|det| (57), inverse (59), kron and vec 10.2)

namespace detail {

Expr canonicalDet(const Expr& a) {
  requireShape(a->rows == a->cols, "det", a, a);
  if (isScalar(a)) return a;
  switch (a->kind) {
    case Kind::Identity: return number(1);
    case Kind::Transpose: return det(a->args[0]);                      // det(X') = det(X)
    case Kind::Inverse: return divide(number(1), det(a->args[0]));     // det(inv(X)) = 1 / det(X)
    case Kind::Scale: return scale(std::pow(a->number, static_cast<double>(a->rows)), det(a->args[0]));  // det(cX) = c^n det(X)
    default: break;
  }
  return make(node(Kind::Det, 1, 1, {a}));
}

Expr canonicalLogdet(const Expr& a) {
  requireShape(a->rows == a->cols, "logdet", a, a);
  if (isScalar(a)) return func(Fn::Log, func(Fn::Abs, a));
  switch (a->kind) {
    case Kind::Identity: return number(0);
    case Kind::Transpose: return logdet(a->args[0]);
    case Kind::Inverse: return neg(logdet(a->args[0]));  // log|det(inv(X))| = -log|det(X)|
    default: break;
  }
  return make(node(Kind::Logdet, 1, 1, {a}));
}

Expr canonicalInverse(const Expr& a) {
  requireShape(a->rows == a->cols, "inverse", a, a);
  if (isScalar(a)) return divide(number(1), a);
  switch (a->kind) {
    case Kind::Identity: return a;
    case Kind::Inverse: return a->args[0];
    case Kind::Transpose: return transpose(inverse(a->args[0]));  // inv(X') = inv(X)'
    case Kind::Scale: return scale(1 / a->number, inverse(a->args[0]));
    case Kind::Diag: return diag(divide(number(1), a->args[0]));
    default: break;
  }
  return make(node(Kind::Inverse, a->rows, a->cols, {a}));
}

Expr canonicalKron(const Expr& a, const Expr& b) {
  if (isScalar(a)) return hadamard(a, b);  // a 1x1 factor is a scale
  if (isScalar(b)) return hadamard(b, a);
  const Index rows = a->rows * b->rows, cols = a->cols * b->cols;
  if (isZero(a) || isZero(b)) return zero(rows, cols);
  if (a->kind == Kind::Identity && b->kind == Kind::Identity) return identity(rows);
  if (a->kind == Kind::Ones && b->kind == Kind::Ones) return ones(rows, cols);
  if (a->kind == Kind::Scale) return scale(a->number, kron(a->args[0], b));
  if (b->kind == Kind::Scale) return scale(b->number, kron(a, b->args[0]));
  return make(node(Kind::Kron, rows, cols, {a, b}));
}

Expr canonicalVec(const Expr& a) {
  if (a->cols == 1) return a;
  if (a->rows == 1) return transpose(a);
  const Index n = a->rows * a->cols;
  switch (a->kind) {
    case Kind::Zero: return zero(n, 1);
    case Kind::Ones: return ones(n, 1);
    case Kind::Scale: return scale(a->number, vec(a->args[0]));
    default: break;
  }
  return make(node(Kind::Vec, n, 1, {a}));
}

}  // namespace detail

}  // namespace mc::sym
