#pragma once
// Finite-difference proof of a recorded gradient: for every variable, central differences of the root
// (re-running the tape) against the gradient backward left in Node::grad. Values are restored after.
#include "core/tape.hpp"

#include <nlohmann/json_fwd.hpp>
#include <vector>

namespace mc::trace {

struct VariableCheck {
  int id = -1;
  double maxRelError = 0;  // as mc::checkJacobian measures it (relative, floored at kRelFloor)
  double maxAbsError = 0;
  Index worstRow = 0, worstCol = 0;  // the entry of the variable with the largest relative error
  Matrix numeric;  // the central-difference gradient, shaped like the variable
};

struct GradientCheck {
  double step = 0;         // h
  double relFloor = 0;     // kRelFloor
  double maxRelError = 0;  // over every variable
  double maxAbsError = 0;
  std::vector<VariableCheck> variables;
};

// root must be 1x1; every variable's grad must hold d root / d variable (run backward first).
GradientCheck checkGradients(Tape& tape, Var root, const std::vector<Var>& variables, double h = 1e-6);

void to_json(nlohmann::json& j, const VariableCheck& c);
void to_json(nlohmann::json& j, const GradientCheck& c);

}  // namespace mc::trace
