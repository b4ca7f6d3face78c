#pragma once
// Evaluates a closed form numerically: the check that every symbolic answer proves itself with.
#include "symbolic/ir.hpp"

#include <map>
#include <string>

namespace mc::sym {

using Values = std::map<std::string, Matrix>;

// Throws std::invalid_argument for a variable without a value (or of another shape than its node's).
Matrix evaluate(const Expr& e, const Values& values);

}  // namespace mc::sym
