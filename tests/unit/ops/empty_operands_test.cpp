// Empty matrices (0 rows or 0 columns) reach the engine from user input (the expression language, a
// config): every op either handles them or throws a ShapeError, never crashes or returns garbage.
#include "mc.hpp"
#include "op_cases.hpp"

#include <catch2/catch.hpp>

using namespace mc;
using namespace mc::test;

TEST_CASE("every op handles empty operands or rejects them with a ShapeError", "[ops][errors]") {
  const OpCase row = GENERATE(from_range(allOpCases()));
  const Shape base = GENERATE(values<Shape>({{0, 3}, {3, 0}, {0, 0}}));
  const std::string& opName = row.name;
  CAPTURE(opName, base.first, base.second);
  const auto [sa, sb] = row.shapes(base.first, base.second);
  Tape t;
  Var a = t.variable(Matrix::Ones(sa.first, sa.second));
  Var b = opInfo(row.op).arity == 2 ? t.variable(Matrix::Ones(sb.first, sb.second)) : Var{};
  Var y;
  try {
    y = apply(row.op, a, b, row.p);
  } catch (const ShapeError& e) {
    CHECK(std::string(e.what()).rfind(opInfo(row.op).name, 0) == 0);  // the message starts with the op
    CHECK(t.size() == (b.valid() ? 2 : 1));
    return;
  }
  // Accepted: the value matches the closed form, and all three derivatives (VJP, tangent, explicit Jacobian) run with the right shapes.
  const Matrix expected = row.closedForm(a.value(), b.valid() ? b.value() : Matrix(), row.p);
  REQUIRE(y.rows() == expected.rows());
  REQUIRE(y.cols() == expected.cols());
  CHECK(relError(y.value(), expected, 1.0) == 0.0);
  t.backward(y, Matrix::Ones(y.rows(), y.cols()));
  CHECK(a.grad().rows() == sa.first);
  CHECK(a.grad().cols() == sa.second);
  CHECK(a.grad().allFinite());
  t.pushTangents(a, Matrix::Ones(sa.first, sa.second));
  CHECK(t.node(y.id).tangent.rows() == y.rows());
  CHECK(t.node(y.id).tangent.allFinite());
  const Matrix none;
  const Matrix j = opInfo(row.op).jacobian(0, OpArgs{a.value(), b.valid() ? b.value() : none, row.p, y.value()});
  CHECK(j.rows() == y.value().size());
  CHECK(j.cols() == a.value().size());
  CHECK(j.allFinite());
}
