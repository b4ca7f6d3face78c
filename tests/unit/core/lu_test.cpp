// The small LU of ops/lu.hpp against Eigen's (another implementation): det, log|det| and the inverse of
// seeded random matrices from 1x1 to 6x6, within 1e-12 relative; a singular matrix is flagged.
#include "ops/lu.hpp"
#include "test_support.hpp"

#include <Eigen/LU>
#include <catch2/catch.hpp>

using namespace mc;
using namespace mc::test;

TEST_CASE("LU with partial pivoting: det, log|det| and inverse agree with Eigen's", "[ops][lu]") {
  Rng rng(7);
  for (Index n = 1; n <= 6; ++n) {
    for (int k = 0; k < 5; ++k) {
      const Matrix a = randomMatrix(n, n, rng);
      CAPTURE(n, k);
      const LuFactors f = factorLu(a);
      REQUIRE(!f.singular);
      const double det = a.determinant();
      CHECK(std::abs(determinantOf(f) - det) <= 1e-12 * std::max(1.0, std::abs(det)));
      CHECK(std::abs(logAbsDeterminantOf(f) - std::log(std::abs(det))) <= 1e-12 * std::max(1.0, std::abs(std::log(std::abs(det)))));
      const Matrix inv = a.inverse();
      CHECK((inverseOf(f) - inv).cwiseAbs().maxCoeff() <= 1e-10 * std::max(1.0, inv.cwiseAbs().maxCoeff()));
    }
  }
  Matrix singular(3, 3);
  singular << 1, 2, 3, 2, 4, 6, 1, 0, 1;  // second row twice the first
  CHECK(factorLu(singular).singular);
  CHECK(determinantOf(factorLu(singular)) == 0);
}
