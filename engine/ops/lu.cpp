#include "ops/lu.hpp"

#include <cmath>

namespace mc {

LuFactors factorLu(const Matrix& a) {
  const Index n = a.rows();
  LuFactors f;
  f.lu = a;
  f.row.resize(static_cast<std::size_t>(n));
  for (Index i = 0; i < n; ++i) f.row[static_cast<std::size_t>(i)] = i;
  double largest = 0;
  for (Index c = 0; c < n; ++c) {
    Index pivot = c;  // the largest entry of the column at or below the diagonal
    for (Index r = c + 1; r < n; ++r)
      if (std::abs(f.lu(r, c)) > std::abs(f.lu(pivot, c))) pivot = r;
    if (pivot != c) {
      f.lu.row(c).swap(f.lu.row(pivot));
      std::swap(f.row[static_cast<std::size_t>(c)], f.row[static_cast<std::size_t>(pivot)]);
      f.sign = -f.sign;
    }
    const double p = f.lu(c, c);
    largest = std::max(largest, std::abs(p));
    if (p == 0) continue;
    for (Index r = c + 1; r < n; ++r) {
      const double m = f.lu(r, c) / p;
      f.lu(r, c) = m;
      for (Index k = c + 1; k < n; ++k) f.lu(r, k) -= m * f.lu(c, k);
    }
  }
  for (Index i = 0; i < n; ++i) {
    if (!(std::abs(f.lu(i, i)) > 1e-14 * largest)) f.singular = true;
  }
  return f;
}

double determinantOf(const LuFactors& f) {
  double d = f.sign;
  for (Index i = 0; i < f.lu.rows(); ++i) d *= f.lu(i, i);
  return d;
}

double logAbsDeterminantOf(const LuFactors& f) {
  double s = 0;  // from the pivots: no overflow where det itself would overflow
  for (Index i = 0; i < f.lu.rows(); ++i) s += std::log(std::abs(f.lu(i, i)));
  return s;
}

Matrix inverseOf(const LuFactors& f) {
  const Index n = f.lu.rows();
  Matrix inv(n, n);
  for (Index c = 0; c < n; ++c) {  // solve L U x = P e_c column by column
    for (Index i = 0; i < n; ++i) {
      double s = f.row[static_cast<std::size_t>(i)] == c ? 1.0 : 0.0;
      for (Index k = 0; k < i; ++k) s -= f.lu(i, k) * inv(k, c);
      inv(i, c) = s;
    }
    for (Index i = n - 1; i >= 0; --i) {
      double s = inv(i, c);
      for (Index k = i + 1; k < n; ++k) s -= f.lu(i, k) * inv(k, c);
      inv(i, c) = s / f.lu(i, i);
    }
  }
  return inv;
}

}  // namespace mc
