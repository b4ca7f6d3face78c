// One call of the facade does bounded work: what would take minutes in a browser tab is refused with a
// message saying how to ask for less. The figures in the messages are counted by hand from the shapes.
#include "api/session.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>

using mc::api::Session;

namespace {
// 2-488-488-488-1: 488*3 + 2*(488*489) + 489 = 479,217 parameters; 1,000 points, 500 for training.
const char* kBig = R"({"layers":[2,488,488,488,1],"batch":4096,"dataset":{"name":"circle","n":1000}})";
}  // namespace

TEST_CASE("steps, grids and traced steps are bounded by their work, not only by their count", "[api][limits]") {
  Session s(kBig);
  // 3 x 500 samples x 479,217 parameters = 7.19e8 multiply-adds per step; 1.5e9 allows 2 per call
  CHECK_THROWS_WITH(s.step("batch", 1'000'000),
                    "step: 1000000 \"batch\" steps of 500 samples with 4.79e+05 parameters is about 7.19e+14 multiply-adds; "
                    "allowed per call: 1.5e+09; ask for at most 2 steps per call (and call again)");
  CHECK_THROWS_WITH(s.predictGrid(512),
                    "predictGrid: a 512 x 512 grid through 4.79e+05 parameters is about 1.26e+11 multiply-adds; "
                    "allowed per call: 5e+08; use a resolution of at most 32");
  CHECK_THROWS_WITH(s.neuronGrids(100), Catch::StartsWith("neuronGrids: a 100 x 100 grid through 4.79e+05 parameters"));
  // 500 x (2 + 3 x 488 + 1) + 479,217 = 1,212,717 values
  CHECK_THROWS_WITH(s.stepTraced("batch"), Catch::StartsWith("stepTraced: a traced \"batch\" step of 500 samples through 1.47e+03 units "
                                                              "and 4.79e+05 parameters records about 1.21e+06 values; allowed: 2.5e+05"));
  CHECK(s.predictGrid(32).size() == 32u * 32u);
  CHECK_THROWS_WITH(Session(R"({"layers":[2,488,488,488,1],"dataset":{"name":"circle","n":100000}})"),
                    "config: a pass over 1e+05 points with 4.79e+05 parameters is about 4.79e+10 multiply-adds; allowed per call: 5e+08; "
                    "use fewer points or a smaller network");
}

TEST_CASE("one step and one epoch stay allowed on the largest accepted network", "[api][limits]") {
  Session s(R"({"layers":[2,64,64,1],"batch":64,"dataset":{"name":"spiral","n":2000}})");
  CHECK_NOTHROW(s.step("epoch", 1));
  CHECK_NOTHROW(s.step("batch", 1000));
}

TEST_CASE("predict refuses non-finite points instead of answering NaN", "[api][limits]") {
  Session s("{}");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(s.predict({nan}, {0}), "predict: point 0 (NaN, 0) is not finite; give finite numbers for xs and ys");
  CHECK_THROWS_WITH(s.predict({1, 2}, {0, -INFINITY}), "predict: point 1 (2, -Infinity) is not finite; give finite numbers for xs and ys");
  CHECK(std::isfinite(s.predict({1}, {2})[0]));
}
