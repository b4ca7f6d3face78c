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

// A product with unit selectors that the language writes as indexing (x[2], A[1, 3]): the indexed
// factors are args[first, last), the indices i (and j for a matrix, else 0), 1-based; last == 0: none.
struct IndexForm {
  std::size_t first = 0, last = 0;
  Index i = 0, j = 0;
};
IndexForm indexForm(const Node& n);

// Forms the language has a name for (the argument, or nullptr): tr(X) = sum(X * I), norm(x) = sqrt(sum(x^2)),
// softmax(x) = exp(x) / sum(exp(x)) and its transpose exp(x)' / sum(exp(x)).
const Expr* traceOf(const Node& n);
const Expr* normOf(const Node& n);
const Expr* softmaxOf(const Node& n);
const Expr* softmaxRowOf(const Node& n);
const Expr* dotOf(const Node& n);  // u' @ v of two columns, printed u . v: u

// LaTeX: products by juxtaposition, A^\top, \odot, \mathbf{1}, I, \sigma, \operatorname{diag}.
std::string latex(const Expr& e);

}  // namespace mc::sym
