#pragma once
// The table of op test rows: every Op of the engine with input domains, input shapes made from a base
// shape (m x n), and its value written out independently of the engine (loops over std:: functions).
#include "ops/op.hpp"
#include "test_support.hpp"

#include <string>
#include <utility>
#include <vector>

namespace mc::test {

enum class Family { ElementwiseBinary, ScalarExpansion, UnaryArithmetic, UnaryActivation, LinearAlgebra, Reduction, Loss };

using Shape = std::pair<Index, Index>;

struct OpCase {
  std::string name;  // readable, with the constant where there is one ("pow, p = 2.5")
  Op op;
  Family family;
  double p = 0;
  Domain domainA;
  Domain domainB;
  std::function<std::pair<Shape, Shape>(Index m, Index n)> shapes;  // second shape {0, 0} if unary
  std::function<Matrix(const Matrix& a, const Matrix& b, double p)> closedForm;
  const char* function = nullptr;  // its name in the calculator's language, if it has one there
};

const std::vector<OpCase>& allOpCases();
std::vector<OpCase> opCasesOf(Family family);

// The base shapes every row runs on: a scalar, a column, a row and a non-square matrix.
inline const std::vector<Shape>& baseShapes() {
  static const std::vector<Shape> shapes{{1, 1}, {3, 1}, {1, 4}, {2, 3}};
  return shapes;
}

}  // namespace mc::test
