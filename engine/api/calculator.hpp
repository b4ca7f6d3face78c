#pragma once
// The matrix-calculus calculator for the bindings: a request as JSON text in, the answer as JSON text
// out. The request and answer fields are documented in engine/expr/calculator.cpp (source, output,
// wrt, mode, check, step, values, graph, trace, traceEntry, symbolic, hessian) and
// engine/symbolic/answer.hpp (the closed form); "closedForm" (closed_form_check.hpp) adds the comparison
// of a closed form written in the language with the derivative. With "trace": true the answer also holds
// "trace": the step-trace JSON (engine/trace/SCHEMA.md, kind "graph") of the backward pass from output
// entry traceEntry, plus "seedEntry". Never throws: a bad request or program comes back as
// {"error": message} and, for an error in the program text, "position": {offset, line, column}.
#include <string>

namespace mc::api {

std::string calculate(const std::string& requestJson);

}  // namespace mc::api
