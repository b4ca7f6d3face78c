#include "api/calculator.hpp"

#include "expr/calculator.hpp"

#if defined(MC_WITH_SYMBOLIC)  // set by CMake when engine/symbolic is linked (see MC_WASM_SYMBOLIC)
#include "symbolic/answer.hpp"
#define MC_CALCULATOR_SYMBOLIC 1
#else
#define MC_CALCULATOR_SYMBOLIC 0
#endif

#if __has_include("trace/graph_trace.hpp")
#include "trace/graph_trace.hpp"

#include <nlohmann/json.hpp>
#define MC_CALCULATOR_TRACE 1
#else
#define MC_CALCULATOR_TRACE 0
#endif

namespace mc::api {

std::string calculate(const std::string& requestJson) {
#if MC_CALCULATOR_TRACE
  // "trace": true adds the step trace's view of the expression: the backward pass from one output entry.
  const expr::TraceHook addTrace = [](Tape& tape, Var output, Index entry, nlohmann::json& answer) {
    trace::TraceOptions options;
    options.seed = Matrix::Zero(output.rows(), output.cols());
    options.seed(entry) = 1;
    nlohmann::json j;
    to_json(j, trace::traceGraph(tape, output, options));
    j["seedEntry"] = entry;
    answer["trace"] = std::move(j);
  };
  expr::Hooks hooks{addTrace, {}};
#else
  expr::Hooks hooks;
#endif
#if MC_CALCULATOR_SYMBOLIC
  hooks.symbolic = sym::addSymbolic;  // the closed form, its steps and checks, and the Hessian
#endif
  return expr::calculateText(requestJson, hooks);
}

}  // namespace mc::api
