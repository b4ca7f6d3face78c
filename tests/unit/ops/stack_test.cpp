// stack(a, b) = [a; b]: how vectors are built from pieces (the paper's y = [f1(x), f2(x)]).
#include "mc.hpp"

#include <catch2/catch.hpp>

using namespace mc;

TEST_CASE("stack puts the first operand on top of the second", "[ops][stack]") {
  Tape t;
  const Matrix a0 = (Matrix(1, 2) << 1, 2).finished();
  const Matrix b0 = (Matrix(2, 2) << 3, 4, 5, 6).finished();
  Var a = t.variable(a0);
  Var b = t.variable(b0);
  Var y = stack(a, b);
  const Matrix expected = (Matrix(3, 2) << 1, 2, 3, 4, 5, 6).finished();
  CHECK(y.value() == expected);
  // d sum(C o Y) / dA = top row of C, / dB = bottom rows of C
  const Matrix c = (Matrix(3, 2) << 0.5, -1, 2, 3, -4, 7).finished();
  t.backward(y, c);
  CHECK(a.grad() == c.topRows(1));
  CHECK(b.grad() == c.bottomRows(2));
}

TEST_CASE("stack of two scalars is a 2x1 column", "[ops][stack]") {
  Tape t;
  Var a = t.variable(Matrix::Constant(1, 1, 2.5));
  Var b = t.variable(Matrix::Constant(1, 1, -1.0));
  Var y = stack(a, b);
  REQUIRE(y.rows() == 2);
  REQUIRE(y.cols() == 1);
  CHECK(y.value()(0, 0) == 2.5);
  CHECK(y.value()(1, 0) == -1.0);
}

TEST_CASE("stack with different column counts names both shapes", "[ops][stack][errors]") {
  Tape t;
  Var a = t.variable(Matrix::Ones(1, 2));
  Var b = t.variable(Matrix::Ones(1, 3));
  CHECK_THROWS_WITH(stack(a, b), "stack: (1x2) over (1x3): column counts differ");
  CHECK_THROWS_AS(stack(a, b), ShapeError);
  CHECK(t.size() == 2);
}
