#pragma once
// The parsed program: statements holding expression trees. Plain data; parser.hpp makes it,
// printer.hpp prints it back, compiler.hpp records it on a tape.
#include "expr/source.hpp"

#include <string>
#include <vector>

namespace mc::expr {

struct Expr {
  enum class Kind { Number, Name, Neg, Binary, Transpose, Call, List };
  Kind kind = Kind::Number;
  char op = 0;            // Binary: one of + - * / ^ @
  bool implicit = false;  // Binary '*' written by juxtaposition, as in 3x
  double number = 0;      // Number (never negative: a minus sign is Neg)
  std::string name;       // Name, Call (the function)
  Span span;              // all of the expression's text
  int at = 0;             // where messages point: the operator, the name or the opening bracket
  int height = 1;         // 1 for a leaf; bounds the recursion of everything that walks the tree
  std::vector<Expr> args; // operands, call arguments or list entries, in order
};

enum class TypeKind { Scalar, Vector, Matrix };

struct Statement {
  enum class Kind { Declare, Define, Evaluate };
  Kind kind = Kind::Evaluate;
  std::string name;  // Declare, Define
  Span nameSpan;
  TypeKind type = TypeKind::Scalar;  // Declare: the shape; 0 rows/cols = taken from the value
  long rows = 0;
  long cols = 0;
  bool hasValue = false;  // Declare: "= value" given (otherwise the request supplies it)
  Expr expr;              // Declare: the value; Define and Evaluate: the expression
  Span span;
};

struct Program {
  std::vector<Statement> statements;
};

}  // namespace mc::expr
