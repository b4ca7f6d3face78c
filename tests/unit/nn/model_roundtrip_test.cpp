// Model JSON: every non-default field survives save -> load -> save, and a loaded model continues exactly
// as the uninterrupted run; the L1 term's subgradient at a zero weight is 0 (abs'(0) = 0).
#include "nn/nn.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace mc::nn;
using nlohmann::json;

namespace {
// Not one default: momentum optimiser with its own rate, L1, a leaky slope, five features, one
// activation per hidden layer, he init, batch, seed, a multiclass set with its own n, noise, split.
const char* kEveryField = R"({"layers":[5,4,3,3],"activation":["leaky_relu","sigmoid"],"output":"softmax",
  "loss":"softmax_cross_entropy","batch":7,"init":"he","seed":11,"leaky_slope":0.2,
  "optimizer":{"name":"momentum","lr":0.07,"momentum":0.8},"regularization":{"kind":"l1","rate":0.003},
  "features":["y","x","xy","sinx","y2"],
  "dataset":{"name":"spiral3","n":45,"noise":0.3,"seed":5,"train_fraction":0.6}})";
}  // namespace

TEST_CASE("model JSON: every non-default field through save, load, save, and training continues exactly", "[nn][model]") {
  Trainer a(parseConfigText(kEveryField));
  a.step(Granularity::Batch, 5);
  json saved;
  a.save(saved);
  const json& c = saved.at("config");
  CHECK(c.at("optimizer") == json::parse(R"({"name":"momentum","lr":0.07,"momentum":0.8,"beta1":0.9,"beta2":0.999,"epsilon":1e-8})"));
  CHECK(c.at("regularization") == json::parse(R"({"kind":"l1","rate":0.003})"));
  CHECK(c.at("leaky_slope") == 0.2);
  CHECK(c.at("features") == json::parse(R"(["y","x","xy","sinx","y2"])"));
  CHECK(c.at("activation") == json::parse(R"(["leaky_relu","sigmoid"])"));
  CHECK(c.at("init") == "he");
  CHECK(c.at("batch") == 7);
  CHECK(c.at("seed") == 11);
  CHECK(c.at("dataset").at("noise") == 0.3);
  CHECK(saved.at("step") == 5);

  auto b = Trainer::load(saved);
  json again;
  b->save(again);
  CHECK(again == saved);  // save -> load -> save is exact, momentum velocities included
  CHECK(again.dump() == saved.dump());

  // continued training equals the uninterrupted run, bit for bit, across an epoch boundary
  a.step(Granularity::Batch, 9);
  b->step(Granularity::Batch, 9);
  json ra, rb;
  a.save(ra);
  b->save(rb);
  CHECK(ra == rb);
  CHECK(a.stepCount() == 14);
}

TEST_CASE("L1 regularisation: the subgradient at a zero weight is 0, elsewhere rate * sign(w)", "[nn][model][kinks]") {
  const char* base = R"({"layers":[2,3,1],"seed":4,"dataset":{"name":"xor","n":20}%s})";
  char withL1[256], without[256];
  std::snprintf(withL1, sizeof withL1, base, R"(,"regularization":{"kind":"l1","rate":0.5})");
  std::snprintf(without, sizeof without, base, "");
  Trainer l1(parseConfigText(withL1)), plain(parseConfigText(without));
  l1.setWeight(0, 0, 0, 0.0);
  plain.setWeight(0, 0, 0, 0.0);
  mc::Tape t1, t2;
  const auto points = l1.data().train;
  const StepRecording r1 = l1.recordAt(t1, points), r2 = plain.recordAt(t2, points);
  const mc::Matrix g1 = r1.parameters[0].var.grad(), g2 = r2.parameters[0].var.grad();
  const mc::Matrix& w = l1.network().layer(0).weight;
  for (int i = 0; i < w.rows(); ++i) {
    for (int j = 0; j < w.cols(); ++j) {
      CAPTURE(i, j, w(i, j));
      const double expected = w(i, j) > 0 ? 0.5 : w(i, j) < 0 ? -0.5 : 0.0;
      CHECK_THAT(g1(i, j) - g2(i, j), Catch::Matchers::WithinAbs(expected, 1e-15));
    }
  }
  CHECK(w(0, 0) == 0.0);
}
