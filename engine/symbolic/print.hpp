#pragma once
// Printing a closed form two ways: in the calculator's own language (so it can be pasted back and
// evaluated at the same point) and as LaTeX for KaTeX.
#include "symbolic/ir.hpp"

#include <string>

namespace mc::sym {

// The text of a node in the calculator's language, from its arguments' texts (ir.cpp stores it as the
// node's key). Operators bind as the parser reads them: + - < * / @ (left to right) < unary - < ^ < '.
std::string textOf(const Node& n);

// How tightly the node's text binds: 1 sum, 2 product, 3 unary minus, 4 power, 5 transpose, 6 atom.
int precedence(const Node& n);

// Shortest text that reads back as the same double ("0.5", "2", "0.1"); fractions p/q are not used.
std::string numberText(double x);

inline const std::string& text(const Expr& e) { return e->key; }

// LaTeX: products by juxtaposition, A^\top, \odot, \mathbf{1}, I, \sigma, \operatorname{diag}.
std::string latex(const Expr& e);

}  // namespace mc::sym
