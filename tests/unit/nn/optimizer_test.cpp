// One or two optimiser steps against the update formulas worked out by hand, entry by entry.
#include "nn/nn.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace mc::nn;
using mc::Matrix;
using Catch::Matchers::WithinAbs;

namespace {
Matrix column(double a, double b) {
  Matrix m(2, 1);
  m << a, b;
  return m;
}
}  // namespace

TEST_CASE("one SGD step is p - lr g", "[nn][optimizer]") {
  OptimizerConfig c;
  c.kind = OptimizerKind::Sgd;
  c.lr = 0.1;
  Optimizer opt(c);
  Matrix p = column(1.0, -2.0);
  opt.prepare({&p});
  opt.beginStep();
  opt.update(0, p, column(0.5, 0.25));
  CHECK_THAT(p(0, 0), WithinAbs(0.95, 1e-15));    // 1 - 0.1 * 0.5
  CHECK_THAT(p(1, 0), WithinAbs(-2.025, 1e-15));  // -2 - 0.1 * 0.25
}

TEST_CASE("two momentum steps accumulate the velocity v = mu v + g", "[nn][optimizer]") {
  OptimizerConfig c;
  c.kind = OptimizerKind::Momentum;
  c.lr = 0.1;
  c.momentum = 0.9;
  Optimizer opt(c);
  Matrix p = column(1.0, -2.0);
  opt.prepare({&p});
  opt.beginStep();
  opt.update(0, p, column(0.5, 0.25));  // v = (0.5, 0.25); p = (0.95, -2.025)
  opt.beginStep();
  opt.update(0, p, column(-1.0, 0.5));  // v = (0.45 - 1, 0.225 + 0.5) = (-0.55, 0.725)
  CHECK_THAT(p(0, 0), WithinAbs(0.95 + 0.055, 1e-15));
  CHECK_THAT(p(1, 0), WithinAbs(-2.025 - 0.0725, 1e-15));
}

TEST_CASE("two Adam steps follow the bias-corrected moments", "[nn][optimizer]") {
  OptimizerConfig c;
  c.kind = OptimizerKind::Adam;
  c.lr = 0.01;
  c.beta1 = 0.9;
  c.beta2 = 0.999;
  c.epsilon = 1e-8;
  Optimizer opt(c);
  Matrix p = column(1.0, -2.0);
  opt.prepare({&p});
  const double g1[2] = {0.5, -0.25}, g2[2] = {-1.0, 0.5};
  opt.beginStep();
  opt.update(0, p, column(g1[0], g1[1]));
  opt.beginStep();
  opt.update(0, p, column(g2[0], g2[1]));
  const double start[2] = {1.0, -2.0};
  for (int i = 0; i < 2; ++i) {
    // t = 1: m = 0.1 g1, v = 0.001 g1^2; corrected m / 0.1 = g1, v / 0.001 = g1^2: a step of lr * sign(g1)
    const double m1 = 0.1 * g1[i], v1 = 0.001 * g1[i] * g1[i];
    const double p1 = start[i] - 0.01 * (m1 / 0.1) / (std::sqrt(v1 / 0.001) + 1e-8);
    CHECK_THAT(p1, WithinAbs(start[i] - 0.01 * (g1[i] > 0 ? 1 : -1), 1e-9));
    // t = 2
    const double m2 = 0.9 * m1 + 0.1 * g2[i], v2 = 0.999 * v1 + 0.001 * g2[i] * g2[i];
    const double mHat = m2 / (1 - 0.81), vHat = v2 / (1 - 0.999 * 0.999);
    const double p2 = p1 - 0.01 * mHat / (std::sqrt(vHat) + 1e-8);
    CHECK_THAT(p(i, 0), WithinAbs(p2, 1e-14));
  }
  CHECK(opt.steps() == 2);
}

TEST_CASE("optimiser state is per parameter slot", "[nn][optimizer]") {
  OptimizerConfig c;
  c.kind = OptimizerKind::Momentum;
  c.lr = 1;
  c.momentum = 0.5;
  Optimizer opt(c);
  Matrix a = column(0, 0), b = column(0, 0);
  opt.prepare({&a, &b});
  opt.beginStep();
  opt.update(0, a, column(1, 1));
  opt.update(1, b, column(-1, -1));
  opt.beginStep();
  opt.update(0, a, column(1, 1));   // v_a = 0.5 + 1
  opt.update(1, b, column(-1, -1)); // v_b = -0.5 - 1
  CHECK_THAT(a(0, 0), WithinAbs(-2.5, 1e-15));
  CHECK_THAT(b(0, 0), WithinAbs(2.5, 1e-15));
}
