// The finite-difference check of a recorded gradient: all entries or an even sample, values restored.
#include "trace/gradient_check.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "tiny_net.hpp"

using namespace mc;
using namespace mc::trace;

TEST_CASE("FD check of every parameter of the 2-2-1 net is under 1e-6 and leaves the tape as it was", "[trace][fd]") {
  Tape t;
  tiny::Net net = tiny::build(t, 3);
  t.backward(net.loss);
  const Matrix lossBefore = net.loss.value(), w1Before = net.w1.value(), gradBefore = net.w1.grad();
  const GradientCheck c = checkGradients(t, net.loss, {net.w1, net.b1, net.w2, net.b2});
  REQUIRE(c.variables.size() == 4);
  CHECK(c.step == 1e-6);
  CHECK(c.maxRelError < 1e-6);
  for (const VariableCheck& v : c.variables) {
    CHECK(v.entriesChecked == v.entries);
    CHECK(v.maxRelError <= c.maxRelError);
  }
  CHECK(net.loss.value() == lossBefore);
  CHECK(net.w1.value() == w1Before);
  CHECK(net.w1.grad() == gradBefore);
}

TEST_CASE("FD check on a sample of entries says how many it checked", "[trace][fd]") {
  Tape t;
  tiny::Net net = tiny::build(t, 2);
  t.backward(net.loss);
  const GradientCheck c = checkGradients(t, net.loss, {net.w1}, 1e-6, 3);
  const VariableCheck& v = c.variables.at(0);
  CHECK(v.entries == 4);
  CHECK(v.entriesChecked == 3);
  int unchecked = 0;
  for (Index e = 0; e < 4; ++e) {
    if (std::isnan(v.numeric(e))) ++unchecked;
    else CHECK(std::abs(v.numeric(e) - net.w1.grad()(e)) < 1e-8);
  }
  CHECK(unchecked == 1);
}

TEST_CASE("FD check catches a wrong gradient", "[trace][fd]") {
  Tape t;
  tiny::Net net = tiny::build(t);
  t.backward(net.loss);
  t.node(net.b2.id).grad(0, 0) *= 1.01;  // a 1 % error, as a buggy vjp would make
  const GradientCheck c = checkGradients(t, net.loss, {net.w1, net.b2});
  CHECK(c.variables[0].maxRelError < 1e-6);
  CHECK(c.variables[1].maxRelError > 0.009);
  CHECK(c.maxRelError == c.variables[1].maxRelError);
  // the engine's one rule decides each badge: w1 passes, b2 (1 % off) fails, and so does the whole step
  CHECK(c.tolerance == kFdTolerance);
  CHECK(c.variables[0].verdict.passed);
  CHECK(c.variables[0].verdict.status == "passed");
  CHECK_FALSE(c.variables[1].verdict.passed);
  CHECK(c.variables[1].verdict.status == "failed");
  CHECK_FALSE(c.verdict.passed);
  CHECK(c.verdict.status == "failed");
  nlohmann::json j = c;
  CHECK(j["variables"][0]["passed"] == true);
  CHECK(j["variables"][1]["passed"] == false);
  CHECK(j["passed"] == false);
  CHECK(j["tolerance"] == 1e-5);
  CHECK_THROWS_WITH(checkGradients(t, net.loss, {net.z1}), Catch::Contains("not a variable"));
  CHECK_THROWS_WITH(checkGradients(t, net.z1, {net.w1}), Catch::Contains("2x1"));
}

TEST_CASE("FD check of a step with a ReLU at its kink says so per variable instead of failing", "[trace][fd][kink]") {
  // loss = sum(relu(W x)) with W x = [0, 1]: the first unit sits at relu's kink; b is away from it
  Tape t;
  Var w = t.variable((Matrix(2, 2) << 1.0, -1.0, 0.5, 0.5).finished(), "W");
  Var x = t.constant((Matrix(2, 1) << 1.0, 1.0).finished(), "x");
  Var b = t.variable(Matrix::Constant(1, 1, 0.3), "b");
  Var loss = sum(relu(matmul(w, x))) + square(b);
  t.backward(loss);
  const GradientCheck c = checkGradients(t, loss, {w, b});
  // dW row 1 is 0 (relu'(0) = 0), the differences give 0.5: not a pass, but a kink, said in words
  CHECK_FALSE(c.variables[0].verdict.passed);
  CHECK(c.variables[0].verdict.nearKink);
  CHECK(c.variables[0].verdict.status == "kink");
  CHECK(c.variables[0].verdict.note.find("relu's argument is 0 (entry 1)") != std::string::npos);
  CHECK(c.variables[1].verdict.passed);
  CHECK_FALSE(c.variables[1].verdict.nearKink);
  CHECK(c.verdict.status == "kink");
  nlohmann::json j = c;
  CHECK(j["variables"][0]["nearKink"] == true);
  CHECK(j["nearKink"] == true);
}
