#pragma once
// Names for the subexpressions a closed form repeats, as a person writes z = X @ w + b once and then
// relu(z) and (z > 0): the largest repeated subexpression first, at most kMaxNames of them.
#include "symbolic/derive.hpp"

#include <string>
#include <vector>

namespace mc::sym {

constexpr int kMaxNames = 3;

// Rewrites d.derivative with the new names and appends their definitions to d.where (flagged
// `introduced`, in an order where each refers only to earlier ones), with a step each. taken: names in use.
void nameCommonSubexpressions(Derivation& d, std::vector<std::string> taken);

// The definitions to show beside the derivative: the names it uses (and those an introduced name uses),
// each written with the program's other names replaced by their values (z = w . x + b, not z = b + y
// with y and u listed too).
std::vector<Definition> shownWhere(const Derivation& d);

// The paper's numerator layout of a gradient g (its transpose), with a sum or element-wise product
// transposed as a whole: (1 / 2) * ((relu(z) - y) * (z > 0))' @ X, not its transpose pushed to the leaves.
Expr numeratorForm(const Expr& g);

// The closed form as lines of the calculator's language to paste after the program: the definitions the
// answer introduced (the program has its own), then the text: "z = X @ w + b\n2 * X' @ ...".
std::string program(const Derivation& d);

// The same node with other arguments, built again by the constructors (so in canonical form).
Expr rebuild(const Expr& e, const std::vector<Expr>& args);

}  // namespace mc::sym
