// The chain of factors of a first-layer weight, against the chain rule written out by hand.
#include "trace/chain_of_factors.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "tiny_net.hpp"

using namespace mc;
using namespace mc::trace;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("dE/dw11 = dE/dout * dout/dnet * ... * dnet/dw11 on a 2-2-1 net, factor by factor", "[trace][chain]") {
  Tape t;
  tiny::Net net = tiny::build(t);
  t.backward(net.loss);
  const EntryChain c = chainOfFactors(t, net.loss, net.w1, 0, 0);
  REQUIRE(c.complete);
  REQUIRE(c.paths.size() == 1);
  const std::vector<PathFactor>& f = c.paths[0].factors;
  REQUIRE(f.size() == 7);

  // The forward pass by hand, plain doubles (x = (0.05, 0.10), y = 0.01, weights of tiny_net.hpp).
  const double x0 = 0.05, x1 = 0.10, target = 0.01;
  const double h0 = std::tanh(0.15 * x0 + 0.20 * x1 + 0.35), h1 = std::tanh(0.25 * x0 + 0.30 * x1 + 0.35);
  const double z2 = 0.40 * h0 + 0.45 * h1 + 0.60, out = 1 / (1 + std::exp(-z2));
  const double expected[] = {
      2 * (out - target),  // dE/dout (MSE over one entry)
      out * (1 - out),     // dout/dz2 (sigmoid)
      1,                   // dz2/d(W2 h1) (bias added)
      0.40,                // d(W2 h1)/dh0 = W2(0, 0)
      1 - h0 * h0,         // dh0/dz1_0 (tanh)
      1,                   // dz1_0/d(W1 x)_0
      x0,                  // d(W1 x)_0 / dW1(0, 0) = x_0
  };
  const int nodes[] = {net.loss.id, net.out.id, net.z2.id, net.a2.id, net.h1.id, net.z1.id, net.a1.id, net.w1.id};
  double product = 1;
  for (std::size_t i = 0; i < 7; ++i) {
    CAPTURE(i);
    CHECK_THAT(f[i].value, WithinAbs(expected[i], 1e-15));
    CHECK(f[i].to == nodes[i]);
    CHECK(f[i].from == nodes[i + 1]);
    product *= expected[i];
  }
  CHECK(f[3].fromRow == 0);  // through hidden unit 0 only
  CHECK_THAT(c.paths[0].product, WithinRel(product, 1e-14));
  CHECK_THAT(c.pathSum, WithinRel(c.gradient, 1e-14));
  CHECK(c.gradient == net.w1.grad()(0, 0));
}

TEST_CASE("over a batch the paths are one per sample, and they add up to the gradient", "[trace][chain]") {
  Tape t;
  tiny::Net net = tiny::build(t, 3, 0.01);  // with an L2 penalty: one more path, through the penalty
  t.backward(net.loss);
  for (Index r = 0; r < 2; ++r) {
    for (Index col = 0; col < 2; ++col) {
      CAPTURE(r, col);
      const EntryChain c = chainOfFactors(t, net.loss, net.w1, r, col);
      CHECK(c.complete);
      CHECK(c.paths.size() == 4);  // 3 samples + the penalty
      double sum = 0;
      for (const EntryPath& p : c.paths) {
        double product = 1;
        for (const PathFactor& f : p.factors) product *= f.value;
        CHECK(product == p.product);
        sum += product;
      }
      CHECK_THAT(sum, WithinAbs(net.w1.grad()(r, col), 1e-15));
    }
  }
}

TEST_CASE("a ReLU that is off keeps its path with the factor 0 (paper item 11)", "[trace][chain]") {
  Tape t;
  const Matrix x0 = (Matrix(2, 3) << 1.0, -2.0, 0.5, 0.5, -1.0, 2.0).finished();
  const Matrix y0 = (Matrix(1, 3) << 1.0, 0.0, 2.0).finished();
  Var w = t.variable((Matrix(1, 2) << 0.8, 0.3).finished(), "w");
  Var b = t.variable(Matrix::Constant(1, 1, 0.1), "b");
  Var x = t.constant(x0, "X");
  Var y = t.constant(y0, "Y");
  Var z = addBias(matmul(w, x), b);  // z = w.x_i + b per column: 1.05, -1.8, 1.1
  Var loss = mse(relu(z), y);
  t.backward(loss);
  const EntryChain c = chainOfFactors(t, loss, w, 0, 1);
  REQUIRE(c.paths.size() == 3);
  CHECK(c.paths[1].product == 0.0);  // sample 2 has z <= 0: the ReLU factor is 0
  // dC/dw = (2/N) sum_{i: z_i > 0} (w.x_i + b - y_i) x_i^T, the paper's closed form
  double expected = 0;
  for (Index i = 0; i < 3; ++i) {
    const double zi = 0.8 * x0(0, i) + 0.3 * x0(1, i) + 0.1;
    if (zi > 0) expected += 2.0 / 3.0 * (zi - y0(0, i)) * x0(1, i);
  }
  CHECK_THAT(c.pathSum, WithinAbs(expected, 1e-15));
  CHECK_THAT(c.gradient, WithinAbs(expected, 1e-15));
}

TEST_CASE("the path limit marks a chain incomplete", "[trace][chain]") {
  Tape t;
  tiny::Net net = tiny::build(t, 5);
  t.backward(net.loss);
  ChainLimits limits;
  limits.maxPaths = 2;
  const EntryChain c = chainOfFactors(t, net.loss, net.w1, 1, 1, limits);
  CHECK_FALSE(c.complete);
  CHECK(c.paths.size() == 2);
  CHECK_THROWS_WITH(chainOfFactors(t, net.loss, net.w1, 2, 0), Catch::Contains("(2, 0)") && Catch::Contains("2x2"));
  CHECK_THROWS_AS(chainOfFactors(t, net.z1, net.w1, 0, 0), ShapeError);  // a 2x5 root
}
