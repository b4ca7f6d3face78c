// Matt Mazur's "A Step by Step Backpropagation Example" (2-2-2, sigmoid hidden and output, targets 0.01 and
// 0.99, E = sum 1/2 (target - out)^2, learning rate 0.5) through the session API, against the numbers
// printed in the article (9 decimals, so 5e-9 is the rounding of the last printed digit). The engine's MSE
// is the mean over the N x m entries; with one sample and two outputs that is exactly his 1/2 sum.
// Also the session's gradients(): the data-loss gradient without an update, the model unchanged after it.
#include "api/session.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

using mc::api::Session;
using nlohmann::json;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

constexpr double kTol = 5e-9;

const char* kMazur = R"({"layers":[2,2,2],"activation":"sigmoid","output":"sigmoid","loss":"mse",
  "optimizer":{"name":"sgd","lr":0.5},"dataset":{"name":"custom","train_fraction":1,
  "points":[{"x":[0.05,0.10],"y":[0.01,0.99]}]}})";

// His weights; his one bias per layer (b1 = 0.35, b2 = 0.60) is set on every unit of its layer.
void setMazurWeights(Session& s) {
  s.setWeight(0, 0, 0, 0.15);
  s.setWeight(0, 0, 1, 0.20);
  s.setWeight(0, 1, 0, 0.25);
  s.setWeight(0, 1, 1, 0.30);
  s.setWeight(1, 0, 0, 0.40);
  s.setWeight(1, 0, 1, 0.45);
  s.setWeight(1, 1, 0, 0.50);
  s.setWeight(1, 1, 1, 0.55);
  for (int r = 0; r < 2; ++r) {
    s.setBias(0, r, 0.35);
    s.setBias(1, r, 0.60);
  }
}

double entry(const json& m, int i, int j) { return m["data"][static_cast<std::size_t>(i)][static_cast<std::size_t>(j)].get<double>(); }

}  // namespace

TEST_CASE("Mazur's 2-2-2 example: forward values, chain, hidden sum and weights after one step", "[api][mazur][paper]") {
  Session s(kMazur);
  setMazurWeights(s);
  const json trace = json::parse(s.stepTraced("sample"));
  const json& forward = trace["forward"];
  const json& hidden = forward[trace["nodes"]["layers"][0]["activation"].get<std::size_t>()]["value"];
  const json& output = forward[trace["nodes"]["output"].get<std::size_t>()]["value"];
  CHECK_THAT(entry(hidden, 0, 0), WithinAbs(0.593269992, kTol));  // out_h1
  CHECK_THAT(entry(hidden, 1, 0), WithinAbs(0.596884378, kTol));  // out_h2
  CHECK_THAT(entry(output, 0, 0), WithinAbs(0.75136507, kTol));   // out_o1
  CHECK_THAT(entry(output, 1, 0), WithinAbs(0.772928465, kTol));  // out_o2
  CHECK_THAT(trace["dataLoss"].get<double>(), WithinAbs(0.298371109, kTol));  // E_total

  // dE/dw5 = dE/dout_o1 x dout_o1/dnet_o1 x dnet_o1/dw5 = 0.74136507 x 0.186815602 x 0.593269992
  bool found = false;
  for (const json& chain : trace["chains"]) {
    if (chain["variable"] != trace["nodes"]["layers"][1]["weight"] || chain["entry"] != json::array({0, 0})) continue;
    found = true;
    CHECK_THAT(chain["gradient"].get<double>(), WithinAbs(0.082167041, kTol));
    double product = 1;
    for (const json& f : chain["paths"][0]["factors"]) product *= f.get<double>();
    CHECK_THAT(product, WithinAbs(0.74136507 * 0.186815602 * 0.593269992, kTol));
  }
  CHECK(found);

  // the total derivative at a hidden unit: dE/dout_h1 = dE_o1/dout_h1 + dE_o2/dout_h1 = 0.055399425 - 0.019049119
  const int h = trace["nodes"]["layers"][0]["activation"];
  double dOutH1 = 0;
  for (const json& node : trace["backward"]) {
    for (const json& in : node["inputs"]) {
      if (in["input"] == h) dOutH1 += entry(in["downstream"], 0, 0);
    }
  }
  CHECK_THAT(dOutH1, WithinAbs(0.036350306, kTol));
  CHECK_THAT(dOutH1, WithinAbs(0.055399425 - 0.019049119, kTol));

  // the weights after one step (his biases are not updated; ours are, which does not change any weight:
  // every weight's gradient is taken at the weights and biases before the step)
  const json& params = trace["parameters"];
  const json& w1 = params[0]["after"];
  const json& w2 = params[2]["after"];
  CHECK_THAT(entry(w2, 0, 0), WithinAbs(0.35891648, kTol));   // w5+
  CHECK_THAT(entry(w2, 0, 1), WithinAbs(0.408666186, kTol));  // w6+
  CHECK_THAT(entry(w2, 1, 0), WithinAbs(0.511301270, kTol));  // w7+
  CHECK_THAT(entry(w2, 1, 1), WithinAbs(0.561370121, kTol));  // w8+
  CHECK_THAT(entry(w1, 0, 0), WithinAbs(0.149780716, kTol));  // w1+
  CHECK_THAT(entry(w1, 0, 1), WithinAbs(0.19956143, kTol));   // w2+
  CHECK_THAT(entry(w1, 1, 0), WithinAbs(0.24975114, kTol));   // w3+
  CHECK_THAT(entry(w1, 1, 1), WithinAbs(0.29950229, kTol));   // w4+

  // the error after the step with his biases (held at 0.35 and 0.60): 0.29102777369 by the method he
  // describes (his printed 0.291027924 came from an earlier update order)
  for (int r = 0; r < 2; ++r) {
    s.setBias(0, r, 0.35);
    s.setBias(1, r, 0.60);
  }
  CHECK_THAT(json::parse(s.metrics())["train"]["loss"].get<double>(), WithinAbs(0.29102777369, 5e-12));
}

TEST_CASE("gradients() gives the data-loss gradient without an update; the model is unchanged", "[api][gradients]") {
  Session s(kMazur);
  setMazurWeights(s);
  const std::string modelBefore = s.exportModel();
  const json g = json::parse(s.gradients(""));
  CHECK(s.exportModel() == modelBefore);
  CHECK_THAT(g["loss"].get<double>(), WithinAbs(0.298371109, kTol));
  CHECK_THAT(g["layers"][1]["weights"][0].get<double>(), WithinAbs(0.082167041, kTol));  // dE/dw5
  CHECK_THAT(g["layers"][0]["weights"][0].get<double>(), WithinAbs(0.000438568, kTol));  // dE/dw1
  CHECK(g["layers"][0]["rows"] == 2);
  CHECK(g["layers"][0]["bias"].size() == 2);

  // on given points: the same point twice gives the same mean gradient
  const json g2 = json::parse(s.gradients(R"([{"x":[0.05,0.10],"y":[0.01,0.99]},{"x":[0.05,0.10],"y":[0.01,0.99]}])"));
  CHECK_THAT(g2["layers"][1]["weights"][0].get<double>(), WithinAbs(g["layers"][1]["weights"][0].get<double>(), 1e-16));
  CHECK(g2["points"] == 2);
  CHECK(s.exportModel() == modelBefore);
  CHECK_THROWS_WITH(s.gradients(R"([{"x":[0.05],"y":[0.01,0.99]}])"), Contains("points[0]"));
  CHECK_THROWS_WITH(s.gradients(R"([[0.05,0.1,0.01]])"), Contains("points[0]"));
}

TEST_CASE("gradients() leaves out the regularisation term; lossWithReg includes it", "[api][gradients]") {
  Session s(R"({"layers":[2,3,1],"regularization":{"kind":"l2","rate":0.1},"dataset":{"name":"xor","n":20}})");
  const json g = json::parse(s.gradients(""));
  CHECK(g["lossWithReg"].get<double>() > g["loss"].get<double>());
  const json m = json::parse(s.metrics());
  CHECK_THAT(g["loss"].get<double>(), WithinAbs(m["train"]["loss"].get<double>(), 1e-14));
}

TEST_CASE("the paper's single ReLU neuron through the session: gradients() and one step against the closed form",
          "[api][paper][neuron]") {
  // Parr & Howard, "The gradient of the neural network loss function": C = (1/N) sum (max(0, w.x + b) - y)^2,
  // dC/dw = (2/N) sum_{z_i > 0} (w.x_i + b - y_i) x_i^T,  dC/db = (2/N) sum_{z_i > 0} (w.x_i + b - y_i).
  Session s(R"({"layers":[2,1],"output":"relu","loss":"mse","batch":4,"optimizer":{"name":"sgd","lr":0.1},
      "dataset":{"name":"neuron","n":40,"seed":5}})");
  s.setWeight(0, 0, 0, 0.3);
  s.setWeight(0, 0, 1, -0.2);
  s.setBias(0, 0, 0.1);
  const double pts[4][3] = {{1, 2, 0.5}, {-3, 1, 0.2}, {2, -1, 1.5}, {0.5, 0.5, 0}};  // the second has z < 0
  json given = json::array();
  double gw0 = 0, gw1 = 0, gb = 0;
  for (const auto& p : pts) {
    given.push_back({p[0], p[1], p[2]});
    const double z = 0.3 * p[0] - 0.2 * p[1] + 0.1;
    if (z <= 0) continue;
    gw0 += 2.0 / 4 * (z - p[2]) * p[0];
    gw1 += 2.0 / 4 * (z - p[2]) * p[1];
    gb += 2.0 / 4 * (z - p[2]);
  }
  const json g = json::parse(s.gradients(given.dump()));
  CHECK_THAT(g["layers"][0]["weights"][0].get<double>(), WithinAbs(gw0, 1e-15));
  CHECK_THAT(g["layers"][0]["weights"][1].get<double>(), WithinAbs(gw1, 1e-15));
  CHECK_THAT(g["layers"][0]["bias"][0].get<double>(), WithinAbs(gb, 1e-15));
}
