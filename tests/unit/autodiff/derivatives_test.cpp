// The derivative API itself: the finite-difference checker, and the contracts of gradient/jacobian
// (results in numerator layout, values left as found), plus the losses' numerical stability.
#include "mc.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace mc;
using namespace mc::test;

TEST_CASE("finiteDifferenceJacobian matches a hand-computed Jacobian of a matrix function", "[autodiff][fd]") {
  // Y = X o X (2x2), vec column by column: dY/dX = diag(2 vec(X))
  const Matrix x0 = (Matrix(2, 2) << 1.0, -2.0, 0.5, 3.0).finished();
  Tape t;
  Var x = t.variable(x0);
  Var y = sin(x) * 2.0;
  const Matrix fd = finiteDifferenceJacobian(t, y, x);
  Matrix expected = Matrix::Zero(4, 4);
  for (Index k = 0; k < 4; ++k) expected(k, k) = 2 * std::cos(x0(k));  // entries counted column by column
  CHECK(relError(fd, expected) < 1e-8);
  CHECK(x.value() == x0);  // values restored
  CHECK(relError(y.value(), (2 * x0.array().sin()).matrix(), 1.0) < 1e-15);
}

TEST_CASE("checkJacobian reports the largest error and where it is", "[autodiff][fd]") {
  Rng rng(5);
  Tape t;
  Var x = t.variable(randomMatrix(3, 1, rng));
  Var y = matmul(t.constant(randomMatrix(2, 3, rng)), tanh(x));  // 2x3 Jacobian
  const FdReport good = checkJacobian(t, y, x);
  CHECK(good.maxRelError < 1e-8);
  CHECK(good.maxAbsError < 1e-8);
  CHECK(good.step == 1e-6);
  REQUIRE(good.numeric.rows() == 2);
  REQUIRE(good.numeric.cols() == 3);
  Matrix wrong = jacobian(t, y, x);
  wrong(1, 2) += 0.01;  // one bad entry
  const FdReport bad = checkJacobian(t, y, x, wrong);
  CHECK(bad.worstRow == 1);
  CHECK(bad.worstCol == 2);
  CHECK(std::abs(bad.maxAbsError - 0.01) < 1e-8);
  CHECK(bad.maxRelError > 1e-3);
  CHECK_THROWS_AS(finiteDifferenceJacobian(t, y, x, 0.0), std::invalid_argument);
}

TEST_CASE("gradient has the shape of its variable, jacobian is size(y) x size(x) by columns", "[autodiff]") {
  Rng rng(9);
  const Matrix w0 = randomMatrix(2, 3, rng);
  Tape t;
  Var w = t.variable(w0);
  Var loss = sum(square(w));
  const Matrix g = gradient(t, loss, w);
  CHECK(relError(g, 2 * w0, 1.0) < 1e-15);  // shaped 2x3, like w
  // Y = W^T (3x2): dvec(Y)/dvec(W) is the 6x6 permutation with Y(c, r) = W(r, c)
  Var y = transpose(w);
  const Matrix j = jacobian(t, y, w);
  REQUIRE(j.rows() == 6);
  REQUIRE(j.cols() == 6);
  for (Index r = 0; r < 2; ++r)
    for (Index c = 0; c < 3; ++c) CHECK(j(c + r * 3, r + c * 2) == 1.0);
  CHECK(j.sum() == 6.0);
  // the derivative API leaves gradients zeroed and values as it found them
  CHECK(w.grad().isZero());
  CHECK(w.value() == w0);
}

TEST_CASE("binary cross-entropy from logits stays finite and exact for huge logits", "[ops][losses]") {
  Tape t;
  const Matrix z0 = (Matrix(4, 1) << 800, -800, 800, -800).finished();
  const Matrix t0 = (Matrix(4, 1) << 0, 1, 1, 0).finished();
  Var z = t.variable(z0);
  Var loss = binaryCrossEntropyWithLogits(z, t.constant(t0));
  // -t log s - (1-t) log(1-s): wrong-side entries cost |z| each, right-side ones e^-800 ~ 0
  CHECK(std::abs(loss.value()(0, 0) - (800.0 + 800.0) / 4) < 1e-12);
  t.backward(loss);
  const Matrix expected = (Matrix(4, 1) << 0.25, -0.25, 0, 0).finished();  // (sigmoid(z) - t) / N
  CHECK(relError(z.grad(), expected, 1.0) < 1e-15);
}

TEST_CASE("softmax and softmax cross-entropy stay finite and exact for huge logits", "[ops][losses]") {
  Tape t;
  const Matrix z0 = (Matrix(3, 2) << 1000, -1000, 0, 0, -1000, 1000).finished();
  const Matrix t0 = (Matrix(3, 2) << 1, 0, 0, 0, 0, 1).finished();  // both samples right
  Var z = t.variable(z0);
  Var s = softmax(z);
  CHECK(s.value().allFinite());
  CHECK(std::abs(s.value()(0, 0) - 1) < 1e-15);
  CHECK(std::abs(s.value().col(1).sum() - 1) < 1e-15);
  Var right = softmaxCrossEntropy(z, t.constant(t0));
  CHECK(std::abs(right.value()(0, 0)) < 1e-15);
  Var wrong = softmaxCrossEntropy(z, t.constant(t0.colwise().reverse()));  // targets on the -1000 class
  CHECK(std::abs(wrong.value()(0, 0) - 2000) < 1e-9);                  // lse - z = 1000 - (-1000) per sample
  t.backward(wrong);
  CHECK(z.grad().allFinite());
  CHECK(std::abs(z.grad()(0, 0) - 0.5) < 1e-15);   // (softmax - t) / B, B = 2
  CHECK(std::abs(z.grad()(2, 0) + 0.5) < 1e-15);
}
