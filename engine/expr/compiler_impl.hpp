#pragma once
// The compiler's insides (expr/compiler.hpp is its interface), shared by its three files:
// compiler.cpp (the program's statements, names and bookkeeping), compile_expressions.cpp (operators
// and function calls) and compile_literals.cpp (lists, matrices of numbers, eye and ones).
#include "expr/compiler.hpp"
#include "expr/functions.hpp"
#include "expr/parser.hpp"
#include "expr/printer.hpp"
#include "ops/functions.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace mc::expr::detail {

constexpr double kPi = 3.141592653589793238462643383279502884;

// A compiled expression: a plain number (folded) or a node on the tape.
struct Value {
  bool isNumber = false;
  double number = 0;
  Var var;

  static Value of(double x) { return Value{true, x, {}}; }
  static Value of(Var v) { return Value{false, 0, v}; }
  Index rows() const { return isNumber ? 1 : var.rows(); }
  Index cols() const { return isNumber ? 1 : var.cols(); }
  bool scalar() const { return rows() == 1 && cols() == 1; }
};

inline std::string count(Index n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

class Compiler {
 public:
  Compiler(const SourceText& source, Tape& tape, const std::map<std::string, Matrix>& values)
      : src_(source), tape_(&tape), values_(values) {}

  Compiled run(const Program& program);

 private:
  // ---- names
  static std::string declaredNames(const Program& program);
  const Binding* find(const std::string& name) const;
  std::string knownNames() const;
  void checkNew(const Statement& s) const;

  // ---- statements
  static std::string typeText(const Statement& s, const Matrix& value);
  static bool fits(const Statement& s, const Matrix& v);
  static std::string declaredShape(const Statement& s);

  void declare(const Statement& s);

  void define(const Statement& s);

  // A declared value: numbers only, evaluated on a scratch tape so the program's tape stays clean.
  Matrix constantValue(const Expr& e);

  // ---- expressions
  void label(int before, Span span);

  // Bounds memory and time of one program, whatever its text: entries stored plus multiply-adds.
  void charge(int at, double work);

  Value compile(const Expr& e);

  Var toVar(const Value& v, Span span);

  std::string describe(const Expr& e, const Value& v) const;

  template <class F>
  Var guard(const Expr& e, F&& build) {
    try {
      return build();
    } catch (const ShapeError& err) {  // a check of the engine that this file did not make first
      src_.fail(e.at, err.what());
    }
  }

  void checkSize(const Expr& e, Index rows, Index cols) const;

  Value compileInner(const Expr& e);

  Value name(const Expr& e);

  // + - * / element by element, a 1x1 side expanded (paper items 6 and 7).
  Value elementwise(const Expr& e, char op, const Value& a, const Value& b);

  Value matmul(const Expr& e, const Value& a, const Value& b);

  Value power(const Expr& e, const Value& a, const Value& b);

  // a > b is the 0/1 mask step(a - b); a < b is step(b - a). Its derivative is 0 (a kink where a = b).
  Value compare(const Expr& e, const Value& a, const Value& b);

  Value call(const Expr& e);

  Value opCall(const Expr& e, const OpInfo& op);

  // A function that is one op: recorded on the tape, or folded through the op's own forward when every
  // argument is a plain number.
  Value applyOp(const Expr& e, const OpInfo& op, const std::vector<Value>& args);

  // eye(n), ones(m, n): constants; the sizes must be whole numbers from 1 to kMaxDim.
  Value constantCall(const Expr& e);

  // Functions written with the ops there are (so each has its derivative and closed form for free):
  //   tr(A) = sum(A * I), norm(x) = sqrt(sum(x^2)) (2-norm, Frobenius for a matrix),
  //   diag(v) = (v @ 1') * I for a column v, diag(A) = (A * I) @ 1 for a square A,
  //   logsumexp(x) = log(sum(exp(x))), softmax(x) = exp(x) / sum(exp(x)) (a column: the paper's softmax).
  Value composed(const Expr& e, const Value& a);

  // x[i] = e_i' x, A[i, j] = e_i' A e_j (1-based): products with constant selectors, so the
  // derivative and the closed form come from the matrix product's rules.
  Value indexCall(const Expr& e);

  Value dotCall(const Expr& e);

  // max(0, z) is the ReLU (paper item 10); any other max(a, b) = b + relu(a - b).
  Value maxCall(const Expr& e);

  // [a, b, c] stacks its entries vertically; [[a, b], [c, d]] is a matrix given by rows.
  Value list(const Expr& e);

  // Made of numbers only (and pi, which cannot be declared): folds to a number without touching the tape.
  static bool numeric(const Expr& e);

  // A literal given by rows of numbers, e.g. [[1, 2], [3, 4]].
  Matrix numberRows(const Expr& e);

  const SourceText& src_;
  Tape* tape_;
  const std::map<std::string, Matrix>& values_;
  Compiled out_;
  bool constantOnly_ = false;
  double work_ = 0;
};

}  // namespace mc::expr::detail
