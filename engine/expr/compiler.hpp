#pragma once
// Records a parsed program on a tape: declared variables become tape variables (leaves with a
// gradient), every operator and function one or a few engine ops. Shapes are checked here first so
// that errors name the position and the operands' text: "at 7: x (3x1) + W (2x3): shapes differ".
//
// Arithmetic on plain numbers is folded (2*pi is one number, 3x is a scale op, not a 1x1 constant
// times x); a number meets the tape only where an op needs a node (a list entry, a matrix product).
#include "core/tape.hpp"
#include "expr/ast.hpp"

#include <map>
#include <string>
#include <vector>

namespace mc::expr {

constexpr Index kMaxEntries = 1000000;       // of any one value on the tape
constexpr double kMaxCompileWork = 5e6;       // entries on the tape plus multiply-adds, per program

struct Binding {
  std::string name;
  Var var;
  bool declared = false;  // a declared variable (true) or a defined name (false)
  Span nameSpan;
  Span exprSpan;          // declared: the declaration; defined: the expression
  std::string type;       // declared: "scalar", "vec(3)", "mat(2,3)"
};

struct Output {
  std::string name;  // empty for a bare expression
  Var var;
  Span span;         // the expression's text
};

struct Compiled {
  std::vector<Binding> variables;    // declared, in order
  std::vector<Binding> definitions;  // defined names, in order
  std::vector<Output> outputs;       // every definition and bare expression, in order
  std::vector<Span> nodeSpans;       // per tape node: the text it came from
};

// Clears the tape and records the program on it. values give declared variables their values (they
// win over the ones written in the program, and supply the ones left out); shapes must match the
// declarations. Throws ExprError.
Compiled compile(const Program& program, const SourceText& source, Tape& tape,
                 const std::map<std::string, Matrix>& values = {});

}  // namespace mc::expr
