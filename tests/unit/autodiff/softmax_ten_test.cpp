// Softmax over 10 classes with logits around +-30 (entries from e^-60 to 1): values, the Jacobian
// diag(s) - s s^T in both modes, and the fused cross-entropy's gradient (s - t) / B, against closed forms
// computed here in long double from the definition (no max-subtraction trick), entry by entry relative.
#include "mc.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace mc;

namespace {
const double kLogits[10] = {30.0, -30.0, 29.5, -29.9, 0.0, 12.25, -17.5, 30.0, -0.125, 25.0};

// softmax of the 10 logits, in long double: e^(z_i - 30) / sum_j e^(z_j - 30) (30 is exact, so no rounding)
long double reference(int i) {
  long double sum = 0;
  for (double z : kLogits) sum += std::exp(static_cast<long double>(z) - 30.0L);
  return std::exp(static_cast<long double>(kLogits[i]) - 30.0L) / sum;
}

double relative(double a, long double r) { return static_cast<double>(std::abs((a - r) / r)); }
}  // namespace

TEST_CASE("softmax of 10 classes with logits around +-30: values and Jacobian entry by entry", "[ops][softmax]") {
  Tape t;
  Matrix z0(10, 1);
  for (int i = 0; i < 10; ++i) z0(i, 0) = kLogits[i];
  Var z = t.variable(z0, "z");
  Var s = softmax(z);
  for (int i = 0; i < 10; ++i) {
    CAPTURE(i);
    CHECK(relative(s.value()(i, 0), reference(i)) < 1e-14);
  }
  const Matrix jr = jacobianReverse(t, s, z), jf = jacobianForward(t, s, z);
  for (int i = 0; i < 10; ++i) {
    for (int j = 0; j < 10; ++j) {
      CAPTURE(i, j);
      const long double expected = (i == j ? reference(i) : 0.0L) - reference(i) * reference(j);
      if (expected == 0) continue;
      CHECK(relative(jr(i, j), expected) < 1e-12);
      CHECK(relative(jf(i, j), expected) < 1e-12);
    }
  }
}

TEST_CASE("softmax cross-entropy of 10 classes: loss and gradient (s - t) / B with logits around +-30", "[ops][softmax]") {
  Tape t;
  Matrix z0(10, 2), t0 = Matrix::Zero(10, 2);
  for (int i = 0; i < 10; ++i) z0(i, 0) = z0(i, 1) = kLogits[i];
  t0(1, 0) = 1;  // the least likely class (-30): loss = -log s_1, about 60
  t0(0, 1) = 1;  // a most likely class: loss = -log s_0, about log 2
  Var z = t.variable(z0, "z");
  Var loss = softmaxCrossEntropy(z, t.constant(t0));
  const long double expectedLoss = (-std::log(reference(1)) - std::log(reference(0))) / 2;
  CHECK(relative(loss.value()(0, 0), expectedLoss) < 1e-14);
  const Matrix g = gradient(t, loss, z);
  for (int c = 0; c < 2; ++c) {
    for (int i = 0; i < 10; ++i) {
      CAPTURE(c, i);
      const long double expected = (reference(i) - static_cast<long double>(t0(i, c))) / 2;
      CHECK(relative(g(i, c), expected) < 1e-12);
    }
  }
}
