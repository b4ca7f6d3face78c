// JSON from outside: nesting is bounded before parsing (nlohmann recurses once per level), parse errors
// carry our prefix, and text echoed into a message is cut. Expected values are counted by hand.
#include "core/bounded_json.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

using namespace mc;

TEST_CASE("the nesting scan counts brackets outside strings and stops past the limit", "[core][json]") {
  CHECK(jsonNestingDepth("{}") == 1);
  CHECK(jsonNestingDepth("[[1],[[2]]]") == 3);
  CHECK(jsonNestingDepth(R"({"a":"[[[[","b":[1]})") == 2);        // brackets inside a string do not count
  CHECK(jsonNestingDepth(R"(["\"[[[", [2]])") == 2);             // nor after an escaped quote
  CHECK(jsonNestingDepth("3") == 0);
  const std::string deep(1'000'000, '[');
  CHECK(jsonNestingDepth(deep) == kMaxJsonDepth + 1);  // stopped counting as soon as the limit was passed
}

TEST_CASE("parseBoundedJson refuses deep nesting with a message and prefixes nlohmann's errors", "[core][json]") {
  const std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  CHECK(parseBoundedJson(ok, "config").is_array());
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  CHECK_THROWS_WITH(parseBoundedJson(deep, "config"),
                    "config: JSON nested more than 64 levels deep (arrays and objects inside each other); allowed: at most 64");
  CHECK_THROWS_AS(parseBoundedJson(deep, "config"), JsonInputError);
  // nlohmann reports a number overflow as out_of_range, not parse_error: it once arrived without our prefix
  CHECK_THROWS_WITH(parseBoundedJson("[1e999]", "model"), "model: not valid JSON: [json.exception.out_of_range.406] number overflow parsing '1e999'");
  CHECK_THROWS_WITH(parseBoundedJson("{", "points"), Catch::StartsWith("points: not valid JSON: [json.exception.parse_error.101]"));
  // a bad token of a million characters is not echoed in full
  const std::string longToken = "[" + std::string(1'000'000, 'z') + "]";
  try {
    parseBoundedJson(longToken, "config");
    FAIL("no error");
  } catch (const JsonInputError& e) {
    CHECK(std::string(e.what()).size() < 300);
  }
}

TEST_CASE("cutText and describeJson keep messages short", "[core][json]") {
  CHECK(cutText("short") == "short");
  CHECK(cutText(std::string(100, 'a')) == std::string(80, 'a') + "... (100 characters)");
  // a two-byte UTF-8 letter straddling the cut is not split: 79 'a' then "é" (bytes 79 and 80)
  CHECK(cutText(std::string(79, 'a') + "\xC3\xA9" + std::string(30, 'b')) == std::string(79, 'a') + "... (111 characters)");
  CHECK(describeJson(nlohmann::json::parse(R"([1,"x",{"k":null}])")) == R"([1,"x",{"k":null}])");
  nlohmann::json huge = nlohmann::json::array();
  for (int i = 0; i < 1'000'000; ++i) huge.push_back(i);
  const std::string d = describeJson(huge);
  CHECK(d.size() == 80);
  CHECK(d.substr(0, 10) == "[0,1,2,3,4");
  CHECK(d.substr(77) == "...");
}
