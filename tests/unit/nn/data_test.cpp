// The generator, the portable maths and the data sets.
#include "nn/nn.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace mc::nn;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("the generator matches hand-computed values and has the right moments", "[nn][rng]") {
  // seeding: the first splitmix64 output from state 0 is the well-known 0xe220a8397b1dcdaf
  Rng zero(0);
  CHECK(zero.state().s[0] == 0xe220a8397b1dcdafULL);
  // xoshiro256** from state {1, 2, 3, 4}: rotl(2 * 5, 7) * 9 = 1280 * 9 = 11520
  Rng h(0);
  h.setState({{1, 2, 3, 4}, false, 0});
  CHECK(h.next() == 11520);
  Rng a(42), b(42);
  for (int i = 0; i < 100; ++i) CHECK(a.next() == b.next());
  Rng c(43);
  CHECK(a.next() != c.next());
  // uniform in [0, 1), mean 1/2, variance 1/12; normal mean 0, variance 1 (n = 200000: 5 sigma bounds)
  Rng r(7);
  double s = 0, s2 = 0, ns = 0, ns2 = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double u = r.uniform();
    REQUIRE(u >= 0);
    REQUIRE(u < 1);
    s += u;
    s2 += u * u;
    const double z = r.normal();
    ns += z;
    ns2 += z * z;
  }
  CHECK_THAT(s / n, WithinAbs(0.5, 5 * std::sqrt(1.0 / 12 / n)));
  CHECK_THAT(s2 / n - (s / n) * (s / n), WithinAbs(1.0 / 12, 0.002));
  CHECK_THAT(ns / n, WithinAbs(0, 5 / std::sqrt(n)));
  CHECK_THAT(ns2 / n, WithinAbs(1, 0.02));
  // below(n) covers [0, n)
  int seen[5] = {};
  for (int i = 0; i < 1000; ++i) ++seen[r.below(5)];
  for (int k : seen) CHECK(k > 150);
}

TEST_CASE("portable exp, log, sin and cos agree with the C library", "[nn][rng]") {
  for (double x = -30; x <= 30; x += 0.173) {
    CAPTURE(x);
    CHECK_THAT(portableExp(x), WithinRel(std::exp(x), 4e-16));
    CHECK_THAT(portableSin(x), WithinAbs(std::sin(x), 2e-15));
    CHECK_THAT(portableCos(x), WithinAbs(std::cos(x), 2e-15));
  }
  for (double x : {1e-300, 1e-10, 0.3, 0.7071, 1.0, 1.4142, 2.0, 10.0, 12345.678, 1e300}) {
    CAPTURE(x);
    CHECK_THAT(portableLog(x), WithinAbs(std::log(x), 4e-16 * std::max(1.0, std::abs(std::log(x)))));
  }
  CHECK(portableLog(1.0) == 0);
  CHECK(std::isnan(portableLog(-1.0)));
}

TEST_CASE("generated data sets have their names' shapes", "[nn][data]") {
  for (const std::string& name : datasetNames()) {
    if (name == "custom" || isBuiltinTable(name)) continue;  // not generated (tables: table_test.cpp)
    CAPTURE(name);
    DatasetConfig c;
    c.name = name;
    c.n = 300;
    c.seed = 5;
    const DataSet d = makeDataSet(c);
    CHECK(d.train.size() == 150);
    CHECK(d.test.size() == 150);
    int perClass[3] = {};
    for (const auto* set : {&d.train, &d.test}) {
      for (const Point& p : *set) {
        // playground sets stay inside [-6, 6]^2 without noise (gauss clusters: within 6 sd of +-2)
        if (name != "gauss") {
          CHECK(std::abs(p.x) <= 6);
          CHECK(std::abs(p.y) <= 6);
        }
        if (d.problem != Problem::Regression) ++perClass[static_cast<int>(p.label)];
      }
    }
    if (d.problem == Problem::Classification) {
      CHECK(perClass[0] > 100);
      CHECK(perClass[1] > 100);
    }
    if (d.problem == Problem::Multiclass) {
      CHECK(d.classes == 3);
      for (int k : perClass) CHECK(k == 100);
    }
  }
  // labels follow the rule that names the set (no noise)
  DatasetConfig c;
  c.name = "xor";
  for (const Point& p : makeDataSet(c).train) CHECK(p.label == (p.x * p.y >= 0 ? 1.0 : 0.0));
  c.name = "circle";
  for (const Point& p : makeDataSet(c).train) CHECK(p.label == (std::hypot(p.x, p.y) < 2.5 ? 1.0 : 0.0));
  c.name = "reg-plane";
  for (const Point& p : makeDataSet(c).train) CHECK_THAT(p.label, WithinAbs((p.x + p.y) / 10, 1e-15));
  c.name = "neuron";
  for (const Point& p : makeDataSet(c).train) CHECK_THAT(p.label, WithinAbs(std::max(0.0, 0.15 * p.x - 0.1 * p.y + 0.2), 1e-15));
}

TEST_CASE("user points from CSV or JSON, and what is wrong with bad ones", "[nn][data]") {
  const auto csv = parsePoints("x,y,label\n# a comment\n1, 2, 1\n-3.5,4e-1,0\n");
  REQUIRE(csv.size() == 2);
  CHECK(csv[1].x == -3.5);
  CHECK(csv[1].y == 0.4);
  const auto json = parsePoints(R"([[1,2,0],{"x":3,"y":4,"label":1}])");
  REQUIRE(json.size() == 2);
  CHECK(json[1].label == 1);
  CHECK_THROWS_WITH(parsePoints("1,2,1\n3,4\n"), Catch::Contains("line 2"));
  CHECK_THROWS_WITH(parsePoints("1,2,1\n3,x,0\n"), Catch::Contains("line 2"));
  CHECK_THROWS_WITH(parsePoints("[[1,2]]"), Catch::Contains("points[0]") && Catch::Contains("2 entries"));
  CHECK_THROWS_WITH(parsePoints(R"([{"x":1,"y":2,"label":0,"z":1}])"), Catch::Contains("unknown key \"z\""));
  CHECK_THROWS_WITH(parsePoints(""), Catch::Contains("no points"));
  CHECK_THROWS_WITH(parsePoints("[1,"), Catch::Contains("not valid JSON"));
  // a custom set's problem follows its labels
  DatasetConfig c;
  c.name = "custom";
  c.points = parsePoints("0,0,0\n1,1,2\n2,2,1\n");
  CHECK(datasetProblem(c) == Problem::Multiclass);
  CHECK(datasetClasses(c) == 3);
  c.points = parsePoints("0,0,0.5\n1,1,2\n");
  CHECK(datasetProblem(c) == Problem::Regression);
}

TEST_CASE("noise, seed and split change the data as stated", "[nn][data]") {
  DatasetConfig c;
  c.name = "spiral";
  c.n = 500;
  c.trainFraction = 0.8;
  const DataSet clean = makeDataSet(c);
  CHECK(clean.train.size() == 400);
  CHECK(clean.test.size() == 100);
  c.noise = 1;  // TF Playground's 50 %: every coordinate moves by U(-0.5, 0.5)
  const DataSet noisy = makeDataSet(c);
  double moved = 0, most = 0;
  for (std::size_t i = 0; i < clean.train.size(); ++i) {
    const double dx = noisy.train[i].x - clean.train[i].x;  // the same shuffle: the same seed
    moved += std::abs(dx);
    most = std::max(most, std::abs(dx));
  }
  CHECK(moved > 0);
  CHECK(most <= 0.5);
  c.seed = 2;
  CHECK(makeDataSet(c).train[0].x != noisy.train[0].x);
  // noisy labels: with noise a circle point's label no longer follows its own radius everywhere
  DatasetConfig circle;
  circle.name = "circle";
  circle.noise = 1;
  int flipped = 0;
  for (const Point& p : makeDataSet(circle).train) flipped += p.label != (std::hypot(p.x, p.y) < 2.5 ? 1.0 : 0.0);
  CHECK(flipped > 0);
}

TEST_CASE("a custom data set from CSV in the config trains", "[nn][data]") {
  Trainer t(parseConfigText(R"({"layers":[2,4,1],"batch":2,"optimizer":{"name":"adam","lr":0.05},
      "dataset":{"name":"custom","train_fraction":1,"points":"x,y,label\n-2,-2,0\n-1,-3,0\n2,2,1\n3,1,1\n"}})"));
  CHECK(t.data().train.size() == 4);
  CHECK(t.data().test.empty());
  t.step(Granularity::Batch, 200);
  const Metrics m = t.metrics();
  CHECK(m.trainAccuracy == 1.0);
  CHECK(std::isnan(m.testLoss));  // no test points
  // one point is a data set too (the hand-worked backprop example trains on one sample)
  Trainer one(parseConfigText(R"({"layers":[2,2,1],"dataset":{"name":"custom","train_fraction":1,"points":[[0.05,0.1,1]]}})"));
  CHECK(one.data().train.size() == 1);
  CHECK(one.step(Granularity::Sample, 3).ok);
  CHECK(one.epochCount() == 3);
}
