// More of the tape: leaves made from other nodes' values, labels, forward tangents, recompute.
#include "mc.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace mc;
using namespace mc::test;

TEST_CASE("a leaf made from another node's value copies it even when the tape grows", "[tape]") {
  for (int nodes = 1; nodes <= 40; ++nodes) {  // crosses several growths of the node storage
    CAPTURE(nodes);
    Tape t;
    Var x = t.variable((Matrix(2, 1) << 1.5, -2.0).finished());
    Var y = x;
    for (int i = 1; i < nodes; ++i) y = y * 1.0;
    Var copy = t.variable(y.value(), t.label(x.id));
    Var constantCopy = t.constant(copy.value());
    REQUIRE(copy.rows() == 2);
    CHECK(copy.value() == x.value());
    CHECK(constantCopy.value() == x.value());
  }
}

TEST_CASE("labels name nodes and are reset when a cleared tape reuses a slot", "[tape]") {
  Tape t;
  Var w = t.variable(Matrix::Ones(2, 2), "W1");
  Var z = matmul(w, t.constant(Matrix::Ones(2, 1)));
  t.setLabel(z, "layer 1 / affine");
  CHECK(t.label(w.id) == "W1");
  CHECK(t.label(z.id) == "layer 1 / affine");
  CHECK(t.label(1).empty());
  t.clear();
  Var a = t.variable(Matrix::Ones(1, 1));
  Var b = t.constant(Matrix::Ones(1, 1));
  Var c = a + b;
  CHECK(t.label(a.id).empty());
  CHECK(t.label(c.id).empty());
  CHECK_THROWS_AS(t.label(5), std::out_of_range);
}

TEST_CASE("pushTangents gives the directional derivative J dx of every node", "[tape][forward]") {
  Rng rng(3);
  Tape t;
  const Matrix x0 = randomMatrix(3, 1, rng);
  Var x = t.variable(x0);
  Var other = t.variable(randomMatrix(3, 1, rng));
  Var y = sin(x) * other;  // J = diag(cos(x) * other)
  const Matrix dx = randomMatrix(3, 1, rng);
  t.pushTangents(x, dx);
  const Matrix expected = (x0.array().cos() * other.value().array() * dx.array()).matrix();
  CHECK(relError(t.node(y.id).tangent, expected, 1.0) < 1e-14);
  CHECK(t.node(other.id).tangent.isZero());  // other leaves are held fixed
  t.pushTangents(other, dx);                  // now the other way round
  CHECK(relError(t.node(y.id).tangent, (x0.array().sin() * dx.array()).matrix(), 1.0) < 1e-14);
}

TEST_CASE("recompute after setValue re-runs every op and finite differences restore the values", "[tape]") {
  Tape t;
  Var x = t.variable(Matrix::Constant(1, 1, 2.0));
  Var y = exp(x) + square(x);
  t.setValue(x, Matrix::Constant(1, 1, 1.0));
  t.recompute();
  CHECK(std::abs(y.value()(0, 0) - (std::exp(1.0) + 1.0)) < 1e-15);
  const Matrix before = y.value();
  const Matrix fd = finiteDifferenceJacobian(t, y, x);
  CHECK(std::abs(fd(0, 0) - (std::exp(1.0) + 2.0)) < 1e-8);
  CHECK(y.value() == before);
  CHECK(x.value()(0, 0) == 1.0);
}

TEST_CASE("gradients of interior nodes belong to the latest pass while leaves accumulate", "[tape]") {
  Tape t;
  Var x = t.variable(Matrix::Constant(1, 1, 3.0));
  Var u = square(x);
  Var y = 2.0 * u;
  t.backward(y);
  t.backward(y);
  CHECK(u.grad()(0, 0) == 2.0);   // not 4: interior gradients are reset by each pass
  CHECK(x.grad()(0, 0) == 24.0);  // 2 * (2 * 2x) with x = 3
}
