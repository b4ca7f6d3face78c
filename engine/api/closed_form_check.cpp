#include "api/closed_form_check.hpp"

#include "core/bounded_json.hpp"
#include "expr/calculator.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace mc::api {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxDefinitions = 16;

[[noreturn]] void bad(const std::string& what) {
  throw std::invalid_argument("request: closedForm " + what +
                              "; write {\"text\": \"<the closed form in the language>\", \"definitions\": [\"m = z > 0\"]}");
}

json shapeOf(const json& matrix) { return {{"rows", matrix.at("rows")}, {"cols", matrix.at("cols")}}; }

// The name a definition "m = z > 0" defines, or "" when it does not start with one.
std::string definedName(const std::string& text) {
  std::size_t i = text.find_first_not_of(" \t");
  const std::size_t start = i;
  if (i == std::string::npos || !(std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '_')) return "";
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
  const std::size_t end = i;
  i = text.find_first_not_of(" \t", i);
  if (i == std::string::npos || text[i] != '=' || (i + 1 < text.size() && text[i + 1] == '=')) return "";
  return text.substr(start, end - start);
}

// What line `line` (1-based) of the evaluated source is: the program's lines, then one line per
// definition, then the closed form's text (each is one line).
std::string partAt(std::int64_t line, std::int64_t programLines, std::int64_t definitions) {
  if (line <= programLines) return "the program";
  if (line <= programLines + definitions) return "definition " + std::to_string(line - programLines);
  return "the closed form's text";
}

// The calculator's value of `output` in `source` at the request's point (values, if any).
json evaluate(const json& request, const std::string& source, const std::string& output) {
  json r = {{"source", source}, {"mode", "auto"}, {"check", false}, {"graph", false}, {"symbolic", false}};
  if (!output.empty()) r["output"] = output;
  if (request.contains("values")) r["values"] = request["values"];
  return json::parse(expr::calculateText(r.dump(-1, ' ', false, json::error_handler_t::replace)));
}

}  // namespace

json checkClosedForm(const json& request, const json& spec, const json& answer) {
  if (!spec.is_object()) bad("must be an object");
  for (const auto& item : spec.items()) {
    if (item.key() != "text" && item.key() != "definitions") bad("has an unknown field '" + cutText(item.key()) + "'");
  }
  if (!spec.contains("text") || !spec["text"].is_string()) bad("needs 'text', a string");
  const std::string text = spec["text"].get<std::string>();
  if (text.find('\n') != std::string::npos) bad("'text' must be one line");
  std::vector<std::string> definitions;
  if (spec.contains("definitions")) {
    const json& d = spec["definitions"];
    if (!d.is_array() || d.size() > kMaxDefinitions) bad("'definitions' must be a list of at most 16 lines");
    for (const json& line : d) {
      if (!line.is_string()) bad("'definitions' must be a list of lines (strings)");
      definitions.push_back(line.get<std::string>());
      if (definitions.back().find('\n') != std::string::npos) {
        bad("definition " + std::to_string(definitions.size()) + " must be one line");
      }
      if (definedName(definitions.back()).empty()) {
        bad("definition " + std::to_string(definitions.size()) + " ('" + cutText(definitions.back()) +
            "') does not define a name");
      }
    }
  }
  if (!answer.contains("derivative") || answer["derivative"].is_null()) {
    throw std::invalid_argument(
        "request: closedForm needs a derivative to compare with, and the program declares no variable; "
        "declare one, e.g. x: scalar = 2");
  }

  json out = {{"text", text}, {"tolerance", kClosedFormTolerance}, {"passed", false}};
  std::string source = request.at("source").get<std::string>();
  const auto programLines = static_cast<std::int64_t>(std::count(source.begin(), source.end(), '\n')) + 1;
  for (const std::string& line : definitions) source += "\n" + line;
  source += "\n" + text;

  // The definitions' values at the point (the lessons show the mask m of "m = z > 0" and what it came from).
  json shown = json::array();
  for (const std::string& line : definitions) {
    const std::string name = definedName(line);
    const json v = evaluate(request, source, name);
    if (v.contains("error")) break;  // reported below, by the closed form's own evaluation
    shown.push_back({{"name", name}, {"text", line}, {"value", v["output"]["value"]}});
  }
  out["definitions"] = shown;

  const json closed = evaluate(request, source, "");
  if (closed.contains("error")) {
    out["error"] = closed["error"];
    out["why"] = "the closed form could not be evaluated: " + closed["error"].get<std::string>();
    // The position counts the lines of the program, then the definitions, then the text: name the part.
    const json& line = closed.contains("position") ? closed["position"]["line"] : json();
    if (line.is_number_integer()) {
      out["why"] = out["why"].get<std::string>() + " (line " + line.dump() + " is " +
                   partAt(line.get<std::int64_t>(), programLines, static_cast<std::int64_t>(definitions.size())) + ")";
    }
    return out;
  }
  const json& engine = answer["derivative"]["jacobian"];
  const json& value = closed["output"]["value"];
  out["value"] = value;
  out["shape"] = shapeOf(value);
  out["jacobianShape"] = shapeOf(engine);
  if (engine["rows"] != value["rows"] || engine["cols"] != value["cols"]) {
    out["maxDifference"] = nullptr;
    out["why"] = "shapes differ: the engine's Jacobian is " + engine["rows"].dump() + " x " + engine["cols"].dump() +
                 ", the closed form " + value["rows"].dump() + " x " + value["cols"].dump();
    return out;
  }
  double maxDifference = 0;
  bool agree = true;
  bool finite = true;
  for (std::size_t r = 0; r < engine["data"].size(); ++r) {
    for (std::size_t c = 0; c < engine["data"][r].size(); ++c) {
      const json& a = engine["data"][r][c];
      const json& b = value["data"][r][c];
      if (!a.is_number() || !b.is_number()) {  // a non-finite entry (written null) agrees with nothing
        agree = finite = false;
        continue;
      }
      const double d = std::abs(a.get<double>() - b.get<double>());
      maxDifference = std::max(maxDifference, d);
      if (!(d <= kClosedFormTolerance * std::max(1.0, std::abs(b.get<double>())))) agree = false;
    }
  }
  out["maxDifference"] = maxDifference;
  out["passed"] = agree;
  out["why"] = agree ? "" : !finite ? "an entry is not a finite number" : "entries differ";
  return out;
}

}  // namespace mc::api
