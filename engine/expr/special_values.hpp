#pragma once
// Points where a derivative does not exist, said as such instead of as a failed check: values that
// are infinite or undefined (log at 0, sqrt below 0) and kinks (relu and abs at 0).
#include "autodiff/fd_check.hpp"
#include "core/tape.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace mc::expr {

// The entries of m that are not finite, which the answer's matrices write as null:
// [{row, col, value: "inf" | "-inf" | "nan"}] (empty when every entry is finite).
nlohmann::json nonFiniteEntries(const Matrix& m);

// "-∞", "+∞ and NaN", ... : the kinds of non-finite entries of m, for a sentence.
std::string nonFiniteWords(const Matrix& m);

// The first kink on the output's path: "relu's argument is 0 (entry 2)"; empty when there is none
// (autodiff/fd_check.hpp, where the finite-difference check that kinks confuse lives).
using mc::kinkAt;

// Entry by entry: equal within tol * max(1, |largest|), or both the same infinity, or both NaN.
// maxDifference is the largest difference between finite entries.
bool sameValues(const Matrix& a, const Matrix& b, double tol, double& maxDifference);

}  // namespace mc::expr
