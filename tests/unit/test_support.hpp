#pragma once
// Helpers shared by the core tests: a portable seeded generator, random matrices, an entry-wise relative
// error and central differences of a plain function (an oracle independent of the engine).
#include "core/matrix.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>

namespace mc::test {

// A kron B by its definition, entry by entry (Cookbook [520]): an oracle independent of Eigen's.
inline Matrix kronByLoops(const Matrix& a, const Matrix& b) {
  Matrix y(a.rows() * b.rows(), a.cols() * b.cols());
  for (Index i = 0; i < a.rows(); ++i)
    for (Index j = 0; j < a.cols(); ++j)
      for (Index k = 0; k < b.rows(); ++k)
        for (Index l = 0; l < b.cols(); ++l) y(i * b.rows() + k, j * b.cols() + l) = a(i, j) * b(k, l);
  return y;
}

// splitmix64 with a hand-written uniform transform: the same numbers on every standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform(double lo, double hi) { return lo + (hi - lo) * static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool coin() { return (next() >> 63) != 0; }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

 private:
  std::uint64_t state_;
};

// Where an op's inputs are drawn from. awayFromZero: |x| in [lo, hi] with a random sign (for kinks at 0).
struct Domain {
  double lo = -2;
  double hi = 2;
  bool awayFromZero = false;
};

inline Matrix randomMatrix(Index rows, Index cols, Rng& rng, Domain d = {}) {
  Matrix m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) {
    const double v = rng.uniform(d.lo, d.hi);
    m(i) = d.awayFromZero && rng.coin() ? -v : v;
  }
  return m;
}

// max_i |analytic_i - reference_i| / max(|analytic_i|, |reference_i|, floor); shapes must agree (else inf).
inline double relError(const Matrix& analytic, const Matrix& reference, double floor = 1e-3) {
  if (analytic.rows() != reference.rows() || analytic.cols() != reference.cols()) return HUGE_VAL;
  double worst = 0;
  for (Index i = 0; i < analytic.size(); ++i) {
    const double a = analytic(i), r = reference(i);
    const double err = std::abs(a - r) / std::max({std::abs(a), std::abs(r), floor});
    if (!(err <= worst)) worst = err;  // NaN wins
  }
  return worst;
}

// Central differences of f at x: size(f(x)) x size(x), numerator layout, entries column by column.
inline Matrix centralDifferences(const std::function<Matrix(const Matrix&)>& f, const Matrix& x, double h = 1e-5) {
  const Matrix y0 = f(x);
  Matrix j(y0.size(), x.size());
  Matrix probe = x;
  for (Index k = 0; k < x.size(); ++k) {
    probe(k) = x(k) + h;
    const Matrix up = f(probe);
    probe(k) = x(k) - h;
    const Matrix down = f(probe);
    probe(k) = x(k);
    for (Index i = 0; i < y0.size(); ++i) j(i, k) = (up(i) - down(i)) / (2 * h);
  }
  return j;
}

// vec(m) as a column and back: how Jacobians act on matrices.
inline Matrix vecOf(const Matrix& m) { return Eigen::Map<const Eigen::VectorXd>(m.data(), m.size()); }
inline Matrix unvec(const Matrix& v, Index rows, Index cols) {
  return Eigen::Map<const Matrix>(v.data(), rows, cols);
}

}  // namespace mc::test
