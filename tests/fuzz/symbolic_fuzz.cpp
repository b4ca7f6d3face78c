// libFuzzer target for the closed-form path (engine/symbolic): a program text in, its closed form by
// the default variable out. Run with `scripts/fuzz.sh symbolic SECONDS` (seeds in
// tests/fuzz/corpus/symbolic/). Besides "no crash, no sanitizer report", it traps when a property fails:
//   - a closed form that exists is checked against reverse mode and differences without throwing;
//   - its program (the names it introduced, then its text), pasted back after the source, parses, compiles to the closed form's shape
//     and, where both are finite, gives the same numbers (within 1e-8 relative), unless it holds a
//     constant the language cannot write (inf, nan, a number below 2.2e-308);
//   - a program without a closed form says why (NoClosedForm or the node budget), nothing else.
#include "autodiff/derivatives.hpp"
#include "expr/parser.hpp"
#include "symbolic/common.hpp"
#include "symbolic/eval.hpp"
#include "symbolic/op_rules.hpp"
#include "symbolic/print.hpp"
#include "symbolic/program.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

namespace {

void require(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 2000) return 0;  // the parser's own bounds are fuzzed by the calculator's target
  const std::string source(reinterpret_cast<const char*>(data), size);
  mc::sym::ProgramDerivative d;
  try {
    d = mc::sym::deriveProgram(source);
  } catch (const mc::expr::ExprError&) {
    return 0;  // not a program of the language, or a bad one: the calculator's target covers these
  } catch (const mc::sym::NoClosedForm&) {
    return 0;
  } catch (const mc::sym::BudgetExceeded&) {
    return 0;
  } catch (const std::invalid_argument&) {
    return 0;  // no expression, or no variable
  }
  const mc::sym::Check check = mc::sym::verify(*d.tape, d.output, d.wrt, d.derivation, d.names, 2, 3);
  require(check.points >= 0);
  require(!mc::sym::latex(d.derivation.derivative).empty());
  const mc::Matrix closed = mc::sym::evaluateAt(*d.tape, d.derivation, d.names);
  // paste the text back at the same point
  std::map<std::string, mc::Matrix> values;
  for (const auto& [id, name] : d.names.variables) values[name] = d.tape->node(id).value;
  const std::string back = source + "\n" + mc::sym::program(d.derivation);  // with the names the answer introduced
  mc::Tape tape;
  try {
    const mc::expr::SourceText src(back);
    const mc::expr::Compiled compiled = mc::expr::compile(mc::expr::parse(src), src, tape, values);
    const mc::Matrix again = compiled.outputs.back().var.value();
    require(again.rows() == closed.rows() && again.cols() == closed.cols());
    for (mc::Index k = 0; k < again.size(); ++k) {
      const double a = again.data()[k], b = closed.data()[k];
      if (std::isfinite(a) && std::isfinite(b)) require(std::abs(a - b) <= 1e-8 * std::max({1.0, std::abs(a), std::abs(b)}));
    }
  } catch (const mc::expr::ExprError& e) {
    // a closed form that holds a constant the language cannot write (inf, nan: a folded 0^-1) or one
    // that has grown past the parser's bounds
    const std::string text = mc::sym::program(d.derivation);  // the introduced names' definitions too
    const std::string why = e.what();
    require(text.find("inf") != std::string::npos || text.find("nan") != std::string::npos || back.size() > 50000 ||
            why.find("nested too deeply") != std::string::npos || why.find("number out of range") != std::string::npos);
  }
  return 0;
}
