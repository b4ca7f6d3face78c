#pragma once
// JSON from outside (configs, models, points, calculator requests, CLI files) enters through
// parseBoundedJson, and text from outside goes back into a message only through cutText / describeJson.
//
// Why: nlohmann's parser and dump() recurse once per nesting level, so 100,000 nested brackets overflow
// the stack (natively SIGSEGV; in WebAssembly a RangeError that escapes every catch and leaves the module
// unusable). The depth is checked by a flat scan BEFORE parsing. A message that echoes a 10 MB field name
// or value is cut to kMaxEchoChars, so errors stay readable and cheap.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <stdexcept>
#include <string>

namespace mc {

constexpr int kMaxJsonDepth = 64;               // arrays and objects inside each other
constexpr std::size_t kMaxEchoChars = 80;       // of user text quoted in a message

struct JsonInputError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// The deepest nesting of [ and { in `text`, brackets inside strings not counted; stops counting (and
// returns a value above `limit`) as soon as `limit` is passed. No recursion, one pass.
int jsonNestingDepth(const std::string& text, int limit = kMaxJsonDepth);

// Parses `text`, refusing nesting deeper than kMaxJsonDepth. Every failure is a JsonInputError whose
// message starts with "<what>: " (e.g. "config: not valid JSON: ... number overflow parsing '1e999'").
nlohmann::json parseBoundedJson(const std::string& text, const std::string& what);

// `text` itself when it has at most `max` characters, else its first `max` characters (never splitting a
// UTF-8 sequence) + "... (N characters)".
std::string cutText(const std::string& text, std::size_t max = kMaxEchoChars);

// Compact JSON text of a value for a message, at most kMaxEchoChars characters ("..." at the end when
// cut), written without dumping the whole value: a 10 MB array costs as much as a short one.
std::string describeJson(const nlohmann::json& value);

}  // namespace mc
