#include "symbolic/program.hpp"

#include "expr/defaults.hpp"
#include "expr/parser.hpp"

#include <algorithm>

#include <stdexcept>

namespace mc::sym {

Names namesOf(const expr::Compiled& compiled) {
  Names names;
  for (const expr::Binding& b : compiled.variables) names.variables[b.var.id] = b.name;
  for (const expr::Binding& b : compiled.definitions) {
    if (compiled.variables.end() == std::find_if(compiled.variables.begin(), compiled.variables.end(),
                                                  [&](const expr::Binding& v) { return v.var.id == b.var.id; })) {
      names.definitions[b.var.id] = b.name;  // "u = x" names x itself: not a definition of its own
    }
  }
  return names;
}

ProgramDerivative deriveProgram(const std::string& source, const std::string& wrt,
                                const std::map<std::string, Matrix>& values) {
  const expr::SourceText src(source);
  const expr::Program program = expr::parse(src);
  std::map<std::string, Matrix> given = values;
  expr::fillMissingValues(program, given);
  ProgramDerivative out;
  out.tape = std::make_unique<Tape>();
  out.compiled = expr::compile(program, src, *out.tape, given);
  if (out.compiled.outputs.empty()) throw std::invalid_argument("the program has no expression to differentiate");
  out.output = out.compiled.outputs.back().var.id;
  const expr::Binding* x = wrt.empty() ? expr::defaultVariable(*out.tape, out.compiled, out.output) : nullptr;
  for (const expr::Binding& b : out.compiled.variables) {
    if (b.name == wrt) x = &b;
  }
  if (x == nullptr) throw std::invalid_argument("unknown variable '" + wrt + "' to differentiate by");
  out.wrt = x->var.id;
  out.names = namesOf(out.compiled);
  out.derivation = derive(*out.tape, out.output, out.wrt, out.names);
  return out;
}

}  // namespace mc::sym
