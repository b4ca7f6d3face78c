#include "expr/printer.hpp"

#include <cstdio>
#include <cstdlib>

namespace mc::expr {

namespace {

// Binding strength, as in the grammar: higher binds tighter.
enum Prec { kCompare = 0, kAdd = 1, kMul = 2, kUnary = 3, kPow = 4, kPostfix = 5, kAtom = 6 };

int precedence(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::Binary:
      if (e.op == '>' || e.op == '<') return kCompare;
      if (e.op == '+' || e.op == '-') return kAdd;
      if (e.op == '^') return kPow;
      return kMul;
    case Expr::Kind::Neg: return kUnary;
    case Expr::Kind::Transpose: return kPostfix;
    case Expr::Kind::Call: return e.name == "[]" ? kPostfix : kAtom;
    default: return kAtom;
  }
}

std::string wrapped(const Expr& e, bool parens) { return parens ? "(" + print(e) + ")" : print(e); }

std::string joined(const std::vector<Expr>& args) {
  std::string out;
  for (const Expr& a : args) {
    if (!out.empty()) out += ", ";
    out += print(a);
  }
  return out;
}

}  // namespace

std::string formatNumber(double x) {
  char buf[40];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, x);
    if (std::strtod(buf, nullptr) == x) break;
  }
  return buf;
}

std::string print(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::Number: return formatNumber(e.number);
    case Expr::Kind::Name: return e.name;
    case Expr::Kind::Neg: {
      const Expr& a = e.args[0];
      // "--x", not "-(-x)": parentheses would make the printed text nest deeper than the parsed one
      return "-" + wrapped(a, precedence(a) < kUnary);
    }
    case Expr::Kind::Transpose: {
      const Expr& a = e.args[0];
      return wrapped(a, precedence(a) < kPostfix) + "'";
    }
    case Expr::Kind::Call:
      if (e.name == "[]") {  // x[i], A[i, j]
        const std::vector<Expr> at(e.args.begin() + 1, e.args.end());
        return wrapped(e.args[0], precedence(e.args[0]) < kAtom) + "[" + joined(at) + "]";
      }
      return e.name + "(" + joined(e.args) + ")";
    case Expr::Kind::List: return "[" + joined(e.args) + "]";
    case Expr::Kind::Binary: {
      const Expr& a = e.args[0];
      const Expr& b = e.args[1];
      if (e.op == '^') {  // right-associative; the exponent is read as a unary expression
        return wrapped(a, precedence(a) <= kPow) + "^" + wrapped(b, precedence(b) < kUnary);
      }
      const int p = precedence(e);  // left-associative
      return wrapped(a, precedence(a) < p) + " " + e.op + " " + wrapped(b, precedence(b) <= p);
    }
  }
  return "";
}

std::string print(const Statement& s) {
  switch (s.kind) {
    case Statement::Kind::Define: return s.name + " = " + print(s.expr);
    case Statement::Kind::Evaluate: return print(s.expr);
    case Statement::Kind::Declare: {
      std::string type;
      if (s.type == TypeKind::Scalar) type = "scalar";
      else if (s.type == TypeKind::Vector) type = s.rows > 0 ? "vec(" + std::to_string(s.rows) + ")" : "vec";
      else type = s.rows > 0 ? "mat(" + std::to_string(s.rows) + "," + std::to_string(s.cols) + ")" : "mat";
      return s.name + ": " + type + (s.hasValue ? " = " + print(s.expr) : "");
    }
  }
  return "";
}

std::string print(const Program& p) {
  std::string out;
  for (const Statement& s : p.statements) out += print(s) + "\n";
  return out;
}

}  // namespace mc::expr
