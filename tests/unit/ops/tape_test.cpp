// The tape itself: accumulation, reuse, depth, errors.
#include "mc.hpp"

#include <catch2/catch.hpp>

using namespace mc;
using Catch::Matchers::WithinAbs;

TEST_CASE("a value used twice gets the sum of both paths: y = x*x + x", "[tape]") {
  Tape t;
  for (double x0 : {-1.5, 0.0, 2.0, 3.25}) {
    t.clear();
    Var x = t.variable(Matrix::Constant(1, 1, x0));
    Var y = x * x + x;
    t.backward(y);
    CHECK_THAT(y.value()(0, 0), WithinAbs(x0 * x0 + x0, 1e-15));
    CHECK_THAT(x.grad()(0, 0), WithinAbs(2 * x0 + 1, 1e-15));  // d/dx (x^2 + x)
  }
}

TEST_CASE("backward over a 10,000-node chain does not recurse", "[tape]") {
  Tape t;
  Var x = t.variable(Matrix::Constant(1, 1, 0.5));
  Var y = x;
  const int n = 10000;
  for (int i = 0; i < n; ++i) y = y * 1.0001;  // y = x * 1.0001^n
  t.backward(y);
  CHECK(t.size() == n + 1);
  CHECK_THAT(x.grad()(0, 0), WithinAbs(std::pow(1.0001, n), 1e-9));
}

TEST_CASE("backward twice without zeroing accumulates into the variables", "[tape]") {
  Tape t;
  Var x = t.variable((Matrix(2, 1) << 1.0, -2.0).finished());
  Var y = sum(square(x));  // grad = 2x
  t.backward(y);
  t.backward(y);
  CHECK_THAT(x.grad()(0, 0), WithinAbs(4.0, 1e-15));
  CHECK_THAT(x.grad()(1, 0), WithinAbs(-8.0, 1e-15));
  t.zeroGrad();
  t.backward(y);
  CHECK_THAT(x.grad()(1, 0), WithinAbs(-4.0, 1e-15));
}

TEST_CASE("a cleared tape reused for the same graph gives identical results", "[tape]") {
  Tape t;
  const Matrix w0 = (Matrix(2, 2) << 0.3, -0.2, 0.1, 0.4).finished();
  const Matrix x0 = (Matrix(2, 1) << 1.0, 2.0).finished();
  Matrix first;
  for (int round = 0; round < 3; ++round) {
    t.clear();
    Var w = t.variable(w0);
    Var x = t.constant(x0);
    Var loss = sum(tanh(matmul(w, x)));
    t.backward(loss);
    if (round == 0) first = w.grad();
    CHECK(w.grad() == first);  // bit for bit
    CHECK(t.size() == 5);
  }
}

TEST_CASE("backward of a non-scalar root needs a seed of its shape", "[tape][errors]") {
  Tape t;
  Var x = t.variable(Matrix::Ones(3, 1));
  Var y = x * 2.0;
  CHECK_THROWS_WITH(t.backward(y), "backward: the root is 3x1, not 1x1; give a seed gradient of that shape");
  CHECK_THROWS_AS(t.backward(y, Matrix::Ones(2, 1)), std::invalid_argument);
  t.backward(y, Matrix::Ones(3, 1));
  CHECK(x.grad() == Matrix::Constant(3, 1, 2.0));
}

TEST_CASE("shape errors name the op and both shapes, and leave the tape as it was", "[tape][errors]") {
  Tape t;
  Var a = t.variable(Matrix::Ones(2, 3));
  Var b = t.variable(Matrix::Ones(2, 1));
  Var c = t.variable(Matrix::Ones(3, 1));
  CHECK_THROWS_WITH(matmul(a, b), "matmul: (2x3) times (2x1): inner dimensions differ");
  CHECK_THROWS_WITH(c + a, "add: (3x1) plus (2x3): shapes differ");
  CHECK_THROWS_WITH(a * c, "mul: (2x3) times (3x1): shapes differ");
  CHECK_THROWS_WITH(dot(b, c), "dot: (2x1) dot (3x1): lengths differ");
  CHECK_THROWS_AS(matmul(a, b), ShapeError);
  CHECK(t.size() == 3);
  Var ok = matmul(a, c);
  CHECK(ok.rows() == 2);
}
