// Sums inside the canonical forms: a term as factor * base, like terms collected on the right, and a
// sign moved into a sum factor (ir.cpp's add and scale use these).
#include "symbolic/ir_detail.hpp"

#include <algorithm>

namespace mc::sym::detail {

// A term as factor * base: 3X -> (3, X); a number c -> (c, nullptr).
std::pair<double, Expr> split(const Expr& t) {
  if (t->kind == Kind::Scale) return {t->number, t->args[0]};
  if (t->kind == Kind::Number) return {t->number, nullptr};
  return {1.0, t};
}

// A X + B X = (A + B) X: products that end in the same factor are written once (x'Ax -> (A + A')x).
// This collects, it never distributes: a sum inside a product stays a sum.
std::vector<Expr> factorRight(std::vector<Expr> terms) {
  std::vector<std::pair<Expr, std::vector<std::size_t>>> byLast;  // last factor -> the terms ending in it
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const Expr base = split(terms[i]).second;
    if (!base || base->kind != Kind::MatMul) continue;
    auto it = std::find_if(byLast.begin(), byLast.end(), [&](const auto& g) {  // a 1x1 term (expanded) stays apart
      const Expr& other = split(terms[g.second[0]]).second;
      return same(g.first, base->args.back()) && other->rows == base->rows && other->cols == base->cols;
    });
    if (it == byLast.end()) byLast.push_back({base->args.back(), {i}});
    else it->second.push_back(i);
  }
  std::vector<char> used(terms.size(), 0);
  std::vector<Expr> out;
  for (const auto& [lastFactor, where] : byLast) {
    if (where.size() < 2) continue;
    Expr left;
    Expr last;
    for (std::size_t i : where) {
      const auto [c, base] = split(terms[i]);
      last = base->args.back();
      Expr prefix = base->args[0];
      for (std::size_t f = 1; f + 1 < base->args.size(); ++f) prefix = matmul(prefix, base->args[f]);
      prefix = scale(c, prefix);
      left = left ? add(left, prefix) : prefix;
      used[i] = 1;
    }
    out.push_back(matmul(left, last));
  }
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (!used[i]) out.push_back(terms[i]);
  }
  return out;
}

// e with one of its sum factors negated (through products, element-wise products and numerators),
// when that sum has at least as many minus signs as plus signs; else nullptr.
int minusTerms(const Expr& sum) {
  int minus = 0;
  for (const Expr& t : sum->args) minus += split(t).first < 0 ? 1 : 0;
  return minus;
}

Expr negatedInside(const Expr& e) {
  switch (e->kind) {
    case Kind::Add: return 2 * minusTerms(e) >= static_cast<int>(e->args.size()) ? scale(-1, e) : nullptr;
    case Kind::MatMul: case Kind::Hadamard:
      for (std::size_t i = 0; i < e->args.size(); ++i) {
        if (const Expr f = negatedInside(e->args[i])) {
          Expr out;
          for (std::size_t k = 0; k < e->args.size(); ++k) {
            const Expr& x = k == i ? f : e->args[k];
            out = !out ? x : e->kind == Kind::MatMul ? matmul(out, x) : hadamard(out, x);
          }
          return out;
        }
      }
      return nullptr;
    case Kind::Divide: {
      const Expr f = negatedInside(e->args[0]);
      return f ? divide(f, e->args[1]) : nullptr;
    }
    default: return nullptr;
  }
}

}  // namespace mc::sym::detail
