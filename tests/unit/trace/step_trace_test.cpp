// The full step trace of a hand-built 2-2-1 network, and its golden file.
//
// Regenerate the golden file after an intended change of the trace (then review the diff in git):
//   MC_UPDATE_GOLDEN=1 build/<dir>/test_trace "[golden]"
// which rewrites tests/golden/trace_2_2_1.json. Numbers are compared within 1e-12 (relative to
// max(1, |value|)), finite-difference results within 1e-8; everything else must match exactly.
#include "trace/step_trace.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "json_compare.hpp"
#include "tiny_net.hpp"
#include "trace/matrix_json.hpp"

using namespace mc;
using namespace mc::trace;
using Catch::Matchers::WithinAbs;

namespace {

constexpr double kLearningRate = 0.5;

std::vector<ParameterRef> parametersOf(const tiny::Net& n) {
  return {{n.w1, "W1", 0, "weight"}, {n.b1, "b1", 0, "bias"}, {n.w2, "W2", 1, "weight"}, {n.b2, "b2", 1, "bias"}};
}

// The step of the golden file: one sample, an L2 penalty on W1 (so W1 feeds two nodes), plain SGD.
StepTrace goldenStep() {
  Tape t;
  tiny::Net net = tiny::build(t, 1, 0.001);
  StepTrace s = traceStep(t, net.loss, parametersOf(net), kLearningRate);
  for (ParameterStep& p : s.parameters) p.after = p.before - kLearningRate * p.gradient;
  return s;
}

nlohmann::json goldenTrace() { return goldenStep(); }

const std::string kGoldenPath = std::string(MC_SOURCE_DIR) + "/tests/golden/trace_2_2_1.json";

}  // namespace

TEST_CASE("a step trace: parameters with their gradients, FD check under 1e-6, chains for W1", "[trace][step]") {
  Tape t;
  tiny::Net net = tiny::build(t, 4, 0.01);
  const StepTrace s = traceStep(t, net.loss, parametersOf(net), kLearningRate);
  CHECK(s.loss == net.loss.value()(0, 0));
  REQUIRE(s.parameters.size() == 4);
  CHECK(s.parameters[0].gradient == net.w1.grad());
  CHECK(s.parameters[3].before == net.b2.value());
  // Independent of the tape's gradient: central differences of the loss.
  REQUIRE(s.gradientCheck.variables.size() == 4);
  CHECK(s.gradientCheck.step == 1e-6);
  CHECK(s.gradientCheck.maxRelError < 1e-6);
  for (const VariableCheck& c : s.gradientCheck.variables) {
    CAPTURE(c.id);
    CHECK(c.maxRelError < 1e-6);
    CHECK((c.numeric - t.node(c.id).grad).cwiseAbs().maxCoeff() < 1e-8);
  }
  // A chain for every entry: W1 (2x2), W2 (1x2), then b1 (2x1), b2 (1x1); each adds up to its gradient.
  REQUIRE(s.chains.size() == 9);
  CHECK(s.chains[0].variable == net.w1.id);
  CHECK(s.chains[1].row == 1);  // column by column
  CHECK(s.chains[4].variable == net.w2.id);
  CHECK(s.chains[6].variable == net.b1.id);
  CHECK(s.chains[8].variable == net.b2.id);
  CHECK(s.chains[8].paths.size() == 4);  // one per sample: dC/db sums over the batch (item 11)
  for (const EntryChain& c : s.chains) {
    CHECK(c.complete);
    CHECK_THAT(c.pathSum, WithinAbs(t.node(c.variable).grad(c.row, c.col), 1e-15));
  }
  StepTraceOptions fewer;
  fewer.maxChains = 3;
  CHECK(traceStep(t, net.loss, parametersOf(net), kLearningRate, fewer).chains.size() == 3);
  // The tape is as the step left it: values restored after the FD runs, gradients kept for the update.
  Tape fresh;
  tiny::Net again = tiny::build(fresh, 4, 0.01);
  fresh.backward(again.loss);
  for (int i = 0; i < t.size(); ++i) {
    CAPTURE(i);
    CHECK(t.node(i).value == fresh.node(i).value);
    CHECK(t.node(i).grad == fresh.node(i).grad);
  }
}

TEST_CASE("the step JSON adds parameters, updates, the FD check and the chains to the graph", "[trace][step][json]") {
  const nlohmann::json j = goldenTrace();
  CHECK(j.at("schemaVersion") == kSchemaVersion);
  CHECK(j.at("kind") == "training-step");
  CHECK(j.at("learningRate") == kLearningRate);
  const nlohmann::json& w1 = j.at("parameters").at(0);
  CHECK(w1.at("name") == "W1");
  CHECK(w1.at("role") == "weight");
  // after = before - eta * gradient, entry by entry (gradient descent)
  const Matrix before = matrixFromJson(w1.at("before")), grad = matrixFromJson(w1.at("gradient"));
  CHECK((matrixFromJson(w1.at("after")) - (before - kLearningRate * grad)).cwiseAbs().maxCoeff() == 0.0);
  CHECK(j.at("gradientCheck").at("maxRelError").get<double>() < 1e-6);
  CHECK(j.at("chains").size() == 9);
  CHECK(j.at("chains").at(0).at("paths").size() == 2);  // through the layer, through the penalty
}

TEST_CASE("golden file: the trace of the 2-2-1 step is pinned", "[trace][step][golden]") {
  const nlohmann::json actual = goldenTrace();
  if (const char* update = std::getenv("MC_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    // CI never rewrites a golden file: a run there must compare, or a broken engine would pass.
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string(ci) == "true") FAIL("MC_UPDATE_GOLDEN=1 is refused when CI=true");
    std::ofstream(kGoldenPath) << nlohmann::ordered_json(goldenStep()).dump(1) << "\n";  // keys in reading order
    WARN("rewrote " << kGoldenPath);
  }
  std::ifstream in(kGoldenPath);
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json expected = nlohmann::json::parse(text.str());
  const std::vector<std::string> diffs = golden::differences(expected, actual);
  for (const std::string& d : diffs) UNSCOPED_INFO(d);
  CHECK(diffs.empty());
}

TEST_CASE("the golden comparison itself fails on a changed number, key or length", "[trace][golden]") {
  const nlohmann::json base = goldenTrace();
  CHECK(golden::differences(base, base).empty());
  nlohmann::json changed = base;
  changed["loss"] = base["loss"].get<double>() + 1e-9;
  CHECK(golden::differences(base, changed).size() == 1);
  changed = base;
  changed["backward"][0]["rule"]["id"] = "relu";
  CHECK(golden::differences(base, changed).size() == 1);
  changed = base;
  changed["forward"].erase(0);
  CHECK(golden::differences(base, changed).size() == 1);
  changed = base;
  changed.erase("chains");
  CHECK(golden::differences(base, changed).size() == 1);
}

TEST_CASE("a diverged step still makes a trace: non-finite numbers become null", "[trace][step][json]") {
  Tape t;
  Var x = t.variable((Matrix(2, 1) << 1.0, -1.0).finished(), "x");
  Var loss = sum(log(x));  // log(-1) is NaN
  t.setLabel(loss, "loss");
  const StepTrace s = traceStep(t, loss, {{x, "x", 0, "weight"}}, 0.1);
  const nlohmann::json j = nlohmann::json::parse(nlohmann::ordered_json(s).dump());
  CHECK(j.at("loss").is_null());
  CHECK(j.at("gradientCheck").at("maxRelError").is_null());
  CHECK(j.at("forward").at(1).at("value").at("data").at(1).at(0).is_null());
  CHECK(j.at("forward").at(1).at("value").at("data").at(0).at(0) == 0.0);  // log(1), finite, stays
  // d log(x)/dx = 1/x, exact here: 1 and -1 (the gradient stays finite where the loss is not).
  const Matrix g = matrixFromJson(j.at("parameters").at(0).at("gradient"));
  CHECK(g(0, 0) == 1.0);
  CHECK(g(1, 0) == -1.0);
}

TEST_CASE("matrixFromJson refuses a malformed matrix with a message, not a crash", "[trace][json]") {
  using nlohmann::json;
  CHECK_THROWS_WITH(matrixFromJson(json::parse(R"({"rows": -1, "cols": 2, "data": []})")),
                    Catch::Matchers::Contains("rows must be a whole number from 0"));
  CHECK_THROWS_WITH(matrixFromJson(json::parse(R"({"rows": 0, "cols": -3, "data": []})")),
                    Catch::Matchers::Contains("cols must be a whole number from 0, got -3"));
  CHECK_THROWS_AS(matrixFromJson(json::parse(R"({"rows": "2", "cols": 1, "data": [[1], [2]]})")),
                  std::invalid_argument);
  CHECK_THROWS_AS(matrixFromJson(json::parse(R"({"rows": 2, "cols": 1, "data": [[1]]})")), std::invalid_argument);
  CHECK(matrixFromJson(json::parse(R"({"rows": 2, "cols": 1, "data": [[1], [null]]})"))(0, 0) == 1.0);
}
