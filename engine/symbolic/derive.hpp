#pragma once
// Closed-form derivatives of a computation recorded on a tape: the gradient of a scalar output by
// symbolic reverse mode (the same sweep as the numeric backward pass, with expressions for matrices)
// and the Jacobian of a vector output by the paper's forward rules, with the derivation's steps.
#include "core/tape.hpp"
#include "symbolic/ir.hpp"

#include <map>
#include <string>
#include <vector>

namespace mc::sym {

struct Step {
  std::string rule;    // the rule's name: "matrix product", "chain rule", ...
  std::string text;    // in the calculator's language (adjoints written x_bar)
  std::string latex;
  std::string lesson;  // the rule id the page links to its lesson ("matrix-product", ...)
};

struct Definition {  // a name kept in the answer: z = X @ w + b
  std::string name;
  Expr value;
  bool introduced = false;  // a name the answer gives (common.hpp), not one of the program's
};

struct Derivation {
  bool gradient = true;              // true: shaped like the variable; false: the m x n Jacobian
  Expr output;                       // the output's closed form
  Expr derivative;
  std::vector<Definition> where;     // definitions the derivative refers to, in program order
  std::vector<Step> steps;
};

struct Names {
  std::map<int, std::string> variables;    // tape id of each declared variable -> its name
  std::map<int, std::string> definitions;  // tape id of each definition -> its name (kept as a name)
  std::map<int, Expr> leaves;              // constants that stand for an expression (a mask z > 0)
};

// Throws NoClosedForm (op_rules.hpp) or BudgetExceeded (ir.hpp) when there is no closed form here.
Derivation derive(const Tape& tape, int output, int wrt, const Names& names);

}  // namespace mc::sym
