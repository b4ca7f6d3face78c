// Kinks: at 0 (and at ties) the engine uses one stated subgradient, the same for the vector-Jacobian
// product, the forward tangent and the explicit Jacobian:
//   relu'(0) = 0 (the paper's z <= 0 -> 0), leaky_relu'(0) = the slope, abs'(0) = 0.
// Each row: the op, the point, the expected derivative written here from that convention.
#include "mc.hpp"

#include <catch2/catch.hpp>
#include <functional>
#include <string>

using namespace mc;

TEST_CASE("kink table: relu, leaky relu and abs at 0 and beside it, in every mode", "[core][kinks]") {
  struct Row {
    const char* op;
    std::function<Var(Var)> f;
    double x;
    double derivative;
  };
  const Row rows[] = {
      {"relu", [](Var v) { return relu(v); }, 0.0, 0.0},
      {"relu", [](Var v) { return relu(v); }, -0.0, 0.0},
      {"relu", [](Var v) { return relu(v); }, 1e-300, 1.0},
      {"relu", [](Var v) { return relu(v); }, -1e-300, 0.0},
      {"leaky relu 0.1", [](Var v) { return leakyRelu(v, 0.1); }, 0.0, 0.1},
      {"leaky relu 0.1", [](Var v) { return leakyRelu(v, 0.1); }, 2.0, 1.0},
      {"leaky relu 0.1", [](Var v) { return leakyRelu(v, 0.1); }, -2.0, 0.1},
      {"abs", [](Var v) { return abs(v); }, 0.0, 0.0},
      {"abs", [](Var v) { return abs(v); }, -0.0, 0.0},
      {"abs", [](Var v) { return abs(v); }, 1e-300, 1.0},
      {"abs", [](Var v) { return abs(v); }, -1e-300, -1.0},
  };
  for (const Row& r : rows) {
    CAPTURE(r.op, r.x);
    Tape t;
    Var x = t.variable(Matrix::Constant(1, 1, r.x), "x");
    Var y = r.f(x);
    CHECK(gradient(t, y, x)(0, 0) == r.derivative);         // VJP (reverse)
    CHECK(jacobianForward(t, y, x)(0, 0) == r.derivative);  // tangent (forward)
    CHECK(jacobianReverse(t, y, x)(0, 0) == r.derivative);  // explicit Jacobian, row by row
  }
  // elementwise on a vector: the Jacobian is diagonal with those entries
  Tape t;
  Var x = t.variable((Matrix(3, 1) << -1.0, 0.0, 1.0).finished(), "x");
  Var y = relu(x);
  const Matrix expected = Eigen::Vector3d(0.0, 0.0, 1.0).asDiagonal();
  CHECK(jacobianReverse(t, y, x) == expected);
  CHECK(jacobianForward(t, y, x) == expected);
}
