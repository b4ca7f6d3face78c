#pragma once
// Prints a parsed program or expression back as text in one canonical form: explicit '*' for
// juxtaposition, dot(a, b) for a . b, parentheses only where precedence needs them, numbers in the
// shortest form that reads back to the same double. print(parse(print(p))) == print(p).
#include "expr/ast.hpp"

#include <string>

namespace mc::expr {

std::string print(const Expr& e);
std::string print(const Statement& s);
std::string print(const Program& p);  // one statement per line
std::string formatNumber(double x);    // shortest round-trip form, e.g. 0.1, 1e-07, 3

}  // namespace mc::expr
