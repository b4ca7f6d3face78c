// The tanh op does not call std::tanh (engine/ops/elementwise.cpp, fastTanh): its forward values are
// compared here with libm's tanh in long double (80-bit on x86-64, an independent and more precise
// reference) over tiny, moderate and huge |x|, both signs, and the special values.
#include "mc.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

using namespace mc;

namespace {

// The op's forward pass on a column of inputs.
std::vector<double> tanhOp(const std::vector<double>& xs) {
  Matrix m(static_cast<Index>(xs.size()), 1);
  for (std::size_t i = 0; i < xs.size(); ++i) m(static_cast<Index>(i), 0) = xs[i];
  Tape tape;
  const Matrix y = tanh(tape.variable(m)).value();
  return std::vector<double>(y.data(), y.data() + y.size());
}

std::vector<double> sweep() {
  std::vector<double> xs;
  for (double tiny : {4.9e-324, 1e-310, 2.2250738585072014e-308, 1e-300, 1e-100, 1e-20, 1e-10, 1e-8, 1e-5, 1e-3}) xs.push_back(tiny);
  for (int i = 1; i <= 20000; ++i) xs.push_back(i * 1e-3);  // (0, 20] every 0.001: both formulas and the seam at 1
  for (double near1 : {std::nextafter(1.0, 0.0), 1.0, std::nextafter(1.0, 2.0)}) xs.push_back(near1);
  for (double huge : {19.0, 19.1, 25.0, 100.0, 354.0, 355.0, 710.0, 1e10, 1e300, std::numeric_limits<double>::max()}) xs.push_back(huge);
  const std::size_t n = xs.size();
  for (std::size_t i = 0; i < n; ++i) xs.push_back(-xs[i]);
  return xs;
}

}  // namespace

TEST_CASE("tanh op: within 1e-15 relative of long double tanh, from tiny to huge |x|", "[tanh][accuracy]") {
  const std::vector<double> xs = sweep();
  const std::vector<double> ys = tanhOp(xs);
  double worst = 0, worstAt = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const long double ref = std::tanh(static_cast<long double>(xs[i]));
    const double rel = static_cast<double>(std::fabs((static_cast<long double>(ys[i]) - ref) / ref));
    if (rel > worst) { worst = rel; worstAt = xs[i]; }
    REQUIRE(std::signbit(ys[i]) == std::signbit(xs[i]));
  }
  INFO("worst relative error " << worst << " at x = " << worstAt);
  // 1e-15 is about 4.5 ulp of the result; the measured worst is printed above on failure.
  CHECK(worst < 1e-15);
}

TEST_CASE("tanh op: exact where tanh is exact in double, and the special values", "[tanh][accuracy]") {
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> ys = tanhOp({0.0, -0.0, 4.9e-324, -1e-300, 20.0, -20.0, 1e300, inf, -inf,
                                         std::numeric_limits<double>::quiet_NaN()});
  CHECK(ys[0] == 0.0);
  CHECK_FALSE(std::signbit(ys[0]));
  CHECK(ys[1] == 0.0);
  CHECK(std::signbit(ys[1]));  // tanh(-0) = -0
  CHECK(ys[2] == 4.9e-324);    // tanh(x) = x for |x| below ~1e-8 (x^3/3 is under half an ulp)
  CHECK(ys[3] == -1e-300);
  CHECK(ys[4] == 1.0);         // 1 - tanh(20) = 8.5e-18, below half an ulp of 1
  CHECK(ys[5] == -1.0);
  CHECK(ys[6] == 1.0);
  CHECK(ys[7] == 1.0);
  CHECK(ys[8] == -1.0);
  CHECK(std::isnan(ys[9]));
}
