// The paper's scalar derivative rules, partial derivatives and gradients, the Jacobian.
// Each expected value is the paper's closed form, evaluated in the test at several points.
#include "mc.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace mc;
using namespace mc::test;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

constexpr double kTol = 1e-12;

Matrix scalar(double v) { return Matrix::Constant(1, 1, v); }
double d(Tape& t, Var y, Var x) { return gradient(t, y, x)(0, 0); }  // dy/dx for 1x1 y and x

const double kPoints[] = {-2.5, -1.0, -0.3, 0.4, 1.0, 1.7, 3.0};
const double kPositivePoints[] = {0.2, 0.5, 1.0, 1.7, 3.0};

}  // namespace

// ---- item 3: scalar derivative rules --------------------------------------------------------------

TEST_CASE("item 3, constant rule: d/dx c = 0", "[paper][item3]") {
  for (double x0 : kPoints) {
    CAPTURE(x0);
    Tape t;
    Var x = t.variable(scalar(x0));
    Var c = t.constant(scalar(7.5));
    CHECK(d(t, c, x) == 0.0);               // y = c alone does not depend on x
    CHECK(d(t, x + 7.5, x) == 1.0);          // (x + c)' = 1 + 0
    CHECK(d(t, c * 1.0 + x * x, x) == 2 * x0);  // the constant term adds nothing
    CHECK(d(t, pow(x, 0), x) == 0.0);        // x^0 = 1, a constant
    t.backward(c + x);
    CHECK(c.grad()(0, 0) == 0.0);            // constants never collect a gradient
  }
}

TEST_CASE("item 3, constant-multiple rule: (c f)' = c f'", "[paper][item3]") {
  for (double x0 : kPoints) {
    CAPTURE(x0);
    Tape t;
    Var x = t.variable(scalar(x0));
    CHECK_THAT(d(t, 3.0 * sin(x), x), WithinAbs(3 * std::cos(x0), kTol));
    Var c = t.constant(scalar(-4.0));  // c as a node of the graph: the product rule with c' = 0
    CHECK_THAT(d(t, c * exp(x), x), WithinRel(-4 * std::exp(x0), kTol));
    CHECK_THAT(d(t, square(x) / 2.0, x), WithinAbs(x0, kTol));
  }
}

TEST_CASE("item 3, power rule: d/dx x^n = n x^(n-1)", "[paper][item3]") {
  for (double n : {1.0, 2.0, 3.0, 7.0, -1.0, -2.0, 0.5, 2.5}) {
    for (double x0 : kPositivePoints) {
      CAPTURE(n, x0);
      Tape t;
      Var x = t.variable(scalar(x0));
      CHECK_THAT(d(t, pow(x, n), x), WithinRel(n * std::pow(x0, n - 1), kTol));
    }
  }
  for (double x0 : kPoints) {  // integer powers of negative numbers, and square as x^2
    CAPTURE(x0);
    Tape t;
    Var x = t.variable(scalar(x0));
    CHECK_THAT(d(t, pow(x, 3), x), WithinAbs(3 * x0 * x0, kTol));
    CHECK_THAT(d(t, square(x), x), WithinAbs(2 * x0, kTol));
    CHECK_THAT(d(t, x * x * x * x, x), WithinAbs(4 * x0 * x0 * x0, 1e-11));
  }
}

TEST_CASE("item 3, sum rule: (f + g)' = f' + g'", "[paper][item3]") {
  for (double x0 : kPoints) {
    CAPTURE(x0);
    Tape t;
    Var x = t.variable(scalar(x0));
    CHECK_THAT(d(t, sin(x) + square(x), x), WithinAbs(std::cos(x0) + 2 * x0, kTol));
    CHECK_THAT(d(t, 3.0 * x + exp(x), x), WithinAbs(3 + std::exp(x0), kTol));
  }
}

TEST_CASE("item 3, difference rule: (f - g)' = f' - g'", "[paper][item3]") {
  for (double x0 : kPoints) {
    CAPTURE(x0);
    Tape t;
    Var x = t.variable(scalar(x0));
    CHECK_THAT(d(t, sin(x) - square(x), x), WithinAbs(std::cos(x0) - 2 * x0, kTol));
    CHECK_THAT(d(t, exp(x) - 3.0 * x, x), WithinAbs(std::exp(x0) - 3, kTol));
  }
}

TEST_CASE("item 3, product rule: (f g)' = f g' + f' g", "[paper][item3]") {
  for (double x0 : kPoints) {
    CAPTURE(x0);
    Tape t;
    Var x = t.variable(scalar(x0));
    // f = sin x, g = x^3
    const double expected = std::sin(x0) * 3 * x0 * x0 + std::cos(x0) * x0 * x0 * x0;
    CHECK_THAT(d(t, sin(x) * pow(x, 3), x), WithinAbs(expected, 1e-11));
    // f = x^2, g = e^x
    CHECK_THAT(d(t, square(x) * exp(x), x), WithinAbs(x0 * x0 * std::exp(x0) + 2 * x0 * std::exp(x0), 1e-11));
  }
}

TEST_CASE("item 3, chain rule: f(g(x))' = (df/du)(du/dx) with u = g(x)", "[paper][item3]") {
  for (double x0 : kPoints) {
    CAPTURE(x0);
    Tape t;
    Var x = t.variable(scalar(x0));
    // f(u) = u^3, u = 1 + x^2
    const double u0 = 1 + x0 * x0;
    Var u = square(x) + 1.0;
    Var y = pow(u, 3);
    CHECK_THAT(d(t, y, x), WithinRel(3 * u0 * u0 * 2 * x0, kTol));
    CHECK_THAT(u.grad()(0, 0), WithinRel(3 * u0 * u0, kTol));  // df/du, kept on the intermediate node
    // f(u) = e^u, u = sin x
    CHECK_THAT(d(t, exp(sin(x)), x), WithinAbs(std::exp(std::sin(x0)) * std::cos(x0), kTol));
  }
}

// ---- item 4: partial derivatives and the gradient -------------------------------------------------

TEST_CASE("item 4: f(x, y) = 3x^2 y has the gradient [6xy, 3x^2]", "[paper][item4]") {
  for (double x0 : kPoints) {
    for (double y0 : {-1.5, 0.5, 2.0}) {
      CAPTURE(x0, y0);
      Tape t;
      Var x = t.variable(scalar(x0));
      Var y = t.variable(scalar(y0));
      Var f = 3.0 * square(x) * y;
      CHECK_THAT(f.value()(0, 0), WithinAbs(3 * x0 * x0 * y0, kTol));
      t.backward(f);  // one pass gives both partials
      CHECK_THAT(x.grad()(0, 0), WithinAbs(6 * x0 * y0, kTol));
      CHECK_THAT(y.grad()(0, 0), WithinAbs(3 * x0 * x0, kTol));
    }
  }
}

TEST_CASE("item 4: g(x, y) = 2x + y^8 has the gradient [2, 8y^7]", "[paper][item4]") {
  for (double x0 : kPoints) {
    for (double y0 : {-1.2, 0.5, 1.1}) {
      CAPTURE(x0, y0);
      Tape t;
      Var x = t.variable(scalar(x0));
      Var y = t.variable(scalar(y0));
      Var g = 2.0 * x + pow(y, 8);
      CHECK_THAT(d(t, g, x), WithinAbs(2.0, kTol));
      CHECK_THAT(d(t, g, y), WithinRel(8 * std::pow(y0, 7), kTol));
    }
  }
}

// ---- item 5: the Jacobian ------------------------------------------------------------------------

TEST_CASE("item 5: the Jacobian of [3x^2 y, 2x + y^8] stacks the gradients as rows", "[paper][item5]") {
  for (double x0 : {-1.0, 0.5, 2.0}) {
    for (double y0 : {-1.1, 0.7, 1.3}) {
      CAPTURE(x0, y0);
      const Matrix expected =
          (Matrix(2, 2) << 6 * x0 * y0, 3 * x0 * x0, 2, 8 * std::pow(y0, 7)).finished();
      // (a) separate scalars x and y: rows are the gradients of f and g
      Tape t;
      Var x = t.variable(scalar(x0));
      Var y = t.variable(scalar(y0));
      Var f = 3.0 * square(x) * y;
      Var g = 2.0 * x + pow(y, 8);
      Matrix byRows(2, 2);
      byRows << d(t, f, x), d(t, f, y), d(t, g, x), d(t, g, y);
      CHECK(relError(byRows, expected, 1.0) < kTol);
      // (b) the vector function [f; g] of the vector v = [x; y]: one 2x2 Jacobian, both modes
      Tape t2;
      Var v = t2.variable((Matrix(2, 1) << x0, y0).finished());
      Var vx = matmul(t2.constant((Matrix(1, 2) << 1, 0).finished()), v);
      Var vy = matmul(t2.constant((Matrix(1, 2) << 0, 1).finished()), v);
      Var fg = stack(3.0 * square(vx) * vy, 2.0 * vx + pow(vy, 8));
      REQUIRE(fg.rows() == 2);
      CHECK(relError(jacobian(t2, fg, v, Mode::Reverse), expected, 1.0) < kTol);
      CHECK(relError(jacobian(t2, fg, v, Mode::Forward), expected, 1.0) < kTol);
    }
  }
}

TEST_CASE("item 5: the Jacobian of the identity f(x) = x is I", "[paper][item5]") {
  for (Index n : {1, 3, 5}) {
    CAPTURE(n);
    Rng rng(static_cast<std::uint64_t>(n));
    Tape t;
    Var x = t.variable(randomMatrix(n, 1, rng));
    const Matrix identity = Matrix::Identity(n, n);
    CHECK(jacobian(t, x, x, Mode::Reverse) == identity);
    CHECK(jacobian(t, x, x, Mode::Forward) == identity);
    Var y = 1.0 * x;  // an op that computes the identity
    CHECK(jacobian(t, y, x, Mode::Reverse) == identity);
    CHECK(jacobian(t, y, x, Mode::Forward) == identity);
  }
}

TEST_CASE("item 5: m functions of an n-vector give an m x n Jacobian (y = A x has J = A)", "[paper][item5]") {
  for (Index m : {1, 2, 3}) {
    for (Index n : {1, 4}) {
      CAPTURE(m, n);
      Rng rng(static_cast<std::uint64_t>(10 * m + n));
      const Matrix a = randomMatrix(m, n, rng);
      Tape t;
      Var x = t.variable(randomMatrix(n, 1, rng));
      Var y = matmul(t.constant(a), x);
      const Matrix jr = jacobian(t, y, x, Mode::Reverse);
      const Matrix jf = jacobian(t, y, x, Mode::Forward);
      REQUIRE(jr.rows() == m);
      REQUIRE(jr.cols() == n);
      CHECK(relError(jr, a, 1.0) < kTol);
      CHECK(relError(jf, a, 1.0) < kTol);
    }
  }
}
