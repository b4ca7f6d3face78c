// The traced step of a real trainer: a 2-2-1 network with fixed weights, pinned by a golden file, and
// the properties the walk-through relies on, checked against independent numbers.
//
// Regenerate the golden file after an intended change (then review the diff in git):
//   MC_UPDATE_GOLDEN=1 build/<dir>/test_api "[golden]"
// which rewrites tests/golden/traced_step_2_2_1.json. Numbers are compared within 1e-12 (relative to
// max(1, |value|)), finite-difference results within 1e-8; everything else must match exactly.
#include "api/traced_step.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "nn/trainer.hpp"
#include "trace/json_compare.hpp"
#include "trace/matrix_json.hpp"

using namespace mc;
using nlohmann::json;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// The classic hand-worked example's shape: inputs (0.05, 0.10), target 0.01, tanh hidden layer, sigmoid
// output, MSE, plain SGD with lr 0.5, weights set by hand.
// Two points by default; the golden file uses the first alone, so no sample order is involved.
std::unique_ptr<nn::Trainer> tinyTrainer(const std::string& extra = "",
                                         const std::string& points = "[[0.05,0.10,0.01],[0.35,-0.10,0.99]]") {
  const std::string config = R"({"layers":[2,2,1],"activation":"tanh","output":"sigmoid","loss":"mse","batch":2,)"
                             R"("optimizer":{"name":"sgd","lr":0.5},)" + extra +
                             R"("dataset":{"name":"custom","train_fraction":1,"points":)" + points + "}}";
  auto t = std::make_unique<nn::Trainer>(nn::parseConfigText(config));
  const double w1[2][2] = {{0.15, 0.20}, {0.25, 0.30}};
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 2; ++c) t->setWeight(0, r, c, w1[r][c]);
    t->setBias(0, r, 0.35);
  }
  t->setWeight(1, 0, 0, 0.40);
  t->setWeight(1, 0, 1, 0.45);
  t->setBias(1, 0, 0.60);
  return t;
}

json traced(nn::Trainer& t, const std::string& granularity) { return json::parse(api::tracedStep(t, granularity)); }

const json& forwardNode(const json& trace, int id) { return trace.at("forward").at(static_cast<std::size_t>(id)); }

const json& backwardNode(const json& trace, int id) {
  for (const json& b : trace.at("backward"))
    if (b.at("id") == id) return b;
  FAIL("node " << id << " is not in the backward pass");
  throw std::logic_error("unreachable");
}

const std::string kGoldenPath = std::string(MC_SOURCE_DIR) + "/tests/golden/traced_step_2_2_1.json";
const std::string kGoldenInput = std::string(MC_SOURCE_DIR) + "/tests/golden/traced_step_2_2_1.input.json";

json readJson(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

}  // namespace

TEST_CASE("traced step golden file: a 2-2-1 trainer step is pinned", "[api][trace][golden]") {
  // The input lives beside the golden file so the wasm tests can replay it with the same numbers.
  const json input = readJson(kGoldenInput);
  nn::Trainer trainer(nn::parseConfigText(input.at("config").dump()));
  for (const json& w : input.at("weights")) {
    trainer.setWeight(w.at("layer").get<int>(), w.at("row").get<int>(), w.at("col").get<int>(), w.at("value").get<double>());
  }
  for (const json& b : input.at("biases")) {
    trainer.setBias(b.at("layer").get<int>(), b.at("row").get<int>(), b.at("value").get<double>());
  }
  const std::string text = api::tracedStep(trainer, input.at("granularity").get<std::string>());
  const json actual = json::parse(text);
  CHECK(actual.at("step").at("samples") == json::array({0}));
  if (const char* update = std::getenv("MC_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    // CI never rewrites a golden file: a run there must compare, or a broken engine would pass.
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string(ci) == "true") FAIL("MC_UPDATE_GOLDEN=1 is refused when CI=true");
    std::ofstream(kGoldenPath) << nlohmann::ordered_json::parse(text).dump(1) << "\n";
  }
  const std::vector<std::string> diffs = golden::differences(readJson(kGoldenPath), actual);
  for (const std::string& d : diffs) UNSCOPED_INFO(d);
  CHECK(diffs.empty());
}

TEST_CASE("traced step: labels, scopes, one sample, and the chain of dE/dw11 by hand", "[api][trace]") {
  auto trainer = tinyTrainer();
  const json t = traced(*trainer, "sample");
  CHECK(t.at("schemaVersion") == 1);
  CHECK(t.at("kind") == "training-step");
  CHECK(t.at("step").at("granularity") == "sample");
  REQUIRE(t.at("step").at("samples").size() == 1);
  const int sample = t.at("step").at("samples").at(0).get<int>();
  const double x0 = sample == 0 ? 0.05 : 0.35, x1 = sample == 0 ? 0.10 : -0.10, y = sample == 0 ? 0.01 : 0.99;

  const json& nodes = t.at("nodes");
  const json& affine1 = forwardNode(t, nodes.at("layers").at(0).at("affine").get<int>());
  CHECK(affine1.at("scope") == "layer 1");
  CHECK(affine1.at("name") == "affine");
  CHECK(forwardNode(t, nodes.at("layers").at(0).at("weight").get<int>()).at("label") == "W1");

  // The forward pass by hand, and dE/dW1(0,0) = dE/dout * dout/dz2 * dz2/dh0 * dh0/dz1 * dz1/dw11.
  const double h0 = std::tanh(0.15 * x0 + 0.20 * x1 + 0.35), h1 = std::tanh(0.25 * x0 + 0.30 * x1 + 0.35);
  const double out = 1 / (1 + std::exp(-(0.40 * h0 + 0.45 * h1 + 0.60)));
  const double byHand = 2 * (out - y) * out * (1 - out) * 0.40 * (1 - h0 * h0) * x0;
  CHECK_THAT(t.at("loss").get<double>(), WithinRel((out - y) * (out - y), 1e-14));

  const json& chain = t.at("chains").at(0);
  CHECK(chain.at("variable") == nodes.at("layers").at(0).at("weight"));
  CHECK(chain.at("entry") == json::array({0, 0}));
  REQUIRE(chain.at("paths").size() == 1);
  double product = 1;
  const json& path = chain.at("paths").at(0);
  for (const json& f : path.at("factors")) product *= f.get<double>();
  CHECK(path.at("nodes").size() == path.at("factors").size() + 1);
  CHECK(path.at("nodes").front() == t.at("root"));
  CHECK(path.at("nodes").back() == chain.at("variable"));
  CHECK_THAT(product, WithinRel(byHand, 1e-13));
  CHECK_THAT(chain.at("gradient").get<double>(), WithinRel(byHand, 1e-13));

  // Every chain multiplies out to its parameter's gradient.
  for (const json& c : t.at("chains")) {
    const Matrix g = trace::matrixFromJson(backwardNode(t, c.at("variable").get<int>()).at("upstream"));
    const double expected = g(c.at("entry").at(0).get<Index>(), c.at("entry").at(1).get<Index>());
    CHECK_THAT(c.at("pathSum").get<double>(), WithinAbs(expected, 1e-15));
  }
}

TEST_CASE("traced step: the update is applied as reported, and the FD check is small", "[api][trace]") {
  auto trainer = tinyTrainer();
  const json t = traced(*trainer, "batch");
  CHECK(t.at("step").at("samples").size() == 2);
  CHECK(t.at("step").at("result").at("status") == "ok");
  CHECK(t.at("optimizer") == "sgd");
  CHECK(t.at("updateRule") == "p <- p - lr g");
  CHECK(t.at("gradientCheck").at("step") == 1e-6);
  CHECK(t.at("gradientCheck").at("maxRelError").get<double>() < 1e-6);
  // every parameter's badge carries the engine's verdict, so the page compares nothing itself
  CHECK(t.at("gradientCheck").at("passed") == true);
  CHECK(t.at("gradientCheck").at("status") == "passed");
  REQUIRE(t.at("gradientCheck").at("variables").size() == 4);
  for (const json& v : t.at("gradientCheck").at("variables")) {
    CHECK(v.at("passed") == true);
    CHECK(v.at("nearKink") == false);
  }
  REQUIRE(t.at("parameters").size() == 4);
  for (const json& p : t.at("parameters")) {
    CAPTURE(p.at("name"));
    const Matrix before = trace::matrixFromJson(p.at("before")), g = trace::matrixFromJson(p.at("gradient"));
    const Matrix after = trace::matrixFromJson(p.at("after"));
    CHECK((after - (before - 0.5 * g)).cwiseAbs().maxCoeff() < 1e-15);  // w <- w - eta dC/dw (item 2)
    const int layer = p.at("layer").get<int>();
    const Matrix& now = p.at("role") == "weight" ? trainer->network().layer(layer).weight : trainer->network().layer(layer).bias;
    CHECK(now == after);
  }
  CHECK(trainer->stepCount() == 1);
}

TEST_CASE("traced step: with L2 the weight gets two contributions that add up to its gradient", "[api][trace]") {
  auto trainer = tinyTrainer(R"("regularization":{"kind":"l2","rate":0.01},)");
  const json t = traced(*trainer, "batch");
  const json& w1 = backwardNode(t, t.at("nodes").at("layers").at(0).at("weight").get<int>());
  REQUIRE(w1.at("contributions").size() == 2);
  const Matrix sum = trace::matrixFromJson(w1.at("contributionSum"));
  const Matrix grad = trace::matrixFromJson(w1.at("upstream"));
  CHECK((sum - grad).cwiseAbs().maxCoeff() < 1e-15);
  // The penalty's share: d(rate/2 * sum W^2)/dW = rate * W, by hand.
  const Matrix w = trace::matrixFromJson(forwardNode(t, w1.at("id").get<int>()).at("value"));
  CHECK((trace::matrixFromJson(w1.at("contributions").at(1).at("gradient")) - 0.01 * w).cwiseAbs().maxCoeff() < 1e-15);
  CHECK(w1.at("contributionRule").at("id") == "total-derivative");
}

TEST_CASE("traced step: a fused loss keeps the prediction node, marked off the loss path", "[api][trace]") {
  auto trainer = std::make_unique<nn::Trainer>(nn::parseConfigText(R"({"layers":[2,3,1],"batch":4})"));
  const json t = traced(*trainer, "batch");
  const json& output = forwardNode(t, t.at("nodes").at("output").get<int>());
  CHECK(output.at("reachesRoot") == false);  // binary cross-entropy takes the logits
  CHECK(t.at("gradientCheck").at("maxRelError").get<double>() < 1e-6);
  CHECK_THROWS_WITH(api::tracedStep(*trainer, "epoch"), Catch::Contains("epoch") && Catch::Contains("sample"));
}
