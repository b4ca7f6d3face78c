// The network's gradients: the paper's single-neuron loss gradient in closed form (the paper's gradient of the loss),
// and every parameter of random two-hidden-layer MLPs against central differences.
#include "mc.hpp"
#include "nn/nn.hpp"
#include "parameter_check.hpp"

#include <catch2/catch.hpp>

using namespace mc;
using namespace mc::nn;
using Catch::Matchers::WithinAbs;

TEST_CASE("single-neuron MSE gradient equals the closed form with the per-sample ReLU mask", "[nn][gradient][paper]") {
  // C(w, b) = (1/N) sum_i (y_i - max(0, w.x_i + b))^2
  // dC/dw = (2/N) sum_{i: z_i > 0} (w.x_i + b - y_i) x_i^T,  dC/db = (2/N) sum_{i: z_i > 0} (w.x_i + b - y_i)
  Trainer t(parseConfigText(R"({"layers":[2,1],"output":"relu","loss":"mse",
      "dataset":{"name":"neuron","n":60,"noise":0.5,"seed":11,"train_fraction":0.5}})"));
  t.setWeight(0, 0, 0, 0.3);
  t.setWeight(0, 0, 1, -0.2);
  t.setBias(0, 0, 0.1);
  const auto& pts = t.data().train;
  const double w0 = 0.3, w1 = -0.2, b = 0.1;
  const auto n = static_cast<double>(pts.size());
  double gw0 = 0, gw1 = 0, gb = 0;
  int active = 0;
  for (const Point& p : pts) {
    const double z = w0 * p.x + w1 * p.y + b;
    if (z <= 0) continue;  // the ReLU is flat here: this sample adds nothing
    ++active;
    gw0 += 2 / n * (z - p.label) * p.x;
    gw1 += 2 / n * (z - p.label) * p.y;
    gb += 2 / n * (z - p.label);
  }
  REQUIRE(active > 0);
  REQUIRE(active < static_cast<int>(pts.size()));  // the mask really removes samples

  Tape tape;
  const StepRecording rec = t.recordAt(tape, pts);
  REQUIRE(rec.parameters.size() == 2);
  const Matrix& dW = rec.parameters[0].var.grad();
  const Matrix& db = rec.parameters[1].var.grad();
  REQUIRE(dW.rows() == 1);
  REQUIRE(dW.cols() == 2);  // shaped like w^T (1 x 2), the paper's row gradient
  CHECK_THAT(dW(0, 0), WithinAbs(gw0, 1e-12));
  CHECK_THAT(dW(0, 1), WithinAbs(gw1, 1e-12));
  CHECK_THAT(db(0, 0), WithinAbs(gb, 1e-12));
}

namespace {
void checkEveryParameter(const std::string& config) {
  CAPTURE(config);
  Trainer t(parseConfigText(config));
  checkParametersAgainstDifferences(t, std::vector<Point>(t.data().train.begin(), t.data().train.begin() + 7));
}
}  // namespace

TEST_CASE("every parameter gradient of a random tanh MLP equals central differences", "[nn][gradient]") {
  checkEveryParameter(R"({"layers":[2,5,4,1],"activation":"tanh","output":"linear","loss":"mse","init":"he","seed":5,
      "dataset":{"name":"reg-gauss","n":40,"seed":2}})");
  checkEveryParameter(R"({"layers":[2,5,4,1],"activation":"tanh","loss":"bce","init":"uniform","seed":6,
      "regularization":{"kind":"l2","rate":0.01},"dataset":{"name":"circle","n":40,"seed":2}})");
}

TEST_CASE("every parameter gradient of a random relu MLP equals central differences", "[nn][gradient]") {
  checkEveryParameter(R"({"layers":[2,6,5,1],"activation":"relu","output":"tanh","loss":"mse","init":"xavier","seed":7,
      "dataset":{"name":"xor","n":40,"seed":3}})");
  checkEveryParameter(R"({"layers":[5,6,5,3],"activation":["relu","leaky_relu"],"features":["x","y","x2","xy","siny"],
      "seed":8,"regularization":{"kind":"l1","rate":0.003},"dataset":{"name":"spiral3","n":60,"seed":3}})");
}
