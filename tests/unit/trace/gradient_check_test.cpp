// The finite-difference check of a recorded gradient: all entries or an even sample, values restored.
#include "trace/gradient_check.hpp"

#include <catch2/catch.hpp>
#include <cmath>

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
  CHECK_THROWS_WITH(checkGradients(t, net.loss, {net.z1}), Catch::Contains("not a variable"));
  CHECK_THROWS_WITH(checkGradients(t, net.z1, {net.w1}), Catch::Contains("2x1"));
}
