#pragma once
// A program of the calculator's language differentiated in closed form: parse, record on a tape,
// derive, verify. Used by the command line (mc diff) and the tests; the calculator's answer uses
// answer.hpp over its own tape.
#include "expr/compiler.hpp"
#include "symbolic/derive.hpp"
#include "symbolic/verify.hpp"

#include <memory>
#include <string>

namespace mc::sym {

Names namesOf(const expr::Compiled& compiled);

struct ProgramDerivative {
  std::unique_ptr<Tape> tape;
  expr::Compiled compiled;
  Names names;
  int output = -1;
  int wrt = -1;
  Derivation derivation;
};

// The last output of source by the declared variable wrt (default: the calculator's default
// variable). values supply variables declared without one; any left without a value get seeded
// random values (a symbolic answer needs only shapes). Throws ExprError, NoClosedForm, BudgetExceeded.
ProgramDerivative deriveProgram(const std::string& source, const std::string& wrt = "",
                                const std::map<std::string, Matrix>& values = {});

}  // namespace mc::sym
