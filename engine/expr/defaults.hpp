#pragma once
// What the calculator assumes when the request leaves it out: values for variables declared without
// one (seeded random numbers: a closed form needs only shapes) and the variable to differentiate by.
#include "expr/compiler.hpp"

#include <map>
#include <string>

namespace mc::expr {

// Gives every declared variable that has neither a value in the program nor one in values a seeded
// random value of its declared shape (uniform in [0.2, 1.2]: positive, so log and sqrt are defined).
// A declaration without a size (vec, mat) and without a value is left alone: compile() reports it.
void fillMissingValues(const Program& program, std::map<std::string, Matrix>& values);

// The variable a person means when they do not say: the first declared variable the output depends
// on that is named like a parameter (W, w, b, theta, weights, bias, with or without a number), so a
// loss of an MLP is differentiated by W1, not by its input x; without one, the first variable the
// output depends on (x' @ A @ x: x). nullptr when the output depends on no variable.
const Binding* defaultVariable(const Tape& tape, const Compiled& compiled, int output);

bool looksLikeParameter(const std::string& name);

}  // namespace mc::expr
