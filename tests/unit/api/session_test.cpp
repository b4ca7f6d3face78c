// The api facade (what the wasm bindings expose), driven natively. Oracles: a forward pass written out
// here from the weights the facade reports, the SGD update formula, closed-form grid coordinates and
// feature values, and a second independent session.
#include "api/session.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using mc::api::Session;
using nlohmann::json;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

const char* kConfig = R"({"layers":[2,3,1],"activation":"tanh","output":"sigmoid","loss":"bce","batch":4,
  "optimizer":{"name":"sgd","lr":0.1},"dataset":{"name":"xor","n":40,"seed":3},"seed":7})";

// The 2-3-1 tanh/sigmoid network written out from weights() (row-major W, z = W a + b).
double forward(const json& weights, double x, double y) {
  std::vector<double> a{x, y};
  const json& layers = weights["layers"];
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const json& L = layers[l];
    const int rows = L["rows"], cols = L["cols"];
    std::vector<double> z(static_cast<std::size_t>(rows));
    for (int i = 0; i < rows; ++i) {
      double s = L["bias"][static_cast<std::size_t>(i)];
      for (int j = 0; j < cols; ++j) s += double(L["weights"][static_cast<std::size_t>(i * cols + j)]) * a[static_cast<std::size_t>(j)];
      z[static_cast<std::size_t>(i)] = l + 1 < layers.size() ? std::tanh(s) : 1 / (1 + std::exp(-s));
    }
    a = z;
  }
  return a[0];
}

double cellX(int c, int n) { return -6 + (c + 0.5) * 12.0 / n; }
double cellY(int r, int n) { return 6 - (r + 0.5) * 12.0 / n; }

}  // namespace

TEST_CASE("api: predictGrid is row-major from the top-left cell centre and matches a hand forward pass", "[api]") {
  Session s(kConfig);
  s.step("batch", 3);
  const json w = json::parse(s.weights());
  const int n = 7;
  const std::vector<double> grid = s.predictGrid(n);
  const json info = json::parse(s.gridInfo(n));
  REQUIRE(info["rows"] == n);
  REQUIRE(info["cols"] == n);
  REQUIRE(info["channels"] == 1);
  REQUIRE(grid.size() == static_cast<std::size_t>(n * n));
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) {
      CAPTURE(r, c);
      REQUIRE_THAT(grid[static_cast<std::size_t>(r * n + c)], WithinAbs(forward(w, cellX(c, n), cellY(r, n)), 1e-14));
    }
  }
}

TEST_CASE("api: predict at arbitrary points matches the hand forward pass; mismatched lengths throw", "[api]") {
  Session s(kConfig);
  const json w = json::parse(s.weights());
  const std::vector<double> xs{-5.5, 0, 1.25, 3}, ys{2, 0, -4.5, 6};
  const std::vector<double> out = s.predict(xs, ys);
  REQUIRE(out.size() == xs.size());
  for (std::size_t k = 0; k < xs.size(); ++k) REQUIRE_THAT(out[k], WithinAbs(forward(w, xs[k], ys[k]), 1e-14));
  REQUIRE_THROWS_WITH(s.predict({1, 2}, {1}), Contains("xs has 2") && Contains("ys has 1"));
}

TEST_CASE("api: neuronGrids holds the features, every hidden neuron and the output", "[api]") {
  Session s(kConfig);
  const int n = 4;
  const std::vector<double> grids = s.neuronGrids(n);
  REQUIRE(json::parse(s.neuronCounts()) == json({2, 3, 1}));
  REQUIRE(grids.size() == static_cast<std::size_t>((2 + 3 + 1) * n * n));
  const std::vector<double> output = s.predictGrid(n);
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) {
      const std::size_t cell = static_cast<std::size_t>(r * n + c);
      REQUIRE_THAT(grids[cell], WithinAbs(cellX(c, n), 1e-15));              // feature x
      REQUIRE_THAT(grids[n * n + cell], WithinAbs(cellY(r, n), 1e-15));      // feature y
      REQUIRE_THAT(grids[5 * n * n + cell], WithinAbs(output[cell], 1e-15));  // the output neuron
    }
  }
}

TEST_CASE("api: one SGD step moves every weight by -lr times the reported gradient", "[api]") {
  Session s(kConfig);
  const json before = json::parse(s.weights());
  const json r = json::parse(s.step("batch", 1));
  REQUIRE(r["status"] == "ok");
  REQUIRE(r["stepsDone"] == 1);
  REQUIRE(r["step"] == 1);
  const json after = json::parse(s.weights());
  double sumSq = 0;
  for (std::size_t l = 0; l < before["layers"].size(); ++l) {
    for (const char* key : {"weights", "bias"}) {
      const std::string grad = std::string(key) == "weights" ? "weightGrads" : "biasGrads";
      const json& b = before["layers"][l][key];
      for (std::size_t k = 0; k < b.size(); ++k) {
        const double g = after["layers"][l][grad][k];
        sumSq += g * g;
        REQUIRE_THAT(double(after["layers"][l][key][k]), WithinAbs(double(b[k]) - 0.1 * g, 1e-15));
      }
    }
  }
  REQUIRE_THAT(double(r["gradNorm"]), WithinRel(std::sqrt(sumSq), 1e-12));
}

TEST_CASE("api: step(batch, n) equals n single steps of an identical session, loss by loss", "[api]") {
  Session a(kConfig), b(kConfig);
  const json many = json::parse(a.step("batch", 6));
  REQUIRE(many["losses"].size() == 6);
  for (int k = 0; k < 6; ++k) {
    const json one = json::parse(b.step("batch", 1));
    REQUIRE(double(one["loss"]) == double(many["losses"][static_cast<std::size_t>(k)]));
  }
  REQUIRE(a.weights() == b.weights());
  const json sample = json::parse(a.step("sample", 2));
  REQUIRE(sample["step"] == 8);
  const json epoch = json::parse(a.step("epoch", 1));  // finishes the current pass over the data
  REQUIRE(epoch["epoch"].get<int>() == sample["epoch"].get<int>() + 1);
}

TEST_CASE("api: setWeight and setBias address W[i][j] and b[i] of weights() (row-major)", "[api]") {
  Session s(kConfig);
  s.setWeight(0, 2, 1, 0.25);
  s.setBias(1, 0, -0.5);
  const json w = json::parse(s.weights());
  REQUIRE(double(w["layers"][0]["weights"][2 * 2 + 1]) == 0.25);
  REQUIRE(double(w["layers"][1]["bias"][0]) == -0.5);
  REQUIRE_THROWS_AS(s.setWeight(0, 3, 0, 1.0), std::invalid_argument);
  REQUIRE_THROWS_AS(s.setBias(5, 0, 1.0), std::invalid_argument);
}

TEST_CASE("api: bad configs and arguments throw messages naming the problem; the session still works", "[api]") {
  REQUIRE_THROWS_WITH(Session(R"({"batch":-1})"), Contains("batch"));
  REQUIRE_THROWS_WITH(Session(R"({"activation":"bogus"})"), Contains("bogus"));
  REQUIRE_THROWS_AS(Session("{not json"), std::invalid_argument);
  Session s(kConfig);
  REQUIRE_THROWS_WITH(s.step("fortnight", 1), Contains("fortnight"));
  REQUIRE_THROWS_WITH(s.step("batch", 0), Contains("count 0"));
  REQUIRE_THROWS_WITH(s.predictGrid(0), Contains("resolution 0"));
  REQUIRE_THROWS_AS(s.reset(1.5), std::invalid_argument);
  REQUIRE(json::parse(s.step("batch", 1))["status"] == "ok");
}

TEST_CASE("api: export/import gives identical predictions and next steps; a bad import changes nothing", "[api]") {
  Session a(kConfig);
  a.step("batch", 5);
  const std::string model = a.exportModel();
  Session b(R"({})");
  b.importModel(model);
  REQUIRE(b.predictGrid(5) == a.predictGrid(5));
  REQUIRE(b.step("batch", 3) == a.step("batch", 3));
  const std::vector<double> before = b.predictGrid(5);
  REQUIRE_THROWS_AS(b.importModel("{\"format\":"), std::invalid_argument);
  REQUIRE_THROWS_AS(b.importModel(R"({"format":"mc-model","version":1})"), std::invalid_argument);
  REQUIRE(b.predictGrid(5) == before);
}

TEST_CASE("api: a diverging run reports it, keeps finite weights, and recovers after reset", "[api]") {
  Session s(R"({"layers":[2,8,1],"activation":"relu","output":"linear","loss":"mse","batch":10,
    "optimizer":{"name":"sgd","lr":10},"dataset":{"name":"reg-plane","n":100,"seed":1}})");
  s.setWeight(1, 0, 0, 1e300);  // with lr 10 the first update overflows to inf
  const json r = json::parse(s.step("batch", 50));
  REQUIRE(r["status"] == "diverged");
  REQUIRE_THAT(r["message"].get<std::string>(), Contains("diverged"));
  REQUIRE(r["stepsDone"].get<int>() < 50);
  for (double v : s.predictGrid(6)) REQUIRE(std::isfinite(v));
  s.reset(-1);
  REQUIRE(json::parse(s.metrics())["step"] == 0);
}

TEST_CASE("api: reset with the config's seed reproduces the initial weights", "[api]") {
  Session s(kConfig);
  const std::string initial = s.weights();
  s.step("batch", 4);
  REQUIRE(s.weights() != initial);
  s.reset(-1);
  REQUIRE(s.weights() == initial);
  s.reset(8);
  REQUIRE(s.weights() != initial);
}

TEST_CASE("api: points, addPoint and setPoints", "[api]") {
  Session s(kConfig);
  const json p = json::parse(s.points());
  REQUIRE(p["train"].size() + p["test"].size() == 40);
  s.addPoint(1.5, -2, 1, false);
  const json q = json::parse(s.points());
  REQUIRE(q["train"].size() == p["train"].size() + 1);
  REQUIRE(q["train"].back() == json({{"x", 1.5}, {"y", -2.0}, {"label", 1.0}}));
  const json r = json::parse(s.setPoints("x,y,label\n1,2,1\n-1,-2,0\n3,3,1\n-3,1,0\n"));
  REQUIRE(r["train"].size() + r["test"].size() == 4);
  REQUIRE_THROWS_AS(s.setPoints("1,2\n"), std::invalid_argument);
}

TEST_CASE("api: metrics state accuracy for classification and R^2 for regression", "[api]") {
  const json c = json::parse(Session(kConfig).metrics());
  REQUIRE(c["train"]["accuracy"].is_number());
  REQUIRE(c["train"]["r2"].is_null());
  REQUIRE(c["train"]["count"].get<int>() + c["test"]["count"].get<int>() == 40);
  const json r = json::parse(Session(R"({"dataset":{"name":"reg-plane","n":60}})").metrics());
  REQUIRE(r["train"]["accuracy"].is_null());
  REQUIRE(r["train"]["r2"].is_number());
}

TEST_CASE("api: config() is complete and a session built from it reports the same config", "[api]") {
  Session s(kConfig);
  const std::string full = s.config();
  REQUIRE(Session(full).config() == full);
  REQUIRE(json::parse(full)["layers"] == json({2, 3, 1}));
}
