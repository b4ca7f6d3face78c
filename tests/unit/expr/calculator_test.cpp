// The calculator's JSON: the derivative with its layout, both modes, the finite-difference check, the
// tape graph, and clear errors for malformed requests.
#include "autodiff/fd_check.hpp"
#include "expr_support.hpp"

#include "core/rules.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace mc;
using namespace mc::test;

namespace {
json text(const std::string& request) { return json::parse(mc::expr::calculateText(request)); }
}  // namespace

TEST_CASE("the tape graph names each node's op, source text, inputs, shape, value and rule", "[expr][calculator]") {
  json r = calc("w: vec(2) = [1, -2]\nx: vec(2) = [3, 1]\nb: scalar = 0.5\nz = w.x + b\nmax(0, z)");
  const json& nodes = r["graph"]["nodes"];
  REQUIRE(nodes.size() == 6);
  struct Expected {
    const char* op;
    const char* source;
    json inputs;
    const char* rule;
    double value;  // the first entry
  };
  const Expected expected[] = {
      {"variable", "w", json::array(), "leaf", 1},
      {"variable", "x", json::array(), "leaf", 3},
      {"variable", "b", json::array(), "leaf", 0.5},
      {"dot", "w.x", {0, 1}, "dot-product", 1 * 3 - 2 * 1},
      {"add", "w.x + b", {3, 2}, "elementwise-binary", 1.5},
      {"relu", "max(0, z)", {4}, "relu", 1.5},
  };
  for (std::size_t i = 0; i < 6; ++i) {
    CAPTURE(i);
    CHECK(nodes[i]["id"] == i);
    CHECK(nodes[i]["op"] == expected[i].op);
    CHECK(nodes[i]["source"] == expected[i].source);
    CHECK(nodes[i]["inputs"] == expected[i].inputs);
    CHECK(nodes[i]["rule"]["id"] == expected[i].rule);
    CHECK(nodes[i]["value"]["data"][0][0] == expected[i].value);
    CHECK(nodes[i]["reachesRoot"] == true);
  }
  CHECK(nodes[4]["label"] == "z");  // the defined name
  CHECK(nodes[0]["shape"] == "2x1");
  CHECK(nodes[3]["shape"] == "1x1");
  CHECK(nodes[3]["rule"]["paperItem"] == 10);
  CHECK(r["graph"]["output"] == 5);
  CHECK(r["graph"]["wrt"] == 0);  // the first variable the output depends on
}

TEST_CASE("reverse and forward mode agree and the cheaper one is named", "[expr][calculator]") {
  // 1 output entry, 3 input entries: reverse (1 pass) is cheaper than forward (3 sweeps)
  json scalarOut = calc("x: vec(3) = [1, 2, 3]\nsum(sin(x))");
  CHECK(scalarOut["modes"]["cheaper"] == "reverse");
  CHECK(scalarOut["modes"]["reversePasses"] == 1);
  CHECK(scalarOut["modes"]["forwardPasses"] == 3);
  CHECK(scalarOut["modes"]["agree"] == true);
  CHECK(toMatrix(scalarOut["modes"]["reverse"]) == toMatrix(scalarOut["modes"]["forward"]));
  // 3 output entries, 1 input entry: forward is cheaper
  json vectorOut = calc("t: scalar = 0.5\n[sin(t), cos(t), t^2]");
  CHECK(vectorOut["modes"]["cheaper"] == "forward");
  CHECK(vectorOut["derivative"]["mode"] == "forward");
  checkClose(derivativeOf(vectorOut), col({std::cos(0.5), -std::sin(0.5), 1.0}));
  // only the cheaper one when asked for "auto"; exactly the one asked for otherwise
  json autoMode = calc("x: vec(3) = [1, 2, 3]\nsum(x^2)", {{"mode", "auto"}});
  CHECK(autoMode["modes"].contains("reverse"));
  CHECK_FALSE(autoMode["modes"].contains("forward"));
  json forwardMode = calc("x: vec(3) = [1, 2, 3]\nsum(x^2)", {{"mode", "forward"}});
  CHECK(forwardMode["derivative"]["mode"] == "forward");
  checkClose(derivativeOf(forwardMode), col({2, 4, 6}));
}

TEST_CASE("the finite-difference check reports its step, errors and worst entry", "[expr][calculator]") {
  json r = calc("x: vec(2) = [0.3, 2]\nexp(x) * sin(x)", {{"step", 1e-5}});
  const json& c = r["check"];
  CHECK(c["step"] == 1e-5);
  CHECK(c["passed"] == true);
  CHECK(c["maxAbsError"].get<double>() < 1e-8);
  CHECK(c["worst"]["row"].get<int>() >= 0);
  // at a kink the one-sided slopes differ: the check says so instead of hiding it
  json kink = calc("x: scalar = 0\nrelu(x)");
  CHECK(kink["check"]["passed"] == false);
  CHECK(kink["derivative"]["value"]["data"][0][0] == 0.0);  // the paper's convention: 0 where z <= 0
  CHECK(kink["check"]["numeric"]["data"][0][0] == 0.5);     // (relu(h) - relu(-h)) / 2h
  json relu = calc("x: scalar = 0.5\nrelu(x - 0.5 + 1e-3)");
  CHECK(relu["check"]["passed"] == true);
}

TEST_CASE("the calculator judges its check by the engine's one rule, and names a kink", "[expr][calculator][fd]") {
  const json r = calc("x: vec(2) = [0.3, 2]\nexp(x) * sin(x)");
  const json& c = r["check"];
  CHECK(c["tolerance"] == mc::kFdTolerance);
  CHECK(c["relFloor"] == mc::kFdRelFloor);
  CHECK(c["passed"] == mc::fdPassed(c["maxRelError"].get<double>()));
  CHECK(c["passed"] == true);
  CHECK(c["nearKink"] == false);
  CHECK(c["status"] == "passed");
  // relu at 0: the engine's 0 against the differences' 0.5 fails the rule, and the answer says why
  const json kink = calc("x: scalar = 0\nrelu(x)");
  CHECK(kink["check"]["passed"] == false);
  CHECK(kink["check"]["nearKink"] == true);
  CHECK(kink["check"]["status"] == "kink");
  CHECK(kink["check"]["note"].get<std::string>().find("kink: relu's argument is 0") != std::string::npos);
  // a step of 1e-3 straddles a kink 5e-3 away (reach 10 h = 1e-2); the default step does not
  CHECK(calc("x: scalar = 0.005\nabs(x)", {{"step", 1e-3}})["check"]["nearKink"] == true);
  CHECK(calc("x: scalar = 0.005\nabs(x)")["check"]["nearKink"] == false);
}

TEST_CASE("values from the request replace the declared ones", "[expr][calculator]") {
  json r = calc("x: vec(2) = [1, 2]\nW: mat(2,2)\nW @ x", {{"values", {{"x", {3, 4}}, {"W", {{1, 2}, {3, 4}}}}}, {"wrt", "x"}});
  checkClose(valueOf(r), col({1 * 3 + 2 * 4, 3 * 3 + 4 * 4}));
  Matrix W(2, 2);
  W << 1, 2, 3, 4;
  checkClose(derivativeOf(r), W);  // d(Wx)/dx = W
  CHECK(r["variables"][1]["type"] == "mat(2,2)");
}

TEST_CASE("output and wrt choose among definitions and variables", "[expr][calculator]") {
  const std::string program = "x: scalar = 2\ny: scalar = 5\nu = x^2\nv = u y\n";
  json r = calc(program, {{"output", "u"}, {"wrt", "x"}});
  checkClose(valueOf(r), scalar(4));
  checkClose(derivativeOf(r), scalar(4));  // 2x
  json last = calc(program);  // defaults: the last definition, the first variable it depends on
  CHECK(last["output"]["name"] == "v");
  CHECK(last["derivative"]["wrt"] == "x");
  json yOnly = calc("x: scalar = 2\ny: scalar = 5\n3y");
  CHECK(yOnly["derivative"]["wrt"] == "y");
  CHECK(calc(program, {{"output", "y"}, {"wrt", "y"}})["derivative"]["value"]["data"][0][0] == 1.0);
  CHECK(calc("x: vec(2) = [1, 2]")["derivative"]["kind"] == "jacobian");  // the identity
}

TEST_CASE("non-finite values are reported as null with a warning, not a crash", "[expr][calculator]") {
  json r = calc("x: scalar = -1\nlog(x)");
  CHECK(r["output"]["value"]["data"][0][0].is_null());
  CHECK(r["warnings"].size() >= 1);
}

TEST_CASE("malformed requests give a clear error and never throw from calculateText", "[expr][calculator]") {
  struct Case {
    const char* request;
    const char* error;
  };
  static const Case kCases[] = {
      {"[1, 2]", "request: expected a JSON object such as {\"source\": \"x: scalar = 2\\nx^2\"}"},
      {"null", "request: expected a JSON object such as {\"source\": \"x: scalar = 2\\nx^2\"}"},
      {"{}", "request: 'source' (the program text) is missing"},
      {"{\"source\": 3}", "request: 'source' must be a string"},
      {"{\"source\": \"x: scalar = 1\", \"sauce\": 1}",
       "request: unknown field 'sauce'; allowed: check, graph, hessian, mode, output, source, step, symbolic, trace, traceEntry, values, wrt"},
      {"{\"source\": \"x: scalar = 1\", \"mode\": \"sideways\"}",
       "request: 'mode' must be \"both\", \"auto\", \"reverse\" or \"forward\", not \"sideways\""},
      {"{\"source\": \"x: scalar = 1\", \"check\": \"yes\"}", "request: 'check' must be true or false"},
      {"{\"source\": \"x: scalar = 1\", \"step\": -1}", "request: 'step' must be in [1e-07, 0.1], not -1"},
      {"{\"source\": \"x: scalar = 1\", \"values\": [1]}", "request: 'values' must be an object such as {\"x\": [1, 2]}"},
      {"{\"source\": \"x: scalar = 1\", \"values\": {\"x\": \"two\"}}",
       "request: values.x must be a number, a list of numbers or a list of rows of numbers"},
      {"{\"source\": \"x: scalar = 1\", \"values\": {\"x\": [[1, 2], [3]]}}",
       "request: values.x: row 2 must be a list of 2 numbers"},
      {"{\"source\": \"x: scalar = 1\", \"values\": {\"q\": 1}}", "values: 'q' is not a declared variable; declared: x"},
      {"{\"source\": \"x: vec(2) = [1, 2]\", \"values\": {\"x\": 1}}",
       "values.x is 1x1, but x is declared vec(2) (2x1) at 1"},
      {"{\"source\": \"x: scalar = 1\\nu = 2x\", \"output\": \"g\"}",
       "request: unknown output 'g'; definitions: u; declared: x"},
      {"{\"source\": \"x: scalar = 1\\nu = 2x\", \"wrt\": \"u\"}",
       "request: 'wrt' names 'u', a definition; differentiate with respect to a declared variable: x"},
      {"{\"source\": \"x: scalar = 1\\nu = 2x\", \"wrt\": \"q\"}", "request: unknown variable 'q' in 'wrt'; declared: x"},
      {"{\"source\": \"x: scalar = 1\", \"wrt\": [\"x\", \"x\"]}", "request: 'wrt' names 'x' twice"},
      {"{\"source\": \"x: scalar = 1\", \"wrt\": []}", "request: 'wrt' must be a variable name or a list of names"},
      {"{\"source\": \"x: scalar = 1\", \"wrt\": [1]}", "request: 'wrt' must be a variable name or a list of names"},
      {"{\"source\": \"x: scalar = 1\", \"traceEntry\": -1}",
       "request: 'traceEntry' must be a whole number from 0, the index of an output entry (column by column)"},
      {"{\"source\": \"  # nothing\\n\"}",
       "request: the program is empty: declare variables and write an expression, e.g. x: scalar = 2; x^2"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.request);
    json r;
    REQUIRE_NOTHROW(r = text(c.request));
    CHECK(r["error"] == c.error);
  }
  for (const char* broken : {"", "{", "{\"source\": ", "\xff\xfe", "{\"source\": \"x\" \"y\"}"}) {
    CAPTURE(broken);
    json r;
    REQUIRE_NOTHROW(r = text(broken));
    CHECK(r["error"].get<std::string>().rfind("request: not valid JSON: ", 0) == 0);
  }
}

TEST_CASE("an error in the program text comes with its line and column", "[expr][calculator]") {
  json r = text(R"({"source": "x: scalar = 1\ny = x + q"})");
  CHECK(r["error"] == "unknown name 'q' at 2:9; declared: x");
  CHECK(r["position"]["offset"] == 22);
  CHECK(r["position"]["line"] == 2);
  CHECK(r["position"]["column"] == 9);
}

TEST_CASE("invalid UTF-8 in the program comes back as valid JSON", "[expr][calculator]") {
  const std::string request = "{\"source\": \"x: scalar = 1\\nx + \\u00e9\"}";
  json r = text(request);
  CHECK(r["error"] == "at 2:5: unexpected character byte 0xC3");
}

TEST_CASE("several variables: the Jacobian's columns for each, side by side", "[expr][calculator]") {
  // y = W x + b: dy/dW (2 x 4, W's entries column by column), dy/db = I (2 x 2)
  json r = calc("W: mat(2,2) = [[1, 2], [3, 4]]\nx: vec(2) = [5, -1]\nb: vec(2) = [0.5, 0.25]\nW @ x + b",
                {{"wrt", {"W", "b"}}, {"mode", "both"}});
  CHECK(r["derivative"]["jacobianShape"] == "2x6");
  CHECK(r["derivative"]["columns"][0] == json({{"name", "W"}, {"first", 0}, {"count", 4}, {"shape", "2x2"}}));
  CHECK(r["derivative"]["columns"][1]["first"] == 4);
  Matrix expected = Matrix::Zero(2, 6);
  expected(0, 0) = 5;  // d y1 / d W11 = x1
  expected(1, 1) = 5;  // d y2 / d W21
  expected(0, 2) = -1; // d y1 / d W12 = x2
  expected(1, 3) = -1;
  expected(0, 4) = 1;  // d y / d b = I
  expected(1, 5) = 1;
  checkClose(derivativeOf(r), expected);
  CHECK(r["modes"]["forwardPasses"] == 6);
  CHECK(r["modes"]["agree"] == true);
  CHECK(r["check"]["passed"] == true);
  CHECK(r["graph"]["wrtNodes"] == json::array({0, 2}));
}

TEST_CASE("trace: the backward pass seeded at the chosen output entry", "[expr][calculator]") {
  // y = [x^2, 3x] at x = 2, seeded at entry 1 (3x): the traced root is the stack node, and the seed
  // picks the second entry only.
  json r = mc::expr::calculate({{"source", "x: scalar = 2\n[x^2, 3x]"}, {"trace", true}, {"traceEntry", 1}});
  REQUIRE(r.contains("trace"));
  CHECK(r["trace"]["kind"] == "graph");
  CHECK(r["trace"]["seedEntry"] == 1);
  CHECK(r["trace"]["root"] == r["output"]["node"]);
  const json& backward = r["trace"]["backward"];
  CHECK(backward[0]["upstream"]["data"] == json::array({json::array({0.0}), json::array({1.0})}));
  int found = 0;
  for (const json& b : backward) {
    if (b["id"] == r["graph"]["wrt"]) {  // d(3x)/dx = 3 (the x^2 entry is not seeded)
      CHECK_THAT(b["upstream"]["data"][0][0].get<double>(), Catch::Matchers::WithinAbs(3.0, 1e-15));
      ++found;
    }
  }
  CHECK(found == 1);
  const std::string tooFar = mc::expr::calculateText(
      R"({"source": "x: scalar = 2\n[x^2, 3x]", "trace": true, "traceEntry": 2})");
  CHECK(json::parse(tooFar)["error"] ==
        "request: 'traceEntry' is 2, but [x^2, 3x] has 2 entries (counted from 0, column by column)");
  CHECK_FALSE(calc("x: scalar = 2\nx^2").contains("trace"));  // off by default
}

TEST_CASE("a matrix literal of numbers is one constant node; rows with variables are stacked", "[expr][calculator]") {
  json r = calc("x: vec(2) = [1, 2]\n[[1, 2], [3, 4 + pi]] @ x");
  const json& nodes = r["graph"]["nodes"];
  REQUIRE(nodes.size() == 3);  // x, the constant, the product: no node per row
  CHECK(nodes[1]["op"] == "constant");
  CHECK(nodes[1]["shape"] == "2x2");
  checkClose(valueOf(r), col({1 + 4, 3 + 2 * (4 + 3.141592653589793)}));
  json v = calc("x: scalar = 3\n[[x, 1], [2, x^2]]");  // d/dx is [[1, 0], [0, 2x]], entries column by column
  CHECK(v["output"]["shape"] == "2x2");
  checkClose(derivativeOf(v), col({1, 0, 0, 6}));
}

TEST_CASE("calculator: {functions: true} lists the language's functions with their arity, for the page's help", "[expr][calculator]") {
  const json answer = mc::expr::calculate(json{{"functions", true}});
  const json& list = answer.at("functions");
  std::vector<std::string> names;
  for (const json& f : list) {
    names.push_back(f.at("name").get<std::string>());
    CHECK_FALSE(f.at("summary").get<std::string>().empty());
  }
  CHECK(std::is_sorted(names.begin(), names.end()));
  // a few by hand: an op's function (exp), a binary one (dot), one composed of ops (tr), log's other name
  const auto arityOf = [&](const std::string& name) {
    for (const json& f : list) {
      if (f.at("name") == name) return f.at("arity").get<int>();
    }
    return -1;
  };
  CHECK(arityOf("exp") == 1);
  CHECK(arityOf("dot") == 2);
  CHECK(arityOf("tr") == 1);
  CHECK(arityOf("ln") == 1);
  CHECK(arityOf("ones") == 2);
}
