// Softmax cross-entropy when the right class's logit is large: the loss is tiny, and computing it as
// lse(z) - z_c (both near the largest logit) loses the digits below that logit's ulp. The log-softmax
// (z - max) - log sum exp(z - max) keeps them. Oracle: the closed form log1p(sum_{i != c} e^(z_i - z_c)).
#include "mc.hpp"
#include "nn/nn.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace mc;
using namespace mc::nn;
using Catch::Matchers::WithinRel;

TEST_CASE("softmax cross-entropy keeps 1e-12 relative accuracy at a logit of 17.3 (1-7-7-3 network)", "[nn][softmax][precision]") {
  Trainer t(parseConfigText(R"({"layers":[1,7,7,3],"seed":4,"dataset":{"name":"custom","train_fraction":1,
      "points":[{"x":[0.5],"label":2},{"x":[-0.5],"label":0},{"x":[0.1],"label":1}]}})"));
  REQUIRE(t.config().loss == Loss::SoftmaxCrossEntropy);
  // the last layer's weights 0 and biases (0.1, -2, 17.3) make the logits exactly those biases
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 7; ++c) t.setWeight(2, r, c, 0);
  t.setBias(2, 0, 0.1);
  t.setBias(2, 1, -2);
  t.setBias(2, 2, 17.3);
  const std::vector<Point> right{t.data().train[0]};  // label 2: the class of the large logit
  REQUIRE(right[0].label == 2);
  const double a = std::exp(0.1 - 17.3), b = std::exp(-2 - 17.3);
  const double expected = std::log1p(a + b);  // -log softmax_2
  Tape tape;
  const StepRecording rec = t.recordAt(tape, right);
  CHECK_THAT(rec.dataLoss.value()(0, 0), WithinRel(expected, 1e-12));
  // dC/db3 = softmax - onehot: (a, b, -(a + b)) / (1 + a + b)
  const Matrix& g = rec.parameters[5].var.grad();
  CHECK_THAT(g(0, 0), WithinRel(a / (1 + a + b), 1e-12));
  CHECK_THAT(g(1, 0), WithinRel(b / (1 + a + b), 1e-12));
  // softmax_2 - 1 is a difference of two numbers near 1: the digits below 1's ulp are gone in any
  // implementation that forms softmax first (PyTorch's too), so 1e-7 here
  CHECK_THAT(g(2, 0), WithinRel(-(a + b) / (1 + a + b), 1e-7));
}
