// The tape on its own: core links without engine/ops, so the tape runs whatever row it is given. Here
// a row made in the test, y = 2 a (Jacobian 2 I), recorded twice: z = 2 (2 x), dz/dx = 4 I by hand.
#include "core/tape.hpp"

#include <catch2/catch.hpp>

using namespace mc;

namespace {

OpInfo twiceRow() {
  OpInfo r{};
  r.name = "twice";
  r.arity = 1;
  r.rule = Rule::ScalarDerivative;
  r.shape = [](const Matrix& a, const Matrix&, double) { return std::pair<Index, Index>{a.rows(), a.cols()}; };
  r.forward = [](const Matrix& a, const Matrix&, double, Matrix& y) { y = 2 * a; };
  r.vjp = [](int, const OpArgs&, const Matrix& gy, Matrix& g) { g += 2 * gy; };
  r.jvp = [](const OpArgs&, const Matrix& ta, const Matrix&, Matrix& ty) { ty = 2 * ta; };
  r.op = Op::Scale;  // any non-leaf entry: the tape reads the row, not the table
  return r;
}

}  // namespace

TEST_CASE("core: the tape records, differentiates and recomputes a row it is given", "[core][tape]") {
  const OpInfo twice = twiceRow();
  Tape t;
  const Var x = t.variable((Matrix(2, 1) << 1.5, -3).finished());
  const Var z = t.apply(twice, t.apply(twice, x));
  CHECK(z.value() == (Matrix(2, 1) << 6, -12).finished());

  t.backward(z, Matrix::Ones(2, 1));
  CHECK(x.grad() == Matrix::Constant(2, 1, 4));  // d(4x)/dx = 4, entry by entry

  t.pushTangents(x, (Matrix(2, 1) << 1, 0).finished());
  CHECK(t.node(z.id).tangent == (Matrix(2, 1) << 4, 0).finished());

  t.setValue(x, (Matrix(2, 1) << 0.25, 1).finished());
  t.recompute();
  CHECK(z.value() == (Matrix(2, 1) << 1, 4).finished());
  CHECK(t.node(z.id).info == &twice);
}
