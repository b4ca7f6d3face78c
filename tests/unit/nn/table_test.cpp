// Tables: data with n inputs and m targets (CSV with a header, JSON {x, y} / {x, label}, built-in sets),
// their errors (each naming the line and column), and gradients of networks on them against central
// differences.
#include "mc.hpp"
#include "nn/nn.hpp"
#include "parameter_check.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace mc;
using namespace mc::nn;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {
std::string errorOf(const std::string& text) {
  try {
    parsePointTable(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST_CASE("a CSV with a header names its inputs, a class column or regression targets", "[nn][table]") {
  const PointTable c = parsePointTable("# flowers\nlen,wid,depth,height,label\n1,2,3,4,0\n5,6,7,8,2\n");
  REQUIRE(c.inputNames == std::vector<std::string>{"len", "wid", "depth", "height"});
  REQUIRE(c.targetNames == std::vector<std::string>{"label"});
  REQUIRE(c.points.size() == 2);
  CHECK(c.points[1].in == std::vector<double>{5, 6, 7, 8});
  CHECK(c.points[1].label == 2);
  CHECK(c.points[1].out.empty());
  CHECK(c.points[1].x == 5);  // x, y mirror the first two inputs (for drawing)
  CHECK(c.points[1].y == 6);

  const PointTable r = parsePointTable("a,b,c,target:u,target:v\n1,2,3,0.5,-1\n");
  REQUIRE(r.inputNames.size() == 3);
  REQUIRE(r.targetNames == std::vector<std::string>{"u", "v"});
  CHECK(r.points[0].out == std::vector<double>{0.5, -1});

  // the 2-D form keeps its meaning: no header or an x,y,label header
  CHECK(parsePointTable("x,y,label\n1,2,1\n").inputNames.empty());
  CHECK(parsePointTable("1,2,1\n3,4,0\n").points.size() == 2);
}

TEST_CASE("JSON table points: {x: [..], y: [..]} for regression, {x: [..], label: k} for classes", "[nn][table]") {
  const PointTable r = parsePointTable(R"([{"x":[0.05,0.1],"y":[0.01,0.99]},{"x":[1,2],"y":[3,4]}])");
  CHECK(r.inputNames == std::vector<std::string>{"x1", "x2"});
  CHECK(r.targetNames == std::vector<std::string>{"y1", "y2"});
  CHECK(r.points[0].out == std::vector<double>{0.01, 0.99});
  const PointTable c = parsePointTable(R"([{"x":[1,2,3],"label":1},{"x":[4,5,6],"label":0}])");
  CHECK(c.targetNames == std::vector<std::string>{"label"});
  CHECK(c.points[0].label == 1);
  CHECK_THAT(errorOf(R"([{"x":[1,2],"y":[3]},{"x":[1],"y":[3]}])"), Contains("points[1]") && Contains("same columns"));
  CHECK_THAT(errorOf(R"([{"x":[1,2],"label":1.5}])"), Contains("points[0]") && Contains("not a class"));
  CHECK_THAT(errorOf(R"([{"x":[1,2],"y":[1],"label":1}])"), Contains("either"));
  // 100,000 levels would overflow the parser's recursion: refused before parsing
  CHECK_THAT(errorOf(std::string(100000, '[') + std::string(100000, ']')), Contains("nested more than 16 levels"));
}

TEST_CASE("CSV table errors name the line and the column and say what to write", "[nn][table]") {
  const std::string head = "a,b,c,label\n";
  CHECK_THAT(errorOf(head + "1,2,3,0\n1,,3,1\n"), Contains("line 3, column 2 (b)") && Contains("missing"));
  CHECK_THAT(errorOf(head + "1,2,3,0\n1,2,NA,1\n"), Contains("line 3, column 3 (c)") && Contains("missing"));
  CHECK_THAT(errorOf(head + "1,2,3,0\n1,2,3,\n"), Contains("line 3, column 4 (label)") && Contains("missing"));
  CHECK_THAT(errorOf(head + "1,two,3,0\n"), Contains("line 2, column 2 (b)") && Contains("\"two\" is not a number") &&
                                                Contains("decimal number"));
  CHECK_THAT(errorOf(head + "1,2,3,0\n1,2,3\n"), Contains("line 3") && Contains("3 values") && Contains("4 columns"));
  CHECK_THAT(errorOf(head + "1,2,3,0,9\n"), Contains("line 2") && Contains("5 values"));
  CHECK_THAT(errorOf(head + "1,2,3,1.5\n"), Contains("line 2, column 4 (label)") && Contains("integer class"));
  CHECK_THAT(errorOf("a,b,c,d\n1,2,3,4\n"), Contains("line 1") && Contains("no target"));
  CHECK_THAT(errorOf("a,,c,label\n1,2,3,0\n"), Contains("line 1, column 2") && Contains("no name"));
  // a first line of numbers (nan and 1e400 included) is data, not a header: a table needs one
  CHECK_THAT(errorOf("nan,1,2,3\n1,2,3,0\n"), Contains("line 1") && Contains("needs a header"));
  CHECK_THAT(errorOf("# data\n1e400,1,2,3\n"), Contains("line 2") && Contains("needs a header"));

  std::string wide;
  for (int c = 0; c < 10000; ++c) wide += "c" + std::to_string(c) + ",";
  wide += "label\n";
  for (int c = 0; c < 10000; ++c) wide += "1,";
  wide += "0\n";
  CHECK_THAT(errorOf(wide), Contains("line 1") && Contains("10001 columns") && Contains("at most 256"));
}

TEST_CASE("a config with table points builds a network with n inputs and m outputs", "[nn][table]") {
  Trainer t(parseConfigText(R"({"layers":[3,4,2],"dataset":{"name":"custom","train_fraction":1,
      "points":"p,q,r,target:u,target:v\n1,2,3,0.5,-1\n0,1,0,0.25,0\n"}})"));
  CHECK(t.data().problem == Problem::Regression);
  CHECK(t.data().classes == 2);
  CHECK(t.config().output == Activation::Linear);
  CHECK(t.config().loss == Loss::Mse);
  // the full config round-trips through JSON with the table's names
  Trainer again(parseConfigText(t.configJson()));
  CHECK(again.data().inputNames == std::vector<std::string>{"p", "q", "r"});
  CHECK(again.data().train[1].out == std::vector<double>{0.25, 0});
  CHECK_THROWS_WITH(parseConfigText(R"({"layers":[2,4,2],"dataset":{"name":"custom","train_fraction":1,"points":"p,q,r,target:u,target:v\n1,2,3,0.5,-1\n"}})"),
                    Contains("3 input columns"));
  CHECK_THROWS_WITH(parseConfigText(R"({"features":["x","y"],"dataset":{"name":"iris"}})"), Contains("no \"features\""));
}

TEST_CASE("built-in tables: iris (4 inputs, 3 classes) and linnerud (3 inputs, 3 targets), standardised", "[nn][table]") {
  Trainer iris(parseConfigText(R"({"dataset":{"name":"iris"}})"));
  CHECK(iris.data().train.size() + iris.data().test.size() == 150);
  CHECK(iris.data().problem == Problem::Multiclass);
  CHECK(iris.config().layers.front() == 4);
  CHECK(iris.config().layers.back() == 3);
  const PointTable raw = parsePointTable(builtinTableText("iris"));
  CHECK(raw.points[0].in == std::vector<double>{5.1, 3.5, 1.4, 0.2});  // Fisher's first flower
  const PointTable lin = builtinTable("linnerud");
  REQUIRE(lin.points.size() == 20);
  double mean = 0, sq = 0;
  for (const Point& p : lin.points) mean += p.out[2] / 20;
  for (const Point& p : lin.points) sq += (p.out[2] - mean) * (p.out[2] - mean) / 20;
  CHECK_THAT(mean, WithinAbs(0, 1e-12));
  CHECK_THAT(sq, WithinAbs(1, 1e-12));
  Trainer l(parseConfigText(R"({"dataset":{"name":"linnerud"}})"));
  CHECK(l.config().layers == std::vector<int>{3, 4, 2, 3});
}

TEST_CASE("a model on a table saves and loads with its points", "[nn][table]") {
  Trainer t(parseConfigText(R"({"layers":[4,5,3],"dataset":{"name":"iris","seed":3}})"));
  t.step(Granularity::Batch, 5);
  const auto loaded = Trainer::loadJson(t.saveJson());
  CHECK(loaded->data().test.size() == t.data().test.size());
  CHECK(loaded->data().train[7].in == t.data().train[7].in);
  CHECK(loaded->metrics().testLoss == t.metrics().testLoss);
}

namespace {
// Points of a random table with n inputs; labels (classes > 0) or m regression targets.
std::string randomTable(Rng& rng, int n, int m, int classes) {
  nlohmann::json pts = nlohmann::json::array();
  for (int i = 0; i < 9; ++i) {
    std::vector<double> x, y;
    for (int k = 0; k < n; ++k) x.push_back(rng.uniform(-2, 2));
    if (classes > 0) {
      pts.push_back({{"x", x}, {"label", i % classes}});
    } else {
      for (int k = 0; k < m; ++k) y.push_back(rng.uniform(0.05, 0.95));
      pts.push_back({{"x", x}, {"y", y}});
    }
  }
  return pts.dump();
}
}  // namespace

TEST_CASE("every parameter gradient on tables of 1 to 5 inputs and 1 to 3 outputs equals central differences",
          "[nn][table][gradient]") {
  Rng rng(21);
  for (int n = 1; n <= 5; ++n) {
    for (const char* kind : {"mse-linear", "mse-sigmoid", "mse-tanh", "bce", "softmax_cross_entropy"}) {
      const std::string k = kind;
      const int m = k == "bce" ? 1 : k == "softmax_cross_entropy" ? 3 : 1 + n % 3;
      const int classes = k == "bce" ? 2 : k == "softmax_cross_entropy" ? 3 : 0;
      const std::string output = k.rfind("mse-", 0) == 0 ? k.substr(4) : k == "bce" ? "sigmoid" : "softmax";
      const std::string loss = k.rfind("mse-", 0) == 0 ? "mse" : k;
      const std::string config = R"({"layers":[)" + std::to_string(n) + ",4," + std::to_string(m) +
                                 R"(],"activation":"tanh","output":")" + output + R"(","loss":")" + loss +
                                 R"(","seed":)" + std::to_string(n) + R"(,"dataset":{"name":"custom","train_fraction":1,"points":)" +
                                 randomTable(rng, n, m, classes) + "}}";
      CAPTURE(config);
      Trainer t(parseConfigText(config));
      checkParametersAgainstDifferences(t, t.data().train);
    }
  }
}
