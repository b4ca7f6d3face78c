#pragma once
// Every closed form proves itself: evaluated at the user's point and at K seeded random points (away
// from kinks) against reverse-mode AD and central differences on the same tape.
#include "autodiff/fd_check.hpp"
#include "symbolic/derive.hpp"

#include <cstdint>
#include <string>

namespace mc::sym {

constexpr double kAgreeReverse = 1e-9;      // closed form vs reverse mode: max relative error
constexpr double kAgreeDifferences = kFdTolerance;  // closed form vs central differences: the one rule

struct Check {
  int points = 0;                   // points compared (the user's, unless it is at a kink, and the random ones)
  double maxRelError = 0;           // against reverse mode, max over points and entries
  double maxRelErrorNumeric = 0;    // against central differences
  bool passed = false;
  bool userPointChecked = false;    // false when the user's point is at a kink or not finite
  std::string note;                 // why the user's point was left out, or what failed
};

// Leaves the tape's values as it found them. The closed form is evaluated with the program's
// variables (names.variables) at each point.
Check verify(Tape& tape, int output, int wrt, const Derivation& d, const Names& names, int randomPoints = 3,
             std::uint64_t seed = 1);

// The closed form's value at the tape's current variable values (definitions evaluated first).
Matrix evaluateAt(const Tape& tape, const Derivation& d, const Names& names);

// True when a ReLU or |.| on the output's path has an argument at its kink (expr/special_values.hpp).
bool atKink(const Tape& tape, int output);

}  // namespace mc::sym
