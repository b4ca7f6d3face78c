// The IR's constructors, each of which builds its node in canonical form (see ir.hpp).
#include "symbolic/ir.hpp"

#include "symbolic/ir_detail.hpp"
#include "symbolic/print.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

namespace mc::sym {

namespace detail {

Expr make(Node n) {
  n.size = 1;
  for (const Expr& a : n.args) n.size += a->size;
  if (n.size > kMaxNodes) {
    throw BudgetExceeded("the closed form grows past " + std::to_string(kMaxNodes) +
                         " terms; the answer stays numeric (name intermediate results, e.g. z = W @ x + b, or use smaller programs)");
  }
  n.key = textOf(n);
  return std::make_shared<const Node>(std::move(n));
}

Node node(Kind k, Index rows, Index cols, std::vector<Expr> args) {
  Node n{};
  n.kind = k;
  n.rows = rows;
  n.cols = cols;
  n.args = std::move(args);
  return n;
}

bool same(const Expr& a, const Expr& b) { return a == b || a->key == b->key; }

void requireShape(bool ok, const char* op, const Expr& a, const Expr& b) {
  if (!ok) throw std::logic_error(std::string("symbolic ") + op + ": shapes " + shapeOf(a) + " and " + shapeOf(b));
}

}  // namespace detail

namespace {

using namespace detail;

// The larger of two shapes where one may be a 1x1 expanded over the other.
std::pair<Index, Index> broadcast(const char* op, const Expr& a, const Expr& b) {
  if (isScalar(a)) return {b->rows, b->cols};
  if (isScalar(b)) return {a->rows, a->cols};
  requireShape(a->rows == b->rows && a->cols == b->cols, op, a, b);
  return {a->rows, a->cols};
}

// X^p as (X, p); anything else as (X, 1).
std::pair<Expr, double> powerOf(const Expr& e) {
  if (e->kind == Kind::Power) return {e->args[0], e->number};
  return {e, 1.0};
}


}  // namespace

bool isZero(const Expr& e) { return e->kind == Kind::Zero || (e->kind == Kind::Number && e->number == 0); }
bool isScalar(const Expr& e) { return e->rows == 1 && e->cols == 1; }
std::string shapeOf(const Expr& e) { return shapeText(e->rows, e->cols); }

Expr variable(const std::string& name, Index rows, Index cols) {
  Node n = node(Kind::Variable, rows, cols);
  n.name = name;
  return make(std::move(n));
}

Expr number(double c) {
  Node n = node(Kind::Number, 1, 1);
  n.number = c == 0 ? 0.0 : c;  // no -0
  return make(std::move(n));
}

Expr literal(const Matrix& m) {
  if (m.size() == 1) return number(m(0, 0));
  if (m.isZero(0)) return zero(m.rows(), m.cols());
  if (m.isOnes(0)) return ones(m.rows(), m.cols());
  if (m.rows() == m.cols() && m.isIdentity(0)) return identity(m.rows());
  Node n = node(Kind::Literal, m.rows(), m.cols());
  n.literal = m;
  return make(std::move(n));
}

Expr zero(Index rows, Index cols) {
  if (rows == 1 && cols == 1) return number(0);
  return make(node(Kind::Zero, rows, cols));
}

Expr identity(Index n) { return n == 1 ? number(1) : make(node(Kind::Identity, n, n)); }

Expr ones(Index rows, Index cols) { return rows == 1 && cols == 1 ? number(1) : make(node(Kind::Ones, rows, cols)); }

// The canonical forms; the public constructors (ir_check.cpp) call these and let a test compare both sides.
namespace detail {

Expr canonicalAdd(const Expr& a, const Expr& b) {
  const auto [rows, cols] = broadcast("add", a, b);
  std::vector<Expr> terms;
  for (const Expr& t : {a, b}) {
    if (t->kind == Kind::Add) terms.insert(terms.end(), t->args.begin(), t->args.end());
    else terms.push_back(t);
  }
  // merge like terms: the factors of equal bases are added; numbers are added into one
  std::vector<std::pair<double, Expr>> merged;  // (factor, base), bases distinct, in order of appearance
  double constant = 0;
  for (const Expr& t : terms) {
    if (isZero(t)) continue;
    const std::pair<double, Expr> parts = split(t);
    const double c = parts.first;
    const Expr base = parts.second;
    if (!base) {
      constant += c;
      continue;
    }
    auto it = std::find_if(merged.begin(), merged.end(), [&](const auto& m) { return same(m.second, base); });
    if (it == merged.end()) merged.emplace_back(c, base);
    else it->first += c;
  }
  std::vector<Expr> out;
  for (const auto& [c, base] : merged) {
    if (c != 0) out.push_back(scale(c, base));
  }
  out = factorRight(std::move(out));
  // as a person writes a sum: the larger terms first, a number last, and not a minus sign first
  const auto weight = [](const Expr& t) {  // a transpose weighs as its operand: A + A', not A' + A
    const Expr base = split(t).second;
    return base->kind == Kind::Transpose ? base->args[0]->size : base->size;
  };
  std::stable_sort(out.begin(), out.end(), [&](const Expr& x, const Expr& y) {
    if (weight(x) != weight(y)) return weight(x) > weight(y);
    return split(x).second->key < split(y).second->key;
  });
  if (constant != 0) out.push_back(number(constant));
  const auto positive = std::find_if(out.begin(), out.end(), [](const Expr& t) { return split(t).first > 0; });
  if (positive != out.end()) std::rotate(out.begin(), positive, positive + 1);
  if (out.empty()) return zero(rows, cols);
  Expr result;
  if (out.size() == 1) {
    result = out[0];
  } else {
    result = make(node(Kind::Add, rows, cols, std::move(out)));
  }
  if (result->rows != rows || result->cols != cols) result = hadamard(result, ones(rows, cols));  // c 1
  return result;
}


Expr canonicalScale(double c, const Expr& a) {
  if (c == 1) return a;
  if (c < 0 && a->kind != Kind::Add) {  // -c A (y - r) = c A (r - y): the sign goes into a sum
    if (const Expr flipped = negatedInside(a)) return scale(-c, flipped);
  }
  if (c == 0 || isZero(a)) return zero(a->rows, a->cols);
  switch (a->kind) {
    case Kind::Number: return number(c * a->number);
    case Kind::Scale: return scale(c * a->number, a->args[0]);
    case Kind::Divide:  // c (k / B) = ck / B
      if (a->args[0]->kind == Kind::Number) return divide(number(c * a->args[0]->number), a->args[1]);
      break;
    case Kind::Add: {  // -(a - b) = b - a: a sum is negated term by term, other factors stay outside
      if (c != -1) break;
      Expr out = zero(a->rows, a->cols);
      for (const Expr& t : a->args) out = add(out, scale(-1, t));
      return out;
    }
    default: break;
  }
  Node n = node(Kind::Scale, a->rows, a->cols, {a});
  n.number = c;
  return make(std::move(n));
}

Expr canonicalMatmul(const Expr& a, const Expr& b) {
  requireShape(a->cols == b->rows, "matmul", a, b);
  if (isZero(a) || isZero(b)) return zero(a->rows, b->cols);
  if (a->kind == Kind::Scale) return scale(a->number, matmul(a->args[0], b));
  if (b->kind == Kind::Scale) return scale(b->number, matmul(a, b->args[0]));
  if (a->kind == Kind::Number) return scale(a->number, b);
  if (b->kind == Kind::Number) return scale(b->number, a);
  if (a->kind == Kind::Identity) return b;
  if (b->kind == Kind::Identity) return a;
  if (a->kind == Kind::Diag && b->cols == 1) return hadamard(a->args[0], b);  // diag(u) v = u * v
  if (isScalar(b) && a->cols == 1) return hadamard(a, b);  // a column times a 1x1: scalar expansion
  if (isScalar(a) && b->rows == 1) return hadamard(a, b);
  std::vector<Expr> factors;
  for (const Expr& f : {a, b}) {
    if (f->kind == Kind::MatMul) factors.insert(factors.end(), f->args.begin(), f->args.end());
    else factors.push_back(f);
  }
  // 1' diag(x) = x'
  for (std::size_t i = 0; i + 1 < factors.size(); ++i) {
    if (factors[i]->kind == Kind::Ones && factors[i]->rows == 1 && factors[i + 1]->kind == Kind::Diag) {
      factors[i] = transpose(factors[i + 1]->args[0]);
      factors.erase(factors.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
  }
  for (std::size_t i = 0; i + 1 < factors.size(); ++i) {
    const Expr p = factors[i], q = factors[i + 1];
    const auto at = factors.begin() + static_cast<std::ptrdiff_t>(i);
    if (inverses(p, q)) {  // X inv(X) = inv(X) X = I
      factors.erase(at, at + 2);
    } else if (p->kind == Kind::Diag && q->kind == Kind::Diag) {  // diag(u) diag(v) = diag(u * v)
      factors[i] = diag(hadamard(p->args[0], q->args[0]));
      factors.erase(at + 1);
    } else if (p->kind == Kind::Diag && q->cols == 1) {  // diag(u) v = u * v
      factors[i] = hadamard(p->args[0], q);
      factors.erase(at + 1);
    } else if (p->kind == Kind::Kron && q->kind == Kind::Kron && p->args[0]->cols == q->args[0]->rows &&
               p->args[1]->cols == q->args[1]->rows) {  // the mixed product: kron(A, B) kron(C, D) = kron(AC, BD)
      factors[i] = kron(matmul(p->args[0], q->args[0]), matmul(p->args[1], q->args[1]));
      factors.erase(at + 1);
    } else {
      continue;
    }
    Expr out = identity(a->rows);  // rebuilt factor by factor, so each product is canonical again
    for (const Expr& f : factors) out = matmul(out, f);
    return out;
  }
  if (factors.size() == 1) return factors[0];
  return make(node(Kind::MatMul, a->rows, b->cols, std::move(factors)));
}

Expr canonicalTranspose(const Expr& a) {
  if (isScalar(a)) return a;
  switch (a->kind) {
    case Kind::Transpose: return a->args[0];
    case Kind::Zero: return zero(a->cols, a->rows);
    case Kind::Ones: return ones(a->cols, a->rows);
    case Kind::Identity: case Kind::Diag: return a;
    case Kind::Literal: return literal(a->literal.transpose());
    case Kind::Scale: return scale(a->number, transpose(a->args[0]));
    case Kind::Add: {
      Expr out = zero(a->cols, a->rows);
      for (const Expr& t : a->args) out = add(out, transpose(t));
      return out;
    }
    case Kind::MatMul: {
      Expr out = transpose(a->args.back());
      for (std::size_t i = a->args.size() - 1; i-- > 0;) out = matmul(out, transpose(a->args[i]));
      return out;
    }
    case Kind::Hadamard: return hadamard(transpose(a->args[0]), transpose(a->args[1]));
    case Kind::Divide: return divide(transpose(a->args[0]), transpose(a->args[1]));
    case Kind::Power: return power(transpose(a->args[0]), a->number);
    case Kind::Kron: return kron(transpose(a->args[0]), transpose(a->args[1]));
    default: break;  // inv(X)' stays as it is (X^-T), as does vec(X)' (a row) and relu(z)' (not relu(z'))
  }
  return make(node(Kind::Transpose, a->cols, a->rows, {a}));
}

Expr canonicalHadamard(const Expr& a, const Expr& b) {
  const auto [rows, cols] = broadcast("hadamard", a, b);
  if (isZero(a) || isZero(b)) return zero(rows, cols);
  if (a->kind == Kind::Number) return scale(a->number, b);  // b has the full shape: a is 1x1
  if (b->kind == Kind::Number) return hadamard(b, a);
  if (a->kind == Kind::Scale) return scale(a->number, hadamard(a->args[0], b));
  if (b->kind == Kind::Scale) return scale(b->number, hadamard(a, b->args[0]));
  if (a->kind == Kind::Ones && b->rows == rows && b->cols == cols) return b;
  for (const auto& [p, q] : {std::pair{a, b}, std::pair{b, a}}) {  // (s 1) * x = s x for a 1x1 s: one expansion
    if (p->kind == Kind::Hadamard && isScalar(p->args[0]) && p->args[1]->kind == Kind::Ones && q->rows == rows && q->cols == cols) {
      return hadamard(p->args[0], q);
    }
  }
  if (b->kind == Kind::Ones && a->rows == rows && a->cols == cols) return a;
  const auto [ba, pa] = powerOf(a);
  const auto [bb, pb] = powerOf(b);
  if (same(ba, bb)) return power(ba, pa + pb);
  if (b->kind == Kind::Power && b->number < 0) return divide(a, power(b->args[0], -b->number));  // a * x^-p = a / x^p
  if (a->kind == Kind::Power && a->number < 0) return divide(b, power(a->args[0], -a->number));
  if (a->kind == Kind::Divide && !softmaxOf(*a)) return divide(hadamard(a->args[0], b), a->args[1]);  // softmax stays whole
  if (b->kind == Kind::Divide && !softmaxOf(*b)) return divide(hadamard(a, b->args[0]), b->args[1]);
  // as a person writes a product: a scalar first, a mask (z > 0) last, the smaller factor first
  const auto rank = [](const Expr& e) {
    const Expr& f = e->kind == Kind::Transpose ? e->args[0] : e;
    return std::make_tuple(isScalar(e) ? 0 : 1, f->kind == Kind::Apply && f->fn == Fn::Step ? 1 : 0, e->size, e->key);
  };
  Node n = node(Kind::Hadamard, rows, cols, rank(a) <= rank(b) ? std::vector<Expr>{a, b} : std::vector<Expr>{b, a});
  return make(std::move(n));
}

Expr canonicalDivide(const Expr& a, const Expr& b) {
  const auto [rows, cols] = broadcast("divide", a, b);
  if (isZero(a)) return zero(rows, cols);
  if (b->kind == Kind::Number) return scale(1 / b->number, a->rows == rows && a->cols == cols ? a : hadamard(a, ones(rows, cols)));
  if (a->kind == Kind::Scale) return scale(a->number, divide(a->args[0], b));
  if (same(a, b)) return ones(rows, cols);
  const auto [ba, pa] = powerOf(a);
  const auto [bb, pb] = powerOf(b);
  if (same(ba, bb) && ba->rows == rows && ba->cols == cols) {  // x / x^2 = 1 / x
    return pa > pb ? power(ba, pa - pb) : divide(number(1), power(ba, pb - pa));
  }
  if (a->kind == Kind::Divide) return divide(a->args[0], hadamard(a->args[1], b));
  return make(node(Kind::Divide, rows, cols, {a, b}));
}

Expr canonicalPower(const Expr& a, double p) {
  if (p == 0) return ones(a->rows, a->cols);
  if (p == 1) return a;
  if (a->kind == Kind::Number) return number(std::pow(a->number, p));
  // (x^a)^p = x^(ap) for a whole p, while |ap| stays within 1e6 (the language refuses exponents past 1e7)
  if (a->kind == Kind::Power && p == std::round(p) && std::abs(a->number * p) <= 1e6) return power(a->args[0], a->number * p);
  if (a->kind == Kind::Apply && a->fn == Fn::Sqrt && p == 2) return a->args[0];
  if (a->kind == Kind::Apply && a->fn == Fn::Step && p > 0) return a;  // a 0/1 mask is idempotent
  if (a->kind == Kind::Add && std::fmod(p, 2) == 0) {  // (b - A x)^2 = (A x - b)^2: the sum with fewer minus signs
    const Expr flipped = scale(-1, a);
    if (flipped->kind == Kind::Add && std::make_pair(minusTerms(flipped), flipped->key) < std::make_pair(minusTerms(a), a->key)) {
      return power(flipped, p);
    }
  }
  Node n = node(Kind::Power, a->rows, a->cols, {a});
  n.number = p;
  return make(std::move(n));
}

Expr canonicalFunc(Fn f, const Expr& a) {
  if (a->kind == Kind::Number) {
    const double x = a->number;
    switch (f) {
      case Fn::Exp: return number(std::exp(x));
      case Fn::Step: return number(x > 0 ? 1 : 0);
      case Fn::Relu: return number(x > 0 ? x : 0);
      case Fn::Abs: return number(std::abs(x));
      default: break;
    }
  }
  if (a->kind == Kind::Transpose) return transpose(func(f, a->args[0]));  // relu(z')= relu(z)': the transpose outside
  if (f == Fn::Log && a->kind == Kind::Apply && a->fn == Fn::Exp) return a->args[0];
  if (f == Fn::Step && a->kind == Kind::Apply && a->fn == Fn::Relu) return func(Fn::Step, a->args[0]);
  Node n = node(Kind::Apply, a->rows, a->cols, {a});
  n.fn = f;
  return make(std::move(n));
}

Expr canonicalSum(const Expr& a) {
  if (isScalar(a)) return a;
  switch (a->kind) {
    case Kind::Zero: return number(0);
    case Kind::Ones: return number(static_cast<double>(a->rows * a->cols));
    case Kind::Scale: return scale(a->number, sum(a->args[0]));
    case Kind::Transpose: return sum(a->args[0]);
    case Kind::Hadamard:  // sum(u * v) = u'v
      if (a->cols == 1 && a->args[0]->rows == a->rows && a->args[1]->rows == a->rows) {
        return matmul(transpose(a->args[0]), a->args[1]);
      }
      break;
    default: break;
  }
  return make(node(Kind::Sum, 1, 1, {a}));
}

}  // namespace detail

}  // namespace mc::sym
