// max(a, b) at a tie, through the calculator: the stated convention is max(a, b) = b + relu(a - b) with
// relu'(0) = 0, so at a == b the whole derivative goes to b: d/da = 0, d/db = 1, in every mode.
// And max(0, z) at z = 0 is the ReLU's kink: derivative 0.
#include "expr_support.hpp"

#include <catch2/catch.hpp>

using namespace mc::test;
using nlohmann::json;

TEST_CASE("kink table: max(a, b) at ties and max(0, z) at 0, reverse and forward", "[expr][kinks]") {
  struct Row {
    const char* source;
    const char* wrt;
    double derivative;
  };
  const Row rows[] = {
      {"a: scalar = 2\nb: scalar = 2\nmax(a, b)", "a", 0.0},
      {"a: scalar = 2\nb: scalar = 2\nmax(a, b)", "b", 1.0},
      {"a: scalar = 2.5\nb: scalar = 2\nmax(a, b)", "a", 1.0},
      {"a: scalar = 2.5\nb: scalar = 2\nmax(a, b)", "b", 0.0},
      {"z: scalar = 0\nmax(0, z)", "z", 0.0},
      {"z: scalar = 0\nrelu(z)", "z", 0.0},
      {"z: scalar = 0\nabs(z)", "z", 0.0},
  };
  for (const Row& r : rows) {
    for (const char* mode : {"reverse", "forward"}) {
      CAPTURE(r.source, r.wrt, mode);
      const json answer = calc(r.source, {{"wrt", r.wrt}, {"mode", mode}, {"check", false}});
      CHECK(jacobianOf(answer)(0, 0) == r.derivative);
    }
  }
  // elementwise max of vectors with one tie: the Jacobian by a is diag(0 at the tie, 1 where a wins, 0 where b wins)
  const json v = calc("a: vec(3) = [1, 2, 3]\nb: vec(3) = [1, 5, 0]\nmax(a, b)", {{"wrt", "a"}, {"check", false}});
  CHECK(jacobianOf(v) == Eigen::Vector3d(0.0, 0.0, 1.0).asDiagonal().toDenseMatrix());
}
