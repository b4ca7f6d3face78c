// The paper's element-wise binary operations, scalar expansion, sum reduction, chain rules.
// The expected Jacobians are the paper's closed forms; the engine's come from reverse mode, forward mode
// and (for single ops) the op's explicit local Jacobian.
#include "mc.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace mc;
using namespace mc::test;

namespace {

constexpr double kTol = 1e-12;

Matrix scalar(double v) { return Matrix::Constant(1, 1, v); }
Matrix diag(const Matrix& v) { return vecOf(v).asDiagonal(); }

// y's Jacobian with respect to x by both modes, each compared with the closed form.
void checkBothModes(Tape& t, Var y, Var x, const Matrix& expected) {
  const Matrix reverse = jacobian(t, y, x, Mode::Reverse);
  const Matrix forward = jacobian(t, y, x, Mode::Forward);
  REQUIRE(reverse.rows() == expected.rows());
  REQUIRE(reverse.cols() == expected.cols());
  CHECK(relError(reverse, expected, 1.0) < kTol);
  CHECK(relError(forward, expected, 1.0) < kTol);
}

// The explicit local Jacobian the op reports for input k (what the page shows).
Matrix localJacobian(Var y, int k) {
  const Node& n = y.tape->node(y.id);
  const Node& a = y.tape->node(n.a);
  const Matrix none;
  const Matrix& b = n.b >= 0 ? y.tape->node(n.b).value : none;
  return opInfo(n.op).jacobian(k, OpArgs{a.value, b, n.param, n.value});
}

// w and x: n x 1 columns, x kept away from 0 for the division.
struct Pair {
  Matrix w, x;
};
Pair randomPair(std::uint64_t seed, Index n) {
  Rng rng(seed);
  return {randomMatrix(n, 1, rng), randomMatrix(n, 1, rng, {0.5, 2, true})};
}

void checkElementwise(const char* op, Var (*f)(Var, Var), Matrix (*dw)(const Pair&), Matrix (*dx)(const Pair&)) {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    for (Index n : {1, 4}) {
      CAPTURE(op, seed, n);
      const Pair p = randomPair(seed, n);
      Tape t;
      Var w = t.variable(p.w);
      Var x = t.variable(p.x);
      Var y = f(w, x);
      checkBothModes(t, y, w, dw(p));
      checkBothModes(t, y, x, dx(p));
      CHECK(relError(localJacobian(y, 0), dw(p), 1.0) < kTol);
      CHECK(relError(localJacobian(y, 1), dx(p), 1.0) < kTol);
      CHECK(opInfo(t.node(y.id).op).rule == Rule::ElementWiseBinary);
    }
  }
}

}  // namespace

// ---- item 6: element-wise binary operations have diagonal Jacobians --------------------------------

TEST_CASE("item 6: d(w+x)/dw = I and d(w+x)/dx = I", "[paper][item6]") {
  checkElementwise(
      "+", [](Var w, Var x) { return w + x; }, [](const Pair& p) { return Matrix(Matrix::Identity(p.w.size(), p.w.size())); },
      [](const Pair& p) { return Matrix(Matrix::Identity(p.w.size(), p.w.size())); });
}

TEST_CASE("item 6: d(w-x)/dw = I and d(w-x)/dx = -I", "[paper][item6]") {
  checkElementwise(
      "-", [](Var w, Var x) { return w - x; }, [](const Pair& p) { return Matrix(Matrix::Identity(p.w.size(), p.w.size())); },
      [](const Pair& p) { return Matrix(-Matrix::Identity(p.w.size(), p.w.size())); });
}

TEST_CASE("item 6: d(w*x)/dw = diag(x) and d(w*x)/dx = diag(w) (Hadamard product)", "[paper][item6]") {
  checkElementwise(
      "*", [](Var w, Var x) { return w * x; }, [](const Pair& p) { return diag(p.x); },
      [](const Pair& p) { return diag(p.w); });
}

TEST_CASE("item 6: d(w/x)/dw = diag(1/x_i) and d(w/x)/dx = diag(-w_i/x_i^2)", "[paper][item6]") {
  checkElementwise(
      "/", [](Var w, Var x) { return w / x; }, [](const Pair& p) { return diag(p.x.cwiseInverse()); },
      [](const Pair& p) { return diag((-p.w.array() / (p.x.array() * p.x.array())).matrix()); });
}

// ---- item 7: scalar expansion ---------------------------------------------------------------------

TEST_CASE("item 7: y = x + z with a scalar z: dy/dx = I, dy/dz = a column of ones", "[paper][item7]") {
  for (Index n : {1, 3, 5}) {
    for (double z0 : {-1.5, 0.0, 2.25}) {
      CAPTURE(n, z0);
      Rng rng(static_cast<std::uint64_t>(n) + 100);
      Tape t;
      Var x = t.variable(randomMatrix(n, 1, rng));
      Var z = t.variable(scalar(z0));
      for (Var y : {x + z, z + x}) {  // either order expands the scalar
        CHECK(relError(y.value(), (x.value().array() + z0).matrix(), 1.0) < kTol);
        checkBothModes(t, y, x, Matrix::Identity(n, n));
        checkBothModes(t, y, z, Matrix::Ones(n, 1));
      }
    }
  }
}

TEST_CASE("item 7: y = x z with a scalar z: dy/dx = z I, dy/dz = x", "[paper][item7]") {
  for (Index n : {1, 3, 5}) {
    for (double z0 : {-1.5, 0.5, 2.25}) {
      CAPTURE(n, z0);
      Rng rng(static_cast<std::uint64_t>(n) + 200);
      Tape t;
      const Matrix x0 = randomMatrix(n, 1, rng);
      Var x = t.variable(x0);
      Var z = t.variable(scalar(z0));
      for (Var y : {x * z, z * x}) {
        CHECK(relError(y.value(), x0 * z0, 1.0) < kTol);
        checkBothModes(t, y, x, z0 * Matrix::Identity(n, n));
        checkBothModes(t, y, z, x0);
      }
    }
  }
}

// ---- item 8: vector sum reduction -----------------------------------------------------------------

TEST_CASE("item 8: y = sum(x) has the gradient 1^T", "[paper][item8]") {
  for (Index n : {1, 2, 6}) {
    CAPTURE(n);
    Rng rng(static_cast<std::uint64_t>(n) + 300);
    Tape t;
    const Matrix x0 = randomMatrix(n, 1, rng);
    Var x = t.variable(x0);
    Var y = sum(x);
    CHECK(std::abs(y.value()(0, 0) - x0.sum()) < kTol);
    checkBothModes(t, y, x, Matrix::Ones(1, n));  // the Jacobian: a row of ones
    CHECK(gradient(t, y, x) == Matrix::Ones(n, 1));  // the gradient, shaped like x
  }
}

TEST_CASE("item 8: y = sum(x z): dy/dx = [z ... z], dy/dz = sum(x)", "[paper][item8]") {
  for (Index n : {1, 3, 4}) {
    for (double z0 : {-2.0, 0.75}) {
      CAPTURE(n, z0);
      Rng rng(static_cast<std::uint64_t>(n) + 400);
      Tape t;
      const Matrix x0 = randomMatrix(n, 1, rng);
      Var x = t.variable(x0);
      Var z = t.variable(scalar(z0));
      Var y = sum(x * z);
      checkBothModes(t, y, x, Matrix::Constant(1, n, z0));
      checkBothModes(t, y, z, scalar(x0.sum()));
    }
  }
}

TEST_CASE("item 8: y = sum(f(x)) has dy/dx_j = sum_i df_i/dx_j (f(x) = x^2 gives 2x^T)", "[paper][item8]") {
  for (Index n : {1, 3, 5}) {
    CAPTURE(n);
    Rng rng(static_cast<std::uint64_t>(n) + 500);
    Tape t;
    const Matrix x0 = randomMatrix(n, 1, rng);
    Var x = t.variable(x0);
    // f's Jacobian is diag(2x): each column has one nonzero, so the column sums are 2 x_j
    checkBothModes(t, sum(square(x)), x, 2 * x0.transpose());
    // a matrix A x mixes entries: the column sums of A
    const Matrix a = randomMatrix(4, n, rng);
    checkBothModes(t, sum(matmul(t.constant(a), x)), x, a.colwise().sum());
  }
}

// ---- item 9: chain rules ----------------------------------------------------------------------------

TEST_CASE("item 9: single-variable chain rule, y = sin(x^2) with u = x^2", "[paper][item9]") {
  for (double x0 : {-2.0, -0.7, 0.0, 0.3, 1.0, 1.9}) {
    CAPTURE(x0);
    Tape t;
    Var x = t.variable(scalar(x0));
    Var u = square(x);
    Var y = sin(u);
    t.backward(y);
    const double u0 = x0 * x0;
    CHECK(std::abs(u.grad()(0, 0) - std::cos(u0)) < kTol);            // dy/du = cos(u)
    CHECK(std::abs(x.grad()(0, 0) - std::cos(u0) * 2 * x0) < kTol);   // dy/dx = cos(u) 2x
    CHECK(std::abs(localJacobian(u, 0)(0, 0) - 2 * x0) < kTol);      // du/dx = 2x
    t.pushTangents(x, scalar(1));
    CHECK(std::abs(t.node(y.id).tangent(0, 0) - 2 * x0 * std::cos(u0)) < kTol);
  }
}

TEST_CASE("item 9: total-derivative rule, y = x + x^2 and y = sin(x + x^2) with a shared x", "[paper][item9]") {
  for (double x0 : {-2.0, -0.5, 0.0, 0.8, 1.5}) {
    CAPTURE(x0);
    Tape t;
    Var x = t.variable(scalar(x0));
    // y = f(x, u1) = x + u1 with u1 = x^2: dy/dx = df/dx + (df/du1)(du1/dx) = 1 + 2x
    Var u1 = square(x);
    Var y = x + u1;
    CHECK(std::abs(gradient(t, y, x)(0, 0) - (1 + 2 * x0)) < kTol);
    CHECK(std::abs(jacobian(t, y, x, Mode::Forward)(0, 0) - (1 + 2 * x0)) < kTol);
    // y = sin(u2) with u2 = x + x^2: cos(x + x^2)(1 + 2x)
    Var y2 = sin(x + square(x));
    CHECK(std::abs(gradient(t, y2, x)(0, 0) - std::cos(x0 + x0 * x0) * (1 + 2 * x0)) < kTol);
    // y = x * x^2 * x: three paths through x, 4x^3
    Var y3 = x * square(x) * x;
    CHECK(std::abs(gradient(t, y3, x)(0, 0) - 4 * x0 * x0 * x0) < 1e-11);
  }
}

TEST_CASE("item 9: vector chain rule, y = [ln(x^2), sin(3x)] has dy/dx = [2/x, 3cos(3x)]", "[paper][item9]") {
  for (double x0 : {-1.7, -0.4, 0.25, 1.0, 2.5}) {
    CAPTURE(x0);
    const Matrix expected = (Matrix(2, 1) << 2 / x0, 3 * std::cos(3 * x0)).finished();
    Tape t;
    Var x = t.variable(scalar(x0));
    Var y = stack(log(square(x)), sin(3.0 * x));
    REQUIRE(y.rows() == 2);
    REQUIRE(y.cols() == 1);
    CHECK(std::abs(y.value()(0, 0) - std::log(x0 * x0)) < kTol);
    CHECK(std::abs(y.value()(1, 0) - std::sin(3 * x0)) < kTol);
    checkBothModes(t, y, x, expected);

    // The same derivative as a product of Jacobians: g = [x^2, 3x], f(g) = [ln g1, sin g2].
    //   df/dg = diag(1/g1, cos g2) (2x2), dg/dx = [2x, 3]^T (2x1)
    const Matrix g0 = (Matrix(2, 1) << x0 * x0, 3 * x0).finished();
    Tape tg;  // g(x)
    Var xg = tg.variable(scalar(x0));
    Var g = stack(square(xg), 3.0 * xg);
    const Matrix dgdx = jacobian(tg, g, xg);
    CHECK(relError(dgdx, (Matrix(2, 1) << 2 * x0, 3).finished(), 1.0) < kTol);
    Tape tf;  // f(g), g a variable
    Var gv = tf.variable(g0);
    Var g1 = matmul(tf.constant((Matrix(1, 2) << 1, 0).finished()), gv);
    Var g2 = matmul(tf.constant((Matrix(1, 2) << 0, 1).finished()), gv);
    Var f = stack(log(g1), sin(g2));
    const Matrix dfdg = jacobian(tf, f, gv);
    CHECK(relError(dfdg, (Matrix(2, 2) << 1 / g0(0), 0, 0, std::cos(g0(1))).finished(), 1.0) < kTol);
    CHECK(relError(dfdg * dgdx, expected, 1.0) < kTol);
  }
}
