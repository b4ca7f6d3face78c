#pragma once
// Records a closed form on a tape, so that the engine's own AD differentiates it again: the Hessian
// is the Jacobian of the gradient's closed form (exact, by AD), and symbolically the forward rules
// applied to it.
#include "core/tape.hpp"
#include "symbolic/derive.hpp"

#include <map>
#include <string>

namespace mc::sym {

struct Recorded {
  Var output;
  Names names;                      // the tape's variables and the definitions kept by name
  std::map<std::string, Var> vars;  // each variable by name
};

// values: every variable's value. A mask (z > 0) is recorded as a constant at the point (its
// derivative is 0 wherever it is defined) and remembered in names.leaves as its expression.
Recorded record(Tape& tape, const Expr& e, const std::vector<Definition>& where, const std::map<std::string, Matrix>& values);

}  // namespace mc::sym
