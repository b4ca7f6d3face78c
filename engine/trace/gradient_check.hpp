#pragma once
// Finite-difference proof of a recorded gradient: for every variable, central differences of the root
// (re-running the tape) against the gradient backward left in Node::grad. Values are restored after.
// Each entry costs two runs of the whole tape, so a large variable can be checked on a sample of its
// entries (evenly spaced in vec order); the report says how many were checked. Pass or fail, and a
// kink that makes the comparison meaningless, are decided by the engine's one rule (autodiff/fd_check.hpp).
#include "autodiff/fd_check.hpp"
#include "core/tape.hpp"

#include <nlohmann/json_fwd.hpp>
#include <vector>

namespace mc::trace {

struct VariableCheck {
  int id = -1;
  Index entries = 0;         // size of the variable
  Index entriesChecked = 0;  // entries compared (all, or the sample)
  double maxRelError = 0;    // max fdRelativeError(analytic, numeric), as mc::checkJacobian
  double maxAbsError = 0;
  Index worstRow = 0, worstCol = 0;  // the checked entry with the largest relative error
  Matrix numeric;  // the central-difference gradient, shaped like the variable; NaN where not checked
  FdVerdict verdict;  // passed, nearKink (a kink whose argument depends on this variable), status, note
};

struct GradientCheck {
  double step = 0;         // h
  double relFloor = 0;     // kRelFloor
  double maxRelError = 0;  // over every variable
  double maxAbsError = 0;
  double tolerance = 0;    // kFdTolerance
  FdVerdict verdict;       // over every variable: passed when each passed, nearKink when any is
  std::vector<VariableCheck> variables;
};

// root must be 1x1; every variable's grad must hold d root / d variable (run backward first).
// maxEntries: entries checked per variable at most (0: all).
GradientCheck checkGradients(Tape& tape, Var root, const std::vector<Var>& variables, double h = kFdStep,
                             Index maxEntries = 0);

// Writes a verdict's fields into an object: passed, nearKink, status, note (the calculator's check too).
void addVerdict(nlohmann::json& j, const FdVerdict& v);
void to_json(nlohmann::json& j, const VariableCheck& c);
void to_json(nlohmann::json& j, const GradientCheck& c);

}  // namespace mc::trace
