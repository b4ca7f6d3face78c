#pragma once
// The one finite-difference check of the engine: its step, its error metric, its pass/fail rule and the
// words for a point where the check cannot decide (a kink). The calculator, the traced step, the CLI and
// the lessons all judge a derivative with these, so a number passes or fails the same way everywhere.
//
// The rule, for an analytic derivative entry a and its central difference n = (f(x+h) - f(x-h)) / 2h:
//
//     relative error  e(a, n) = |a - n| / max(|a|, |n|, kFdRelFloor)
//     passed          e <= kFdTolerance   (for every entry checked; NaN never passes)
//
// i.e. |a - n| <= 1e-5 max(|a|, |n|), or |a - n| <= 1e-8 for entries below 1e-3.
// Why these numbers, for the default step h = 1e-6: central differences are wrong by about
// h^2 |f'''| / 6 (truncation, ~2e-13 |f'''|) plus eps |f| / h (rounding, ~2e-10 |f|). For the engine's
// functions (|f| up to ~10, moderate third derivatives) both are below 1e-8, so the absolute floor
// 1e-3 x 1e-5 = 1e-8 keeps tiny entries from failing on noise, and the relative 1e-5 is two to three
// orders above the noise while any wrong rule (a missing factor, a transpose, a sign) is off by O(1).
// The step may not go below kFdMinStep: there the rounding (~2e-9 |f|) would approach the tolerance.
//
// A kink (relu, leaky relu, abs or step with its argument at 0, and max(a, b) = b + relu(a - b) at a
// tie) has no derivative: the engine takes a one-sided value there, and differences straddling it
// disagree with any one-sided value. A check near a kink is reported as such ("nearKink"), not failed.
#include "core/tape.hpp"

#include <string>
#include <vector>

namespace mc {

constexpr double kFdStep = 1e-6;       // default h
constexpr double kFdMinStep = 1e-7;    // smallest h a request may ask for
constexpr double kFdRelFloor = 1e-3;   // below this size an entry's error is measured absolutely
constexpr double kFdTolerance = 1e-5;  // largest relative error that passes
constexpr double kRelFloor = kFdRelFloor;

// e(a, n) above; NaN when either is NaN.
double fdRelativeError(double analytic, double numeric);

// The pass/fail rule on the largest relative error of a check (NaN or infinity fails).
bool fdPassed(double maxRelError);

// on[i]: the root's value depends on node i (the root itself included); size root + 1.
std::vector<char> dependsOn(const Tape& tape, int root);

// An argument within this distance of a kink counts as at it: central differences with step h move
// an argument by h times its sensitivity, so the reach grows with h (1e-4 at the default step).
double kinkReach(double h);

// The first kink on the root's path within kinkReach(h): "relu's argument is 0 (entry 2)"; empty when
// there is none. With `variable` >= 0, only kinks whose argument depends on that variable count.
std::string kinkAt(const Tape& tape, int root, double h = kFdStep, int variable = -1);

// The verdict of one check: status "passed" | "failed" | "kink"; words for the page and the CLI.
struct FdVerdict {
  bool passed = false;    // fdPassed(maxRelError)
  bool nearKink = false;  // a kink lies within the differences' reach: the comparison says nothing
  std::string status;     // "kink" when nearKink, else "passed" or "failed"
  std::string note;       // why, in words ("" when passed away from kinks)
};
FdVerdict fdVerdict(double maxRelError, const std::string& kink);

// Several checks as one (every variable of a step): failed when one failed away from any kink, else
// "kink" when one is near a kink (its note), else passed.
FdVerdict fdVerdictOfAll(const std::vector<FdVerdict>& each);

}  // namespace mc
