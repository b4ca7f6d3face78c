#pragma once
// The calculator's expression language. A program is statements, one per line (or separated by ';'):
//
//   x: vec(3) = [1, 2, 3]          declare a variable: scalar, vec(n) (an n x 1 column) or mat(m,n);
//   W: mat(2,3) = [[1, 2, 3],      a matrix is written as its rows; new lines inside brackets are
//                  [4, 5, 6]]      white space; vec and mat without a size take it from the value;
//   y: scalar = 2                  the value may be left out when the request supplies it ("values")
//   u = W @ x                      define a name for an expression (an intermediate variable)
//   sum(u^2) + y                   an expression; the last statement is the default output
//   # a comment runs to the end of the line
//
// Expressions, loosest binding first:
//   a > b, a < b                   a 0/1 mask, element-wise (z > 0 is relu's derivative); loosest
//   a + b, a - b                   element-wise; a 1x1 operand is expanded (scalar expansion)
//   a * b, a / b                   element-wise (Hadamard); scalar expansion as above
//   a @ b                          matrix product;  a . b (or a · b) is dot(a, b)
//   3x, 2(x + 1), 3x^2 y           juxtaposition multiplies like *, at the same level: 1/2x is x/2;
//                                  the right operand must start with a name or '(' (not a number)
//   -a                             unary minus (so -x^2 is -(x^2))
//   a ^ p                          element-wise power, right-associative; p must be a constant number
//                                  (c ^ x with a constant c > 0 is exp(ln(c) x))
//   a'                             transpose (postfix), as transpose(a)
//   f(a), dot(a, b), max(a, b)     functions (the list: expr/functions.cpp): every op whose row names
//                                  it in the language (exp, log, relu, ...), recorded as that op; and
//                                  the language's own, written with the ops there are (tr, norm, diag,
//                                  logsumexp, softmax, max; eye(n), ones(m, n) take numbers; ln is log);
//                                  max(0, z) is relu(z), other max(a, b) is b + relu(a - b)
//   [a, b, c]                      a column: the entries (scalars, or columns) stacked vertically;
//   [[a, b], [c, d]]               a matrix from its rows
//   2.5, 1e-3, pi                  numbers; pi is the only named constant
// A name followed by '(' is always a call: write x*(y + 1), not x(y + 1).
//
// Limits that keep every input safe: nesting at most kMaxDepth levels, each dimension at most
// kMaxDim, each declared variable at most kMaxDeclaredEntries entries.
#include "expr/ast.hpp"

namespace mc::expr {

constexpr int kMaxDepth = 200;
constexpr long kMaxDim = 10000;
constexpr long kMaxDeclaredEntries = 10000;

// Throws ExprError naming the position: "expected ')' at 20, found end of input".
Program parse(const SourceText& source);

}  // namespace mc::expr
