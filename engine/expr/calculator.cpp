// Request (every field but source optional):
//   source  the program text (parser.hpp), at most kMaxSourceLength bytes
//   output  the name of a definition or declared variable to differentiate; default: the last
//           definition or expression (a program of declarations only: its last variable)
//   wrt     the declared variable, or a list of them (the Jacobian's columns for each, side by side, as
//           the paper's J = [df/dx, df/dy]); default: the first variable the output depends on that is
//           named like a parameter (W1, b, theta: defaults.hpp), else the first it depends on
//   symbolic  the closed form with its steps and checks, default true; hessian: default false
//   mode    "both" (default), "auto" (the cheaper only), "reverse" or "forward"
//   check   finite-difference check, default true; step: its h, default 1e-6
//   values  {"x": 2 | [1, 2] | [[1, 2], [3, 4]]}: values for declared variables (a list is a column,
//           a list of lists is rows)
//   graph   include the tape as a graph, default true
//   trace   include the step-trace view (engine/trace/SCHEMA.md, "kind": "graph") of the backward pass
//           from entry traceEntry (default 0, vec order) of the output, default false
// Answer:
//   schemaVersion, canonical (the program as printer.hpp writes it), variables [{name, type, shape,
//   value, node}], outputs [{name, source, node}], output {name, source, node, shape, value},
//   derivative {of, wrt (a name, or a list when several were asked for), kind: "gradient" |
//     "jacobian", shape, value, layout (in words), mode, jacobian (always the m x n numerator-layout
//     matrix), jacobianShape, columns [{name, first, count}]} (null without variables); the gradient
//     is shaped like its variable, or a column (x's entries, then y's) for several,
//   modes {cheaper, why, reversePasses, forwardPasses, requested, reverse, forward, agree, maxDifference},
//   check {step, method, maxAbsError, maxRelError, relFloor, tolerance, numeric, worst {row, col,
//     analytic, numeric}, passed, nearKink, status ("passed" | "failed" | "kink" | "undefined"), note}
//     (the one rule and its words: autodiff/fd_check.hpp),
//   symbolic (symbolic/answer.hpp) or null with symbolicUnavailable (why), hessian (with "hessian": true),
//   graph {nodes [{id, op, label, source, span, inputs, shape, value, rule, ruleName, missionItem,
//     reachesOutput, param?}], output, wrt (the first variable's node), wrtNodes}, trace?, warnings [text].
// As in the step trace (engine/trace/SCHEMA.md): a matrix is {rows, cols, data} with data the rows of
// numbers, null for a non-finite entry; a shape is text, "2x3". Jacobians are numerator layout with a
// matrix's entries counted column by column (vec).
#include "expr/calculator.hpp"

#include "autodiff/derivatives.hpp"
#include "core/bounded_json.hpp"
#include "expr/compiler.hpp"
#include "expr/defaults.hpp"
#include "expr/parser.hpp"
#include "expr/printer.hpp"
#include "expr/special_values.hpp"
#include "trace/gradient_check.hpp"
#include "trace/graph_trace.hpp"
#include "trace/matrix_json.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace mc::expr {

using nlohmann::json;
using trace::finiteOrNull;  // null for a non-finite number, as the trace writes them
using trace::matrixJson;    // {rows, cols, data}, null for a non-finite entry: the trace's own writer

namespace {

constexpr double kMaxWork = 2e8;         // entries touched, summed over every pass of every sweep
constexpr double kAgreeTolerance = 1e-9;  // reverse vs forward, relative to the largest entry

[[noreturn]] void bad(const std::string& what) { throw std::invalid_argument("request: " + what); }

json shapeJson(const Matrix& m) { return shapeText(m); }  // "2x3", as the trace writes shapes

bool allFinite(const Matrix& m) { return m.allFinite(); }

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

struct Request {
  std::string source;
  std::string output;
  std::vector<std::string> wrt;
  bool hasOutput = false, hasWrt = false;
  std::string mode = "both";
  bool check = true;
  double step = kFdStep;
  bool graph = true;
  bool trace = false;
  bool symbolic = true;
  bool hessian = false;
  Index traceEntry = 0;
  std::map<std::string, Matrix> values;
};

Request readRequest(const json& j) {
  if (!j.is_object()) bad("expected a JSON object such as {\"source\": \"x: scalar = 2\\nx^2\"}");
  static const char* kFields[] = {"check", "graph", "hessian", "mode", "output", "source", "step", "symbolic", "trace", "traceEntry", "values", "wrt"};
  for (const auto& item : j.items()) {
    bool known = false;
    for (const char* f : kFields) known |= item.key() == f;
    if (!known) {
      bad("unknown field '" + cutText(item.key()) +
          "'; allowed: check, graph, hessian, mode, output, source, step, symbolic, trace, traceEntry, values, wrt");
    }
  }
  Request r;
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

// Entries touched by one evaluation of the tape (a matrix product counts its multiply-adds).
double tapeWork(const Tape& tape) {
  double work = 0;
  for (int i = 0; i < tape.size(); ++i) {
    const Node& n = tape.node(i);
    if (n.op == Op::MatMul) {
      const Matrix& a = tape.node(n.a).value;
      work += static_cast<double>(a.rows()) * static_cast<double>(a.cols()) * static_cast<double>(n.value.cols());
    } else {
      work += static_cast<double>(n.value.size());
    }
  }
  return work;
}

std::string names(const std::vector<Binding>& list) {
  std::string out;
  for (const Binding& b : list) out += (out.empty() ? "" : ", ") + b.name;
  return out.empty() ? "none" : out;
}

json nodeJson(const Tape& tape, const Compiled& compiled, const SourceText& src, int id, bool reaches) {
  const Node& n = tape.node(id);
  const OpInfo& info = opInfo(n.op);
  const RuleInfo& rule = ruleInfo(info.rule);
  json inputs = json::array();
  if (n.a >= 0) inputs.push_back(n.a);
  if (n.b >= 0) inputs.push_back(n.b);
  const Span span = compiled.nodeSpans[id];
  json node = {{"id", id},
               {"op", info.name},
               {"label", tape.label(id)},
               {"source", src.slice(span)},
               {"span", json::array({span.begin, span.end})},
               {"inputs", inputs},
               {"shape", shapeJson(n.value)},
               {"value", matrixJson(n.value)},
               {"rule", rule.id},
               {"ruleName", rule.name},
               {"missionItem", rule.missionItem},
               {"reachesOutput", reaches}};
  if (n.op == Op::Pow || n.op == Op::Scale || n.op == Op::AddConst || n.op == Op::LeakyRelu) node["param"] = n.param;
  return node;
}

}  // namespace

json calculate(const json& requestJson, const SymbolicHook& symbolic) {
  const Request req = readRequest(requestJson);
  const SourceText src(req.source);
  const Program program = parse(src);
  if (program.statements.empty()) {
    bad("the program is empty: declare variables and write an expression, e.g. x: scalar = 2; x^2");
  }
  std::map<std::string, Matrix> values = req.values;
  fillMissingValues(program, values);  // a closed form needs only shapes: values left out are drawn
  std::vector<std::string> drawn;
  for (const auto& item : values) {
    if (!req.values.count(item.first)) drawn.push_back(item.first);
  }
  Tape tape;
  const Compiled compiled = compile(program, src, tape, values);

  // ---- the output
  const Output* out = nullptr;
  Output declaredOut;
  if (req.hasOutput) {
    for (const Output& o : compiled.outputs) {
      if (!o.name.empty() && o.name == req.output) out = &o;
    }
    for (const Binding& b : compiled.variables) {
      if (out == nullptr && b.name == req.output) {
        declaredOut = {b.name, b.var, b.nameSpan};
        out = &declaredOut;
      }
    }
    if (out == nullptr) {
      bad("unknown output '" + req.output + "'; definitions: " + names(compiled.definitions) +
          "; declared: " + names(compiled.variables));
    }
  } else if (!compiled.outputs.empty()) {
    out = &compiled.outputs.back();
  } else {
    const Binding& b = compiled.variables.back();
    declaredOut = {b.name, b.var, b.nameSpan};
    out = &declaredOut;
  }
  const Var y = out->var;

  // ---- which nodes the output depends on (inputs always come before their node)
  std::vector<char> reaches = dependsOn(tape, y.id);
  reaches.resize(static_cast<std::size_t>(tape.size()), 0);  // nodes after the output: 0

  // ---- the variables
  std::vector<const Binding*> wrts;
  if (req.hasWrt) {
    for (const std::string& name : req.wrt) {
      const Binding* found = nullptr;
      for (const Binding& b : compiled.variables) {
        if (b.name == name) found = &b;
      }
      if (found == nullptr) {
        for (const Binding& b : compiled.definitions) {
          if (b.name == name) {
            bad("'wrt' names '" + name + "', a definition; differentiate with respect to a declared variable: " +
                names(compiled.variables));
          }
        }
        bad("unknown variable '" + name + "' in 'wrt'; declared: " + names(compiled.variables));
      }
      for (const Binding* w : wrts) {
        if (w == found) bad("'wrt' names '" + name + "' twice");
      }
      wrts.push_back(found);
    }
  } else {
    if (const Binding* b = defaultVariable(tape, compiled, y.id)) wrts.push_back(b);
    if (wrts.empty() && !compiled.variables.empty()) wrts.push_back(&compiled.variables.front());
  }

  json result;
  result["schemaVersion"] = 1;
  result["canonical"] = print(program);
  json variables = json::array();
  for (const Binding& b : compiled.variables) {
    variables.push_back({{"name", b.name}, {"type", b.type}, {"shape", shapeJson(b.var.value())},
                         {"value", matrixJson(b.var.value())}, {"node", b.var.id}});
  }
  result["variables"] = variables;
  json outputs = json::array();
  for (const Output& o : compiled.outputs) {
    outputs.push_back({{"name", o.name}, {"source", src.slice(o.span)}, {"node", o.var.id}});
  }
  result["outputs"] = outputs;
  const std::string outName = out->name.empty() ? src.excerpt(out->span) : out->name;
  result["output"] = {{"name", out->name},
                      {"source", src.slice(out->span)},
                      {"node", y.id},
                      {"shape", shapeJson(y.value())},
                      {"value", matrixJson(y.value())}};
  json warnings = json::array();
  for (const std::string& name : drawn) {
    warnings.push_back(name + " has no value: seeded random values in [0.2, 1.2] were used (give one in the program or in values)");
  }
  if (!allFinite(y.value())) {  // the page shows them from output.nonFinite; the matrix writes null
    result["output"]["nonFinite"] = nonFiniteEntries(y.value());
    warnings.push_back(outName + " is " + nonFiniteWords(y.value()) + " at this point, so its derivative is undefined there");
  }

  if (wrts.empty()) {
    result["derivative"] = nullptr;
    warnings.push_back("no variable is declared, so there is nothing to differentiate with respect to");
  } else {
    const bool single = wrts.size() == 1;
    const Var x0 = wrts.front()->var;
    std::string wrtName;
    json wrtJson = json::array();
    Index n = 0;
    for (const Binding* w : wrts) {
      wrtName += (wrtName.empty() ? "" : ", ") + w->name;
      wrtJson.push_back(w->name);
      n += w->var.value().size();
    }
    if (!single) wrtName = "(" + wrtName + ")";
    const Index m = y.value().size();
    if (static_cast<double>(m) * static_cast<double>(n) > static_cast<double>(kMaxEntries)) {
      bad("the Jacobian of " + outName + " (" + std::to_string(m) + " entries) by " + wrtName + " (" +
          std::to_string(n) + " entries) would have more than " + std::to_string(kMaxEntries) + " entries");
    }
    // mc::cheaperMode's rule: reverse costs a pass per output entry, forward a sweep per input entry
    const Mode cheaper = single ? cheaperMode(y, x0) : (m <= n ? Mode::Reverse : Mode::Forward);
    const bool wantReverse = req.mode == "both" || req.mode == "reverse" || (req.mode == "auto" && cheaper == Mode::Reverse);
    const bool wantForward = req.mode == "both" || req.mode == "forward" || (req.mode == "auto" && cheaper == Mode::Forward);
    const double passes = (wantReverse ? static_cast<double>(m) * static_cast<double>(wrts.size()) : 0) +
                          (wantForward ? static_cast<double>(n) : 0) + (req.check ? 2.0 * static_cast<double>(n) : 0);
    if (passes * 2 * tapeWork(tape) > kMaxWork) {
      bad("differentiating " + outName + " by " + wrtName + " takes about " + formatNumber(passes) +
          " sweeps over a tape of " + std::to_string(tape.size()) + " nodes: too much work here; use smaller shapes" +
          (req.check ? " or \"check\": false" : ""));
    }
    Matrix reverse, forward;
    if (wantReverse) reverse.resize(m, n);
    if (wantForward) forward.resize(m, n);
    json columns = json::array();
    Index first = 0;
    for (const Binding* w : wrts) {  // one block of columns per variable
      const Index count = w->var.value().size();
      if (wantReverse) reverse.middleCols(first, count) = jacobianReverse(tape, y, w->var);
      if (wantForward) forward.middleCols(first, count) = jacobianForward(tape, y, w->var);
      columns.push_back({{"name", w->name}, {"first", first}, {"count", count}, {"shape", shapeJson(w->var.value())}});
      first += count;
    }
    const Mode shown = wantReverse && wantForward ? cheaper : (wantReverse ? Mode::Reverse : Mode::Forward);
    const Matrix& jac = shown == Mode::Reverse ? reverse : forward;
    const bool anyMatrix = y.cols() > 1 || std::any_of(wrts.begin(), wrts.end(), [](const Binding* w) { return w->var.cols() > 1; });

    json derivative;
    derivative["of"] = outName;
    derivative["wrt"] = single ? json(wrts.front()->name) : wrtJson;
    derivative["mode"] = modeName(shown);
    derivative["jacobian"] = matrixJson(jac);
    derivative["jacobianShape"] = shapeText(m, n);
    derivative["columns"] = columns;
    if (m == 1 && single) {
      const Matrix g = Eigen::Map<const Matrix>(jac.data(), x0.rows(), x0.cols());
      derivative["kind"] = "gradient";
      derivative["shape"] = shapeJson(g);
      derivative["value"] = matrixJson(g);
      derivative["layout"] = "gradient: shaped like " + wrtName + " (" + shapeText(x0.value()) + "); entry (i, j) is d " +
                             outName + " / d " + wrtName + "(i, j). The Jacobian (numerator layout) is the 1 x " +
                             std::to_string(n) + " row of the same numbers" +
                             (x0.cols() > 1 ? ", " + wrtName + "'s entries taken column by column" : "");
    } else if (m == 1) {
      const Matrix g = jac.transpose();
      derivative["kind"] = "gradient";
      derivative["shape"] = shapeJson(g);
      derivative["value"] = matrixJson(g);
      derivative["layout"] = "gradient: a column of " + std::to_string(n) + " partial derivatives of " + outName +
                             ", by the entries of " + wrtName + " in that order" +
                             (anyMatrix ? " (entries of a matrix taken column by column)" : "") +
                             ". The Jacobian (numerator layout) is the 1 x " + std::to_string(n) + " row of the same numbers";
    } else {
      derivative["kind"] = "jacobian";
      derivative["shape"] = shapeText(m, n);
      derivative["value"] = matrixJson(jac);
      derivative["layout"] = "numerator layout: " + std::to_string(m) + " x " + std::to_string(n) + ", row i is entry i of " +
                             outName + ", column j is entry j of " + wrtName +
                             (single ? "" : " (each variable's columns in that order)") +
                             (anyMatrix ? " (entries of a matrix are taken column by column)" : "");
    }
    if (!allFinite(jac)) {
      derivative["nonFinite"] = nonFiniteEntries(jac);
      if (allFinite(y.value())) warnings.push_back("the derivative is " + nonFiniteWords(jac) + " at this point");
    }
    result["derivative"] = derivative;

    json modes;
    modes["cheaper"] = modeName(cheaper);
    modes["why"] = "reverse mode needs one backward pass per entry of " + outName + " (" + std::to_string(m) +
                   "), forward mode one tangent sweep per entry of " + wrtName + " (" + std::to_string(n) + ")";
    modes["reversePasses"] = m;
    modes["forwardPasses"] = n;
    modes["requested"] = req.mode;
    if (wantReverse) modes["reverse"] = matrixJson(reverse);
    if (wantForward) modes["forward"] = matrixJson(forward);
    if (wantReverse && wantForward) {  // the same infinity (or NaN) in both counts as agreeing
      double diff = 0;
      modes["agree"] = sameValues(reverse, forward, kAgreeTolerance, diff);
      modes["maxDifference"] = finiteOrNull(diff);
    }
    result["modes"] = modes;

    if (req.check) {  // one finite-difference check per variable, merged
      Matrix numeric(m, n);
      double maxAbs = 0, maxRel = -1;
      Index worstRow = 0, worstCol = 0;
      first = 0;
      for (const Binding* w : wrts) {
        const Index count = w->var.value().size();
        const FdReport fd = checkJacobian(tape, y, w->var, jac.middleCols(first, count), req.step);
        numeric.middleCols(first, count) = fd.numeric;
        maxAbs = std::max(maxAbs, fd.maxAbsError);
        if (fd.maxRelError > maxRel || std::isnan(fd.maxRelError)) {
          maxRel = fd.maxRelError;
          worstRow = fd.worstRow;
          worstCol = first + fd.worstCol;
        }
        first += count;
      }
      const double a = jac(worstRow, worstCol), f = numeric(worstRow, worstCol);
      // the one rule (autodiff/fd_check.hpp): passed, failed, or near a kink; or no derivative to check
      // at all: a value that is not finite
      FdVerdict verdict = fdVerdict(maxRel, kinkAt(tape, y.id, req.step));
      if (!allFinite(y.value()) || !allFinite(jac)) {
        verdict.status = "undefined";
        verdict.note = "the " + std::string(allFinite(y.value()) ? "derivative" : "value") + " is " +
                       nonFiniteWords(allFinite(y.value()) ? jac : y.value()) +
                       " at this point: the derivative is undefined there, so there is nothing to compare";
      }
      result["check"] = {{"step", req.step},
                         {"method", "central differences (f(x + h e_j) - f(x - h e_j)) / 2h"},
                         {"maxAbsError", finiteOrNull(maxAbs)},
                         {"maxRelError", finiteOrNull(maxRel)},
                         {"relFloor", kFdRelFloor},
                         {"tolerance", kFdTolerance},
                         {"numeric", matrixJson(numeric)},
                         {"worst", {{"row", worstRow}, {"col", worstCol},
                                    {"analytic", finiteOrNull(a)},
                                    {"numeric", finiteOrNull(f)}}}};
      trace::addVerdict(result["check"], verdict);
    }
  }

  if (!req.symbolic || wrts.empty()) {
    result["symbolic"] = nullptr;
    result["symbolicUnavailable"] = wrts.empty() ? "there is no variable to differentiate by" : "not requested (\"symbolic\": false)";
  } else if (!symbolic) {
    result["symbolic"] = nullptr;
    result["symbolicUnavailable"] = "this build of the calculator has no symbolic module";
  } else {
    symbolic(tape, compiled, y, wrts, req.hessian, result);
  }
  if (req.hessian && !result.contains("hessian")) result["hessian"] = nullptr;

  if (req.graph) {
    json nodes = json::array();
    for (int i = 0; i < tape.size(); ++i) nodes.push_back(nodeJson(tape, compiled, src, i, reaches[i] != 0));
    json wrtNodes = json::array();
    for (const Binding* w : wrts) wrtNodes.push_back(w->var.id);
    result["graph"] = {{"nodes", nodes},
                       {"output", y.id},
                       {"wrt", wrts.empty() ? json(nullptr) : json(wrts.front()->var.id)},
                       {"wrtNodes", wrtNodes}};
  }
  if (req.trace) {
    if (req.traceEntry >= y.value().size()) {
      bad("'traceEntry' is " + std::to_string(req.traceEntry) + ", but " + outName + " has " +
          std::to_string(y.value().size()) + " entries (counted from 0, column by column)");
    }
    // the step trace's view of the expression: the backward pass from one output entry
    trace::TraceOptions options;
    options.seed = Matrix::Zero(y.rows(), y.cols());
    options.seed(req.traceEntry) = 1;
    json traced;
    to_json(traced, trace::traceGraph(tape, y, options));
    traced["seedEntry"] = req.traceEntry;
    result["trace"] = std::move(traced);
  }
  result["warnings"] = warnings;
  return result;
}

std::string calculateText(const std::string& requestJson, const SymbolicHook& symbolic) {
  try {
    json request;
    try {
      if (jsonNestingDepth(requestJson) > kMaxJsonDepth) {  // the parser recurses per level
        bad("JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep; allowed: at most " +
            std::to_string(kMaxJsonDepth));
      }
      try {
        request = json::parse(requestJson);
      } catch (const json::exception& e) {
        bad(std::string("not valid JSON: ") + cutText(e.what(), 3 * kMaxEchoChars));
      }
      return calculate(request, symbolic).dump(-1, ' ', false, json::error_handler_t::replace);
    } catch (const ExprError& e) {
      json position = {{"offset", e.offset}};
      if (request.is_object() && request.contains("source") && request["source"].is_string()) {
        const SourceText src(request["source"].get<std::string>());
        position["line"] = src.line(e.offset);
        position["column"] = src.column(e.offset);
      }
      return json{{"error", e.what()}, {"position", position}}.dump(-1, ' ', false, json::error_handler_t::replace);
    } catch (const std::exception& e) {
      return json{{"error", e.what()}}.dump(-1, ' ', false, json::error_handler_t::replace);
    }
  } catch (...) {  // even building the message failed (out of memory)
  }
  return R"({"error":"internal error"})";
}

}  // namespace mc::expr
