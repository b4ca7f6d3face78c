// The calculator facade's closedForm: a closed form written in the language, compared by the engine
// with its own derivative (the lessons' "the paper's formula beside the engine" comparison). Expected
// numbers are hand calculations of the paper's formulas at the stated points.
#include "api/calculator.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using nlohmann::json;

namespace {

json ask(const json& request) { return json::parse(mc::api::calculate(request.dump())); }

// Section 3's f(x, y) = 3x^2 y: the gradient [6xy, 3x^2] (numerator layout: a row), at x = 2, y = 3.
const char* kPartials = "x: scalar = 2\ny: scalar = 3\nf = 3x^2 y";

}  // namespace

TEST_CASE("closedForm: the paper's gradient of 3x^2 y agrees with the engine, shapes as numbers", "[calc][closedForm]") {
  const json r = ask({{"source", kPartials}, {"wrt", {"x", "y"}}, {"graph", false},
                      {"closedForm", {{"text", "[6x y, 3x^2]'"}}}});
  REQUIRE_FALSE(r.contains("error"));
  const json& c = r["closedForm"];
  CHECK(c["passed"] == true);
  CHECK(c["why"] == "");
  CHECK(c["shape"] == json({{"rows", 1}, {"cols", 2}}));
  CHECK(c["jacobianShape"] == json({{"rows", 1}, {"cols", 2}}));
  CHECK(c["value"]["data"] == json({{36.0, 12.0}}));  // 6 * 2 * 3, 3 * 2^2
  CHECK(c["maxDifference"].get<double>() <= 1e-12);
  CHECK(c["tolerance"] == 1e-9);
  CHECK(r["derivative"]["jacobian"]["data"] == json({{36.0, 12.0}}));  // the rest of the answer is there
}

TEST_CASE("closedForm: a wrong closed form is refused by the engine with its largest difference", "[calc][closedForm]") {
  // 3x instead of 3x^2: the second entry is 6, not 12.
  const json c = ask({{"source", kPartials}, {"wrt", {"x", "y"}}, {"graph", false},
                      {"closedForm", {{"text", "[6x y, 3x]'"}}}})["closedForm"];
  CHECK(c["passed"] == false);
  CHECK(c["why"] == "entries differ");
  CHECK_THAT(c["maxDifference"].get<double>(), Catch::Matchers::WithinAbs(6.0, 1e-12));

  // A column where the Jacobian is a row: the shapes are named.
  const json s = ask({{"source", kPartials}, {"wrt", {"x", "y"}}, {"graph", false},
                      {"closedForm", {{"text", "[6x y, 3x^2]"}}}})["closedForm"];
  CHECK(s["passed"] == false);
  CHECK(s["why"] == "shapes differ: the engine's Jacobian is 1 x 2, the closed form 2 x 1");
}

TEST_CASE("closedForm: the ReLU mask is a definition the engine evaluates (m = z > 0)", "[calc][closedForm]") {
  // Section 5's neuron max(0, w . x + b): the gradient by w is m x' with m = 1 where z > 0, else 0.
  for (const auto& [b, mask, gradient] : {std::tuple{-3.0, 0.0, json({{0.0, 0.0}})},   // z = 2 - 1 - 3 = -2
                                          std::tuple{1.0, 1.0, json({{2.0, 1.0}})}}) {  // z = 2: x' = [2, 1]
    CAPTURE(b);
    const std::string source = "w: vec(2) = [1, -1]\nx: vec(2) = [2, 1]\nb: scalar = " + std::to_string(b) +
                               "\nz = w . x + b\na = max(0, z)";
    const json c = ask({{"source", source}, {"output", "a"}, {"wrt", "w"}, {"graph", false},
                        {"closedForm", {{"text", "m * x'"}, {"definitions", {"m = z > 0"}}}}})["closedForm"];
    CHECK(c["passed"] == true);
    REQUIRE(c["definitions"].size() == 1);
    CHECK(c["definitions"][0]["name"] == "m");
    CHECK(c["definitions"][0]["text"] == "m = z > 0");
    CHECK(c["definitions"][0]["value"]["data"][0][0] == mask);
    CHECK(c["value"]["data"] == gradient);
  }
}

TEST_CASE("closedForm: bad closed forms and bad fields are clear messages, the calculator keeps working", "[calc][closedForm]") {
  const json broken = ask({{"source", kPartials}, {"wrt", "x"}, {"graph", false}, {"closedForm", {{"text", "6x +* y"}}}});
  CHECK(broken["closedForm"]["passed"] == false);
  CHECK(broken["closedForm"]["error"].get<std::string>().find("expected an expression") != std::string::npos);
  CHECK(broken["derivative"]["jacobian"]["data"] == json({{36.0}}));
  // The error's line counts the program's 3 lines, then the definitions, then the text.
  CHECK(broken["closedForm"]["why"].get<std::string>().find("(line 4 is the closed form's text)") != std::string::npos);
  const json badDefinition = ask({{"source", kPartials}, {"wrt", "x"}, {"closedForm", {{"text", "m"}, {"definitions", {"m = q + 1"}}}}});
  CHECK(badDefinition["closedForm"]["why"] ==
        "the closed form could not be evaluated: unknown name 'q' at 4:5; declared: x, y, f (line 4 is definition 1)");
  const json twoLines = ask({{"source", kPartials}, {"wrt", "x"}, {"closedForm", {{"text", "6x y\n1"}}}});
  CHECK(twoLines["error"].get<std::string>().rfind("request: closedForm 'text' must be one line; write", 0) == 0);

  const json notObject = ask({{"source", kPartials}, {"closedForm", 5}});
  CHECK(notObject["error"].get<std::string>().rfind("request: closedForm must be an object; write {\"text\"", 0) == 0);
  const json unknown = ask({{"source", kPartials}, {"closedForm", {{"txt", "6x y"}}}});
  CHECK(unknown["error"].get<std::string>().find("unknown field 'txt'") != std::string::npos);
  const json noText = ask({{"source", kPartials}, {"closedForm", {{"definitions", {"m = 1"}}}}});
  CHECK(noText["error"].get<std::string>().find("needs 'text', a string") != std::string::npos);
  // A definition must define a name (the mask is written m = z > 0, not z > 0).
  const json notDefinition = ask({{"source", kPartials}, {"wrt", "x"}, {"closedForm", {{"text", "m"}, {"definitions", {"m = 1", "x > 0"}}}}});
  CHECK(notDefinition["error"] ==
        "request: closedForm definition 2 ('x > 0') does not define a name; write {\"text\": \"<the closed form in the "
        "language>\", \"definitions\": [\"m = z > 0\"]}");
  const json equality = ask({{"source", kPartials}, {"wrt", "x"}, {"closedForm", {{"text", "m"}, {"definitions", {"m == 1"}}}}});
  CHECK(equality["error"].get<std::string>().find("definition 1 ('m == 1') does not define a name") != std::string::npos);
  // Nothing to differentiate: the message says what to declare.
  const json constant = ask({{"source", "2 + 3"}, {"closedForm", {{"text", "0"}}}});
  CHECK(constant["error"] == "request: closedForm needs a derivative to compare with, and the program declares no "
                             "variable; declare one, e.g. x: scalar = 2");
  // A program error keeps its position, as without closedForm.
  const json program = ask({{"source", "x: scalar = 2\nx +* 2"}, {"closedForm", {{"text", "1"}}}});
  CHECK(program["position"]["line"] == 2);

  CHECK(ask({{"source", kPartials}, {"wrt", "x"}, {"graph", false}})["derivative"]["jacobian"]["data"] == json({{36.0}}));
}
