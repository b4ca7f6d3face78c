#include "expr/calculator_request.hpp"

#include "autodiff/fd_check.hpp"
#include "core/bounded_json.hpp"
#include "expr/calculator.hpp"
#include "expr/compiler.hpp"
#include "expr/parser.hpp"
#include "expr/printer.hpp"
#include "expr/source.hpp"

#include <nlohmann/json.hpp>

namespace mc::expr {

using nlohmann::json;

void badRequest(const std::string& what) { throw std::invalid_argument("request: " + what); }

namespace {

[[noreturn]] void bad(const std::string& what) { badRequest(what); }

Matrix valueFromJson(const std::string& name, const json& v) {
  const std::string field = "values." + cutText(name);
  auto number = [&](const json& x) {
    if (!x.is_number()) bad(field + " must be a number, a list of numbers or a list of rows of numbers");
    return x.get<double>();
  };
  if (v.is_number()) return Matrix::Constant(1, 1, number(v));
  if (!v.is_array() || v.empty()) bad(field + " must be a number, a list of numbers or a list of rows of numbers");
  if (v.size() > static_cast<std::size_t>(kMaxDeclaredEntries)) bad(field + " has too many entries");
  if (!v[0].is_array()) {
    Matrix m(static_cast<Index>(v.size()), 1);
    for (std::size_t i = 0; i < v.size(); ++i) m(static_cast<Index>(i), 0) = number(v[i]);
    return m;
  }
  const std::size_t cols = v[0].size();
  if (cols == 0 || cols * v.size() > static_cast<std::size_t>(kMaxDeclaredEntries)) {
    bad(field + " must have between 1 and " + std::to_string(kMaxDeclaredEntries) + " entries");
  }
  Matrix m(static_cast<Index>(v.size()), static_cast<Index>(cols));
  for (std::size_t r = 0; r < v.size(); ++r) {
    if (!v[r].is_array() || v[r].size() != cols) {
      bad(field + ": row " + std::to_string(r + 1) + " must be a list of " + std::to_string(cols) + " numbers");
    }
    for (std::size_t c = 0; c < cols; ++c) m(static_cast<Index>(r), static_cast<Index>(c)) = number(v[r][c]);
  }
  return m;
}

}  // namespace

CalculatorRequest readRequest(const json& j) {
  if (!j.is_object()) bad("expected a JSON object such as {\"source\": \"x: scalar = 2\\nx^2\"}");
  static const char* kFields[] = {"check", "graph", "hessian", "mode", "output", "source", "step", "symbolic", "trace", "traceEntry", "values", "wrt"};
  for (const auto& item : j.items()) {
    bool known = false;
    for (const char* f : kFields) known |= item.key() == f;
    if (!known) {
      std::string allowed;
      for (const char* f : kFields) allowed += (allowed.empty() ? "" : ", ") + std::string(f);
      bad("unknown field '" + cutText(item.key()) + "'; allowed: " + allowed);
    }
  }
  CalculatorRequest r;
  const auto text = [&](const char* key, std::string& into) {
    if (!j.contains(key)) return false;
    if (!j[key].is_string()) bad(std::string("'") + key + "' must be a string");
    into = j[key].get<std::string>();
    return true;
  };
  const auto flag = [&](const char* key, bool& into) {
    if (!j.contains(key)) return;
    if (!j[key].is_boolean()) bad(std::string("'") + key + "' must be true or false");
    into = j[key].get<bool>();
  };
  if (!text("source", r.source)) bad("'source' (the program text) is missing");
  if (r.source.size() > static_cast<std::size_t>(kMaxSourceLength)) {
    bad("'source' is " + std::to_string(r.source.size()) + " bytes; at most " + std::to_string(kMaxSourceLength));
  }
  r.hasOutput = text("output", r.output);
  if (j.contains("wrt")) {  // one name, or several: the Jacobian's columns for each, side by side
    r.hasWrt = true;
    const json& w = j["wrt"];
    if (w.is_string()) {
      r.wrt.push_back(w.get<std::string>());
    } else if (w.is_array() && !w.empty() && w.size() <= 64) {
      for (const json& name : w) {
        if (!name.is_string()) bad("'wrt' must be a variable name or a list of names");
        r.wrt.push_back(name.get<std::string>());
      }
    } else {
      bad("'wrt' must be a variable name or a list of names");
    }
  }
  text("mode", r.mode);
  if (r.mode != "both" && r.mode != "auto" && r.mode != "reverse" && r.mode != "forward") {
    bad("'mode' must be \"both\", \"auto\", \"reverse\" or \"forward\", not \"" + r.mode + "\"");
  }
  flag("check", r.check);
  flag("graph", r.graph);
  flag("trace", r.trace);
  flag("symbolic", r.symbolic);
  flag("hessian", r.hessian);
  if (j.contains("traceEntry")) {
    const json& e = j["traceEntry"];
    if (!e.is_number_integer() || e.get<long long>() < 0 || e.get<long long>() >= kMaxEntries) {
      bad("'traceEntry' must be a whole number from 0, the index of an output entry (column by column)");
    }
    r.traceEntry = static_cast<Index>(e.get<long long>());
  }
  if (j.contains("step")) {
    if (!j["step"].is_number()) bad("'step' must be a number");
    r.step = j["step"].get<double>();
    // Below kFdMinStep the rounding noise of central differences (about 1e-16 |f| / h) nears the check's
    // tolerance and a correct derivative would be reported wrong (autodiff/fd_check.hpp).
    if (!(r.step >= kFdMinStep && r.step <= 0.1)) bad("'step' must be in [1e-07, 0.1], not " + formatNumber(r.step));
  }
  if (j.contains("values")) {
    if (!j["values"].is_object()) bad("'values' must be an object such as {\"x\": [1, 2]}");
    for (const auto& item : j["values"].items()) r.values[item.key()] = valueFromJson(item.key(), item.value());
  }
  return r;
}

}  // namespace mc::expr
