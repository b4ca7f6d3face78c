// The paper's sections on the gradient of neuron activation and of the loss: the gradient of a neuron's activation and of the single-neuron MSE loss,
// against the paper's closed forms (with the ReLU mask written out by hand).
#include "mc.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace mc;
using namespace mc::test;

namespace {

constexpr double kTol = 1e-12;

Matrix scalar(double v) { return Matrix::Constant(1, 1, v); }

}  // namespace

TEST_CASE("item 10: d(w.x)/dw = x^T and d(w.x)/dx = w^T (dot product)", "[paper][item10]") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    for (Index n : {1, 2, 5}) {
      CAPTURE(seed, n);
      Rng rng(seed * 7 + static_cast<std::uint64_t>(n));
      const Matrix w0 = randomMatrix(n, 1, rng), x0 = randomMatrix(n, 1, rng);
      Tape t;
      Var w = t.variable(w0);
      Var x = t.variable(x0);
      Var y = dot(w, x);
      CHECK(std::abs(y.value()(0, 0) - w0.col(0).dot(x0.col(0))) < kTol);
      CHECK(relError(jacobian(t, y, w, Mode::Reverse), x0.transpose(), 1.0) < kTol);
      CHECK(relError(jacobian(t, y, w, Mode::Forward), x0.transpose(), 1.0) < kTol);
      CHECK(relError(jacobian(t, y, x, Mode::Reverse), w0.transpose(), 1.0) < kTol);
      CHECK(relError(jacobian(t, y, x, Mode::Forward), w0.transpose(), 1.0) < kTol);
    }
  }
}

TEST_CASE("item 10: the same through u = w*x, y = sum(u): dy/du = 1^T, du/dw = diag(x)", "[paper][item10]") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const Index n = 4;
    CAPTURE(seed);
    Rng rng(seed + 50);
    const Matrix w0 = randomMatrix(n, 1, rng), x0 = randomMatrix(n, 1, rng);
    Tape t;
    Var w = t.variable(w0);
    Var x = t.variable(x0);
    Var u = w * x;
    Var y = sum(u);
    t.backward(y);
    CHECK(u.grad() == Matrix::Ones(n, 1));           // dy/du = 1^T, as a gradient
    CHECK(relError(w.grad(), x0, 1.0) < kTol);       // (1^T diag(x))^T = x
    CHECK(relError(x.grad(), w0, 1.0) < kTol);
    CHECK(relError(jacobian(t, y, w), x0.transpose(), 1.0) < kTol);
  }
}

TEST_CASE("item 10: d max(0, w.x + b)/dw = 0^T where w.x + b <= 0 (else x^T) and d/db = 0 (else 1)", "[paper][item10]") {
  int active = 0, inactive = 0;
  auto check = [&](const Matrix& w0, const Matrix& x0, double b0) {
    const double z = w0.col(0).dot(x0.col(0)) + b0;
    CAPTURE(z);
    Tape t;
    Var w = t.variable(w0);
    Var x = t.constant(x0);
    Var b = t.variable(scalar(b0));
    Var y = relu(dot(w, x) + b);
    CHECK(std::abs(y.value()(0, 0) - std::max(0.0, z)) < kTol);
    t.backward(y);
    const Matrix expectedW = z > 0 ? x0 : Matrix::Zero(x0.rows(), 1);
    CHECK(relError(w.grad(), expectedW, 1.0) < kTol);
    CHECK(b.grad()(0, 0) == (z > 0 ? 1.0 : 0.0));
    CHECK(relError(jacobian(t, y, w, Mode::Forward), expectedW.transpose(), 1.0) < kTol);
    (z > 0 ? active : inactive) += 1;
  };
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    Rng rng(seed + 90);
    check(randomMatrix(3, 1, rng), randomMatrix(3, 1, rng), rng.uniform(-1, 1));
  }
  // exactly on the kink: the paper takes 0 where z <= 0
  check((Matrix(2, 1) << 1, 2).finished(), (Matrix(2, 1) << 1, 1).finished(), -3.0);
  check((Matrix(2, 1) << 0.5, -1).finished(), (Matrix(2, 1) << 2, 1).finished(), 0.0);
  CHECK(active >= 3);  // both branches were exercised
  CHECK(inactive >= 3);
}

namespace {

// The paper's closed form for C(w, b) = (1/N) sum_i (y_i - max(0, w.x_i + b))^2, with the mask z_i > 0.
struct LossGradient {
  double loss = 0;
  Matrix dw;
  double db = 0;
  int active = 0;
};
LossGradient closedForm(const Matrix& w, double b, const Matrix& xs, const Matrix& ys) {
  const Index n = xs.cols();
  LossGradient r;
  r.dw = Matrix::Zero(w.rows(), 1);
  for (Index i = 0; i < n; ++i) {
    const double z = w.col(0).dot(xs.col(i)) + b;
    const double activation = z > 0 ? z : 0;
    r.loss += (ys(0, i) - activation) * (ys(0, i) - activation) / static_cast<double>(n);
    if (z > 0) {
      r.dw += 2.0 / static_cast<double>(n) * (z - ys(0, i)) * xs.col(i);
      r.db += 2.0 / static_cast<double>(n) * (z - ys(0, i));
      ++r.active;
    }
  }
  return r;
}

}  // namespace

TEST_CASE("item 11: single-neuron MSE loss gradient over a batch with the ReLU mask (batched)", "[paper][item11]") {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    for (Index batch : {1, 5, 16}) {
      CAPTURE(seed, batch);
      Rng rng(seed * 31 + static_cast<std::uint64_t>(batch));
      const Index features = 3;
      const Matrix w0 = randomMatrix(features, 1, rng), xs = randomMatrix(features, batch, rng);
      const Matrix ys = randomMatrix(1, batch, rng, {0, 2});
      const double b0 = rng.uniform(-0.5, 0.5);
      const LossGradient expected = closedForm(w0, b0, xs, ys);

      Tape t;
      Var w = t.variable(w0);
      Var b = t.variable(scalar(b0));
      Var z = addBias(matmul(transpose(w), t.constant(xs)), b);  // 1 x N: w.x_i + b for every sample
      Var c = mse(relu(z), t.constant(ys));
      CHECK(std::abs(c.value()(0, 0) - expected.loss) < kTol);
      t.backward(c);
      CHECK(relError(w.grad(), expected.dw, 1.0) < kTol);
      CHECK(std::abs(b.grad()(0, 0) - expected.db) < kTol);
    }
  }
}

TEST_CASE("item 11: single-neuron MSE loss gradient, one node per sample (total derivative over samples)",
          "[paper][item11]") {
  int masked = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    CAPTURE(seed);
    Rng rng(seed + 700);
    const Index features = 2, batch = 6;
    const Matrix w0 = randomMatrix(features, 1, rng), xs = randomMatrix(features, batch, rng);
    const Matrix ys = randomMatrix(1, batch, rng, {0, 2});
    const double b0 = rng.uniform(-0.5, 0.5);
    const LossGradient expected = closedForm(w0, b0, xs, ys);
    masked += static_cast<int>(batch) - expected.active;

    Tape t;
    Var w = t.variable(w0);
    Var b = t.variable(scalar(b0));
    Var total = t.constant(scalar(0));
    for (Index i = 0; i < batch; ++i) {  // C = (1/N) sum_i (y_i - max(0, w.x_i + b))^2
      Var activation = relu(dot(w, t.constant(xs.col(i))) + b);
      total = total + square(t.constant(scalar(ys(0, i))) - activation);
    }
    Var c = total / static_cast<double>(batch);
    CHECK(std::abs(c.value()(0, 0) - expected.loss) < kTol);
    CHECK(relError(gradient(t, c, w), expected.dw, 1.0) < kTol);
    CHECK(std::abs(gradient(t, c, b)(0, 0) - expected.db) < kTol);
  }
  CHECK(masked > 0);  // some samples fell on the zero side of the ReLU
}
