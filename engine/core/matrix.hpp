#pragma once
// Values of the engine: dense double matrices. A vector is an n x 1 column, as in the paper; a scalar
// is 1 x 1. Eigen stores column-major, so vec(A) below always means stacking A's columns.
#include <Eigen/Core>
#include <stdexcept>
#include <string>

namespace mc {

using Matrix = Eigen::MatrixXd;
using Index = Eigen::Index;

// "2x3": how every message and every trace writes a shape.
std::string shapeText(Index rows, Index cols);
inline std::string shapeText(const Matrix& m) { return shapeText(m.rows(), m.cols()); }

inline bool isScalar(const Matrix& m) { return m.rows() == 1 && m.cols() == 1; }

// A shape mismatch or another misuse of an op; the message names the op and the shapes involved.
struct ShapeError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

}  // namespace mc
