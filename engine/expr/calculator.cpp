// {"functions": true} alone asks for the language's functions instead: {"functions": [{name, arity,
// summary}]}, alphabetical (what the page's help lists).
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
//   graph {nodes [the step trace's forward nodes (engine/trace/SCHEMA.md: id, op, kind, label, scope,
//     name, inputs, needsGrad, reachesRoot (the output depends on it), shape, rule {id, paperItem,
//     section, name, formula}, value, param?) plus source and span], output, wrt (the first variable's
//     node), wrtNodes}, trace?, warnings [text].
// As in the step trace (engine/trace/SCHEMA.md): a matrix is {rows, cols, data} with data the rows of
// numbers, null for a non-finite entry; a shape is text, "2x3". Jacobians are numerator layout with a
// matrix's entries counted column by column (vec).
// The request is read in calculator_request.cpp, the derivative, modes and check sections are written
// in calculator_derivative.cpp; this file picks the output and the variables and writes the rest.
#include "expr/calculator.hpp"

#include "expr/functions.hpp"
#include "core/bounded_json.hpp"
#include "expr/calculator_derivative.hpp"
#include "expr/calculator_request.hpp"
#include "expr/compiler.hpp"
#include "expr/defaults.hpp"
#include "expr/parser.hpp"
#include "expr/printer.hpp"
#include "expr/special_values.hpp"
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

[[noreturn]] void bad(const std::string& what) { badRequest(what); }

json shapeJson(const Matrix& m) { return shapeText(m); }  // "2x3", as the trace writes shapes

bool allFinite(const Matrix& m) { return m.allFinite(); }

std::string names(const std::vector<Binding>& list) {
  std::string out;
  for (const Binding& b : list) out += (out.empty() ? "" : ", ") + b.name;
  return out.empty() ? "none" : out;
}

// A node of the tape in the trace's node schema (trace::forwardNode), plus where it comes from in the text.
json nodeJson(const Tape& tape, const Compiled& compiled, const SourceText& src, int id, bool reaches) {
  trace::ForwardNode f = trace::forwardNode(tape, id);
  f.reachesRoot = reaches;
  json node = f;
  const Span span = compiled.nodeSpans[id];
  node["source"] = src.slice(span);
  node["span"] = json::array({span.begin, span.end});
  return node;
}

}  // namespace

json calculate(const json& requestJson, const SymbolicHook& symbolic) {
  if (requestJson.is_object() && requestJson.size() == 1 && requestJson.contains("functions")) {
    json list = json::array();
    for (const FunctionInfo& f : functions()) list.push_back({{"name", f.name}, {"arity", f.arity}, {"summary", f.summary}});
    return {{"functions", std::move(list)}};
  }
  const CalculatorRequest req = readRequest(requestJson);
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
    addDerivative(tape, req, y, outName, wrts, result, warnings);
  }

  if (!req.symbolic || wrts.empty()) {
    result["symbolic"] = nullptr;
    result["symbolicUnavailable"] = wrts.empty() ? "there is no variable to differentiate by" : "not requested (\"symbolic\": false)";
  } else if (!symbolic) {
    result["symbolic"] = nullptr;
    result["symbolicUnavailable"] = "the closed forms (engine/symbolic) are not linked into this program";
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
