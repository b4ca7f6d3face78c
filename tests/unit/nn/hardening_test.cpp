// Bad input that once crashed or answered wrong: each case states the message it must get now, and
// that the engine keeps working. Expected values: hand counts and the C library (for sin / cos).
#include "nn/nn.hpp"
#include "nn/portable_math.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

using namespace mc::nn;
using nlohmann::json;

namespace {
const char* kThreeClass = R"({"dataset":{"name":"spiral3","n":30},"batch":4})";
const char* kTwoClass = R"({"layers":[2,3,1],"dataset":{"name":"xor","n":20},"batch":4})";
std::string deep(int levels) { return std::string(static_cast<std::size_t>(levels), '[') + std::string(static_cast<std::size_t>(levels), ']'); }
}  // namespace

TEST_CASE("deeply nested JSON in a config, a model or points is refused before parsing", "[nn][hardening]") {
  // 100,000 levels once overflowed the stack (SIGSEGV natively) in json::dump() of an error message
  CHECK_THROWS_WITH(parseConfigText(deep(100'000)), Catch::StartsWith("config: JSON nested more than 64 levels deep"));
  CHECK_THROWS_WITH(parseConfigText(R"({"dataset":{"name":"custom","points":)" + deep(100'000) + "}}"),
                    Catch::StartsWith("config: JSON nested more than 64 levels deep"));
  CHECK_THROWS_WITH(Trainer::loadJson(deep(100'000)), Catch::StartsWith("model: JSON nested more than 64 levels deep"));
  CHECK_THROWS_WITH(parsePoints(deep(100'000)), Catch::StartsWith("points: JSON nested more than 64 levels deep"));
  Trainer t(parseConfigText(kTwoClass));
  CHECK_THROWS_WITH(t.setPoints(deep(100'000)), Catch::StartsWith("points: the JSON is nested more than 16 levels deep"));
  CHECK(t.step().ok);
  // nlohmann's number overflow gets our prefix too
  CHECK_THROWS_WITH(parseConfigText(R"({"batch":1e999})"), Catch::StartsWith("config: not valid JSON: [json.exception.out_of_range.406]"));
}

TEST_CASE("a huge unknown key or value is echoed cut to 80 characters", "[nn][hardening]") {
  const std::string key(10'000'000, 'k');
  const auto messageOf = [](const std::string& text) {
    try {
      parseConfigText(text);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(messageOf("{\"" + key + "\":1}"),
             Catch::StartsWith("config: unknown key \"" + std::string(80, 'k') + "... (10000000 characters)\"; allowed keys: layers, "));
  CHECK(messageOf("{\"activation\":\"" + key + "\"}") ==
        "config: \"activation\" is \"" + std::string(80 - 1 - 3, 'k') + "... (string); allowed: \"linear\", \"relu\", \"leaky_relu\", \"tanh\", \"sigmoid\", \"softmax\"");
  CHECK_THROWS_WITH(parsePoints(key + ",1,0\n"), "points: line 1 \"" + std::string(80, 'k') + "... (10000004 characters)\": expected three finite numbers x,y,label");
}

TEST_CASE("a CSV first line that is a row of numbers is data, never a silently dropped header", "[nn][hardening]") {
  CHECK_THROWS_WITH(parsePoints("nan,0,1\n1,2,0\n"), "points: line 1 \"nan,0,1\": expected three finite numbers x,y,label");
  CHECK_THROWS_WITH(parsePoints("1e400,0,1\n1,2,0\n"), "points: line 1 \"1e400,0,1\": expected three finite numbers x,y,label");
  CHECK_THROWS_WITH(parsePoints("x,-Inf,1\n1,2,0\n"), "points: line 1 \"x,-Inf,1\": expected three finite numbers x,y,label");
  const std::vector<Point> p = parsePoints("x,y,label\n1,2,0\n");  // a real header still works
  REQUIRE(p.size() == 1);
  CHECK(p[0].x == 1);
}

TEST_CASE("model import refuses labels the network cannot hold and more points than allowed", "[nn][hardening]") {
  Trainer three(parseConfigText(kThreeClass));
  json model;
  three.save(model);
  for (double label : {7.0, -1.0, 1e9, 0.5}) {
    CAPTURE(label);
    json bad = model;
    bad["data"]["train"][0][2] = label;
    // label 7 once wrote past the one-hot target; -1 and 1e9 trapped in wasm and aborted natively
    CHECK_THROWS_WITH(Trainer::load(bad), Catch::StartsWith("model: \"data.train[0]\": label ") &&
                                              Catch::EndsWith(" on a 3-class data set; allowed: an integer from 0 to 2"));
  }
  Trainer two(parseConfigText(kTwoClass));
  json bm;
  two.save(bm);
  for (double label : {0.5, 3.0}) {
    json bad = bm;
    bad["data"]["test"][1][2] = label;
    CHECK_THROWS_WITH(Trainer::load(bad), Catch::EndsWith("on a two-class data set; allowed: 0 or 1"));
  }
  json many = bm;
  many["data"]["train"] = json::array();
  for (int i = 0; i < 200'000; ++i) many["data"]["train"].push_back({0.0, 0.0, 1.0});
  CHECK_THROWS_WITH(Trainer::load(many), "model: \"data.train\" has 200000 points; allowed: at most 100000 in all");
}

TEST_CASE("step and epoch counters are 64-bit and refuse what JavaScript cannot hold", "[nn][hardening]") {
  Trainer t(parseConfigText(kTwoClass));
  json m;
  t.save(m);
  m["step"] = 2147483647;  // INT32_MAX: two more steps once wrapped to -2147483647 in wasm
  m["epoch"] = 1'000'000'000'000'000LL;  // 1e15 once exported as -1530494976
  auto loaded = Trainer::load(m);
  loaded->step(Granularity::Sample, 2);
  CHECK(loaded->stepCount() == 2147483649LL);
  json again;
  loaded->save(again);
  CHECK(again["step"].get<std::int64_t>() == 2147483649LL);
  CHECK(again["epoch"].get<std::int64_t>() >= 1'000'000'000'000'000LL);
  m["step"] = (std::int64_t{1} << 53) + 1;
  CHECK_THROWS_WITH(Trainer::load(m), "model: \"step\" is 9007199254740993; expected an integer from 0 to 2^53 (9007199254740992)");
  m["step"] = 1e15;  // a float is not a count
  CHECK_THROWS_WITH(Trainer::load(m), Catch::StartsWith("model: \"step\" is 1e+15; expected an integer"));
}

TEST_CASE("portable sin and cos of huge arguments stay in [-1, 1] without undefined behaviour", "[nn][hardening]") {
  // |y| = 5.8e27 with the sin feature once cast -1.1e100 ... to long (UB; garbage natively)
  for (double x : {5.8e27, -5.8e27, 1e100, -1e300, 1.7976931348623157e308, 1073741825.0, 9.007199254740993e15}) {
    CAPTURE(x);
    const double s = portableSin(x), c = portableCos(x);
    CHECK(std::abs(s) <= 1);
    CHECK(std::abs(c) <= 1);
    CHECK_THAT(s * s + c * c, Catch::Matchers::WithinAbs(1.0, 1e-15));
    // the stated convention: the argument reduced exactly modulo the double nearest 2 pi first
    const double r = std::fmod(x, 6.28318530717958647692);
    CHECK_THAT(s, Catch::Matchers::WithinAbs(std::sin(r), 2e-15));
  }
  // below 2^30 nothing changed: still the accurate reduction
  CHECK_THAT(portableSin(1e6), Catch::Matchers::WithinAbs(std::sin(1e6), 1e-12));
  Trainer t(parseConfigText(R"({"features":["sinx","siny"],"layers":[2,2,1],"dataset":{"name":"xor","n":10}})"));
  t.addPoint({1e27, -5.8e27, 1}, false);
  mc::Matrix pts(2, 1), out;
  pts << 3e200, -5.8e27;
  t.predict(pts, out);
  CHECK(std::isfinite(out(0, 0)));
}
