// The golden traces' key numbers, pinned by a hand calculation written out here in plain doubles (no
// engine code): a golden file rewritten with wrong numbers (MC_UPDATE_GOLDEN=1 on a broken engine)
// fails this test even though it would then match itself. The 2-2-1 net of tests/unit/trace/tiny_net.hpp
// and tests/golden/traced_step_2_2_1.input.json: x = (0.05, 0.10), y = 0.01, W1 = [0.15 0.20; 0.25 0.30],
// b1 = (0.35, 0.35), W2 = [0.40 0.45], b2 = 0.60; tanh hidden, sigmoid output, loss (out - y)^2.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

using nlohmann::json;
using Catch::Matchers::WithinRel;

namespace {

json readGolden(const std::string& name) {
  std::ifstream in(std::string(MC_SOURCE_DIR) + "/tests/golden/" + name);
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// The value of the forward node whose label is `label` (entry row, col).
double forwardValue(const json& trace, const std::string& label, int row = 0) {
  for (const json& n : trace.at("forward")) {
    if (n.value("label", "") == label) return n.at("value").at("data").at(row).at(0).get<double>();
  }
  FAIL("no forward node labelled " << label);
  return 0;
}

double parameterGradient(const json& trace, const std::string& name, int row, int col) {
  for (const json& p : trace.at("parameters")) {
    if (p.at("name") == name) return p.at("gradient").at("data").at(row).at(col).get<double>();
  }
  FAIL("no parameter " << name);
  return 0;
}

struct Hand {
  double h0, h1, out, loss, dW1_00;
};

Hand byHand() {
  const double x0 = 0.05, x1 = 0.10, y = 0.01;
  const double z0 = 0.15 * x0 + 0.20 * x1 + 0.35;  // 0.3775
  const double z1 = 0.25 * x0 + 0.30 * x1 + 0.35;  // 0.3925
  const double h0 = std::tanh(z0), h1 = std::tanh(z1);
  const double z2 = 0.40 * h0 + 0.45 * h1 + 0.60;
  const double out = 1 / (1 + std::exp(-z2));
  // dE/dW1[0,0] = 2 (out - y) * out (1 - out) * W2[0] * (1 - h0^2) * x0: the chain rule, link by link
  const double dW = 2 * (out - y) * out * (1 - out) * 0.40 * (1 - h0 * h0) * x0;
  return {h0, h1, out, (out - y) * (out - y), dW};
}

}  // namespace

TEST_CASE("the traced-step golden file holds the hand-calculated loss, h, out and dE/dW1[0,0]", "[trace][golden]") {
  const json g = readGolden("traced_step_2_2_1.json");
  const Hand h = byHand();
  CHECK_THAT(forwardValue(g, "layer 1 / tanh", 0), WithinRel(h.h0, 1e-12));
  CHECK_THAT(forwardValue(g, "layer 1 / tanh", 1), WithinRel(h.h1, 1e-12));
  CHECK_THAT(forwardValue(g, "layer 2 / sigmoid (prediction)"), WithinRel(h.out, 1e-12));
  CHECK_THAT(g.at("dataLoss").get<double>(), WithinRel(h.loss, 1e-12));
  CHECK_THAT(parameterGradient(g, "W1", 0, 0), WithinRel(h.dW1_00, 1e-10));
  // the SGD update with lr 0.5: after = 0.15 - 0.5 dE/dW1[0,0]
  CHECK_THAT(g.at("parameters").at(0).at("after").at("data").at(0).at(0).get<double>(), WithinRel(0.15 - 0.5 * h.dW1_00, 1e-12));
}

TEST_CASE("the graph-trace golden file adds the L2 share 2 * 0.001 * W1[0,0] to dE/dW1[0,0]", "[trace][golden]") {
  const json g = readGolden("trace_2_2_1.json");
  const Hand h = byHand();
  const double l2 = 0.001, sumSquares = 0.15 * 0.15 + 0.20 * 0.20 + 0.25 * 0.25 + 0.30 * 0.30;  // 0.215
  CHECK_THAT(g.at("loss").get<double>(), WithinRel(h.loss + l2 * sumSquares, 1e-12));
  CHECK_THAT(forwardValue(g, "layer 2 / sigmoid"), WithinRel(h.out, 1e-12));
  CHECK_THAT(parameterGradient(g, "W1", 0, 0), WithinRel(h.dW1_00 + 2 * l2 * 0.15, 1e-10));
  // the chain view splits that gradient into its two paths: through the layer, through the penalty
  const json& paths = g.at("chains").at(0).at("paths");
  REQUIRE(paths.size() == 2);
  CHECK_THAT(paths.at(0).at("product").get<double>(), WithinRel(h.dW1_00, 1e-10));
  CHECK_THAT(paths.at(1).at("product").get<double>(), WithinRel(2 * l2 * 0.15, 1e-12));
}
