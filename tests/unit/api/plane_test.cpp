// The plane of a table (a pair of inputs, the others at their training-set mean) and the evaluation views.
// Oracles: the trainer's predict at inputs built here from the data, and the metrics' accuracy.
#include "api/session.hpp"
#include "nn/trainer.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using mc::api::Session;
using nlohmann::json;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

TEST_CASE("a table's plane: the chosen pair varies, every other input sits at its mean", "[api][plane]") {
  Session s(R"({"layers":[4,5,3],"dataset":{"name":"iris","seed":2}})");
  s.step("batch", 20);
  s.setInputPair(2, 3);
  const json info = json::parse(s.gridInfo(4));
  CHECK(info["xName"] == "petal_length");
  CHECK(info["yName"] == "petal_width");
  const std::vector<double> grid = s.predictGrid(4);
  const auto& train = s.trainer().data().train;
  double mean0 = 0, mean1 = 0;
  for (const auto& p : train) {
    mean0 += p.in[0] / static_cast<double>(train.size());
    mean1 += p.in[1] / static_cast<double>(train.size());
  }
  // cell (row 1, col 2): x = xMin + 2.5 cell, y = yMax - 1.5 cell
  const double x = info["xMin"].get<double>() + 2.5 * (info["xMax"].get<double>() - info["xMin"].get<double>()) / 4;
  const double y = info["yMax"].get<double>() - 1.5 * (info["yMax"].get<double>() - info["yMin"].get<double>()) / 4;
  mc::Matrix in(4, 1);
  in << mean0, mean1, x, y;
  mc::Matrix out;
  s.trainer().predict(in, out);
  for (int k = 0; k < 3; ++k) CHECK_THAT(grid[static_cast<std::size_t>((1 * 4 + 2) * 3 + k)], WithinAbs(out(k, 0), 1e-12));
  // points are placed on the plane by the pair
  const json pts = json::parse(s.points());
  CHECK(pts["train"][0]["x"] == pts["train"][0]["in"][2]);
  CHECK(pts["train"][0]["y"] == pts["train"][0]["in"][3]);
  CHECK_THROWS_WITH(s.setInputPair(1, 4), Contains("from 0 to 3"));
  CHECK_THROWS_WITH(s.setInputPair(1, 1), Contains("two different"));
}

TEST_CASE("the confusion matrix counts every point once and its diagonal is the accuracy", "[api][plane][evaluation]") {
  Session s(R"({"layers":[4,5,3],"optimizer":{"name":"adam","lr":0.01},"dataset":{"name":"iris","seed":2}})");
  s.step("epoch", 30);
  const json e = json::parse(s.evaluation());
  const json m = json::parse(s.metrics());
  REQUIRE(e["classes"] == 3);
  for (const char* set : {"train", "test"}) {
    int total = 0, right = 0;
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) {
        total += e["confusion"][set][i][j].get<int>();
        right += i == j ? e["confusion"][set][i][j].get<int>() : 0;
      }
    CHECK(total == m[set]["count"].get<int>());
    CHECK_THAT(static_cast<double>(right) / total, WithinAbs(m[set]["accuracy"].get<double>(), 1e-15));
  }
}

TEST_CASE("regression evaluation: predicted against target per output, whose MSE is the metrics' loss", "[api][plane][evaluation]") {
  Session s(R"({"layers":[3,4,3],"dataset":{"name":"linnerud"}})");
  const json e = json::parse(s.evaluation());
  CHECK(e["outputs"] == json::array({"weight", "waist", "pulse"}));
  double sum = 0;
  int n = 0;
  for (std::size_t k = 0; k < 3; ++k)
    for (std::size_t j = 0; j < e["train"]["target"][k].size(); ++j, ++n) {
      const double d = e["train"]["predicted"][k][j].get<double>() - e["train"]["target"][k][j].get<double>();
      sum += d * d;
    }
  CHECK_THAT(sum / n, WithinAbs(json::parse(s.metrics())["train"]["loss"].get<double>(), 1e-12));
}
