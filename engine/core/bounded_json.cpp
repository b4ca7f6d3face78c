#include "core/bounded_json.hpp"

#include <nlohmann/json.hpp>

namespace mc {

int jsonNestingDepth(const std::string& text, int limit) {
  int depth = 0, deepest = 0;
  bool inString = false, escaped = false;
  for (const char ch : text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (ch == '\\') escaped = true;
      else if (ch == '"') inString = false;
      continue;
    }
    if (ch == '"') {
      inString = true;
    } else if (ch == '[' || ch == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if ((ch == ']' || ch == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

nlohmann::json parseBoundedJson(const std::string& text, const std::string& what) {
  if (jsonNestingDepth(text) > kMaxJsonDepth) {
    throw JsonInputError(what + ": JSON nested more than " + std::to_string(kMaxJsonDepth) +
                         " levels deep (arrays and objects inside each other); allowed: at most " +
                         std::to_string(kMaxJsonDepth));
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for "1e999"
    throw JsonInputError(what + ": not valid JSON: " + cutText(e.what(), 3 * kMaxEchoChars));
  }
}

std::string cutText(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  // back up to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx)
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "... (" + std::to_string(text.size()) + " characters)";
}

namespace {
// Compact JSON of `v`, stopping once `out` is longer than `max` (so a huge value costs only ~max steps)
// and below `depthLeft` levels; recursion is bounded by that depth, not by the value.
void writeBounded(const nlohmann::json& v, std::string& out, std::size_t max, int depthLeft) {
  if (out.size() > max) return;
  if (v.is_string()) {
    out += nlohmann::json(cutText(v.get_ref<const std::string&>(), max)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else if (!v.is_structured()) {
    out += v.dump();
  } else if (depthLeft == 0) {
    out += v.is_array() ? "[...]" : "{...}";
  } else {
    out += v.is_array() ? '[' : '{';
    bool first = true;
    for (auto it = v.begin(); it != v.end() && out.size() <= max; ++it) {
      if (!first) out += ',';
      first = false;
      if (v.is_object()) out += nlohmann::json(cutText(it.key(), max)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + ':';
      writeBounded(*it, out, max, depthLeft - 1);
    }
    out += v.is_array() ? ']' : '}';
  }
}
}  // namespace

std::string describeJson(const nlohmann::json& value) {
  std::string out;
  writeBounded(value, out, kMaxEchoChars, 8);
  if (out.size() <= kMaxEchoChars) return out;
  std::size_t end = kMaxEchoChars - 3;
  while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) --end;
  return out.substr(0, end) + "...";
}

}  // namespace mc
