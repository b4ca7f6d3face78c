// det, logdet and inv at a singular matrix: a clear error for inv and logdet that leaves the tape
// usable, and det's gradient there (the cofactor matrix, which exists where X^-1 does not).
#include "mc.hpp"

#include <catch2/catch.hpp>

using namespace mc;
using Catch::Matchers::Contains;

TEST_CASE("inv and logdet refuse a singular matrix, and the tape keeps working", "[ops][matrix-functions]") {
  Tape tape;
  Matrix singular(2, 2);
  singular << 1, 2, 2, 4;  // second row twice the first: det = 1*4 - 2*2 = 0
  const Var x = tape.variable(singular);
  const int before = tape.size();
  CHECK_THROWS_WITH(mc::apply(Op::Inverse, x), Contains("det(X) is 0: X (2x2) is singular") && Contains("eye(2)"));
  CHECK_THROWS_WITH(mc::apply(Op::Logdet, x), Contains("det(X) is 0"));
  CHECK(tape.size() == before);
  // the same tape still records and differentiates
  const Var d = mc::apply(Op::Det, x);
  CHECK(d.value()(0, 0) == 0);
  tape.backward(d);
  // d det / dX = the cofactor matrix [[4, -2], [-2, 1]] (hand calculation: C_ij = (-1)^(i+j) M_ij)
  Matrix cofactor(2, 2);
  cofactor << 4, -2, -2, 1;
  CHECK((x.grad() - cofactor).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("det, logdet and inv of a known matrix", "[ops][matrix-functions]") {
  Tape tape;
  Matrix a(2, 2);
  a << 2, 1, 1, 3;  // det = 6 - 1 = 5, inverse = [[3, -1], [-1, 2]] / 5
  const Var x = tape.variable(a);
  CHECK(mc::apply(Op::Det, x).value()(0, 0) == Approx(5).epsilon(1e-14));
  CHECK(mc::apply(Op::Logdet, x).value()(0, 0) == Approx(std::log(5.0)).epsilon(1e-14));
  Matrix inv(2, 2);
  inv << 0.6, -0.2, -0.2, 0.4;
  CHECK((mc::apply(Op::Inverse, x).value() - inv).cwiseAbs().maxCoeff() < 1e-15);
  Matrix negative(2, 2);
  negative << 0, 1, 1, 0;  // det = -1: logdet is log|det| = 0
  CHECK(mc::apply(Op::Logdet, tape.variable(negative)).value()(0, 0) == Approx(0).margin(1e-15));
}
