// The op table's rows for the functions of a whole matrix (det, logdet, inv, kron, vec), each written
// from its definition with loops: the determinant by cofactor expansion along the first row, the
// inverse by Gauss-Jordan elimination, kron and vec by their index formulas.
#include "op_cases.hpp"
#include "test_support.hpp"

#include <cmath>

namespace mc::test {

namespace {

double laplaceDet(const Matrix& a) {
  const Index n = a.rows();
  if (n == 1) return a(0, 0);
  double det = 0;
  for (Index j = 0; j < n; ++j) {
    Matrix minor(n - 1, n - 1);
    for (Index r = 1; r < n; ++r)
      for (Index c = 0, mc = 0; c < n; ++c)
        if (c != j) minor(r - 1, mc++) = a(r, c);
    det += (j % 2 ? -1.0 : 1.0) * a(0, j) * laplaceDet(minor);
  }
  return det;
}

Matrix gaussJordanInverse(const Matrix& a) {
  const Index n = a.rows();
  Matrix m = a, inv = Matrix::Identity(n, n);
  for (Index c = 0; c < n; ++c) {
    Index pivot = c;
    for (Index r = c + 1; r < n; ++r)
      if (std::abs(m(r, c)) > std::abs(m(pivot, c))) pivot = r;
    m.row(c).swap(m.row(pivot));
    inv.row(c).swap(inv.row(pivot));
    const double d = m(c, c);
    m.row(c) /= d;
    inv.row(c) /= d;
    for (Index r = 0; r < n; ++r) {
      if (r == c) continue;
      const double f = m(r, c);
      m.row(r) -= f * m.row(c);
      inv.row(r) -= f * inv.row(c);
    }
  }
  return inv;
}

// A square matrix from any base shape: 1x1, 3x3, 4x4, 3x3 (seeded draws, invertible).
std::pair<Shape, Shape> square(Index m, Index n) {
  const Index k = std::max(m, n);
  return {{k, k}, {0, 0}};
}

}  // namespace

void addMatrixFunctionCases(std::vector<OpCase>& c) {
  const Domain any{-2, 2};
  const Domain awayFromZero{0.5, 2, true};  // from [-2, 2], inv's 4x4 draw is ill-conditioned enough that the differences miss 1e-8
  const Family f = Family::MatrixFunctions;
  c.push_back({"det", Op::Det, f, 0, any, {}, square,
               [](const Matrix& a, const Matrix&, double) { return Matrix::Constant(1, 1, laplaceDet(a)); }});
  c.push_back({"logdet", Op::Logdet, f, 0, any, {}, square, [](const Matrix& a, const Matrix&, double) {
                 return Matrix::Constant(1, 1, std::log(std::abs(laplaceDet(a))));
               }});
  c.push_back({"inv", Op::Inverse, f, 0, awayFromZero, {}, square,
               [](const Matrix& a, const Matrix&, double) { return gaussJordanInverse(a); }});
  c.push_back({"kron", Op::Kron, f, 0, any, any, [](Index m, Index n) { return std::pair<Shape, Shape>{{m, n}, {n, 2}}; },
               [](const Matrix& a, const Matrix& b, double) { return kronByLoops(a, b); }});
  c.push_back({"vec", Op::Vec, f, 0, any, {}, [](Index m, Index n) { return std::pair<Shape, Shape>{{m, n}, {0, 0}}; },
               [](const Matrix& a, const Matrix&, double) {
                 Matrix y(a.size(), 1);
                 for (Index j = 0; j < a.cols(); ++j)
                   for (Index i = 0; i < a.rows(); ++i) y(i + j * a.rows(), 0) = a(i, j);
                 return y;
               }});
  // their names in the calculator's language, in the order pushed above
  const char* const functions[] = {"det", "logdet", "inv", "kron", "vec"};
  for (std::size_t k = 0; k < 5; ++k) c[c.size() - 5 + k].function = functions[k];
}

}  // namespace mc::test
