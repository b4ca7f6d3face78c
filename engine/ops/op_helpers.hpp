#pragma once
// Small pieces shared by the op files (not part of the public API).
#include "ops/op.hpp"

#include <cmath>

namespace mc::detail {

// Views a matrix as its column-major vec(): an (rows*cols) x 1 column.
inline Eigen::Map<const Eigen::VectorXd> vec(const Matrix& m) {
  return Eigen::Map<const Eigen::VectorXd>(m.data(), m.size());
}

inline Matrix diagonalOf(const Matrix& entries) {
  return vec(entries).asDiagonal();
}

inline std::pair<Index, Index> shapeOf(const Matrix& m) { return {m.rows(), m.cols()}; }

inline std::pair<Index, Index> sameShape(const char* op, const char* verb, const Matrix& a, const Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) throwShapeError(op, a, verb, b, "shapes differ");
  return shapeOf(a);
}

// The identity's Jacobian, n = size of the input.
inline Matrix identity(const Matrix& like) { return Matrix::Identity(like.size(), like.size()); }

// 1 / (1 + e^-z), written so that neither branch overflows (the sigmoid op and the fused BCE's gradient).
inline double stableSigmoid(double z) {
  if (z >= 0) return 1 / (1 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1 + e);
}

}  // namespace mc::detail
