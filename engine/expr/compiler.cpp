#include "expr/compiler.hpp"

#include "expr/functions.hpp"
#include "expr/parser.hpp"
#include "expr/printer.hpp"
#include "ops/functions.hpp"

#include <algorithm>
#include <cmath>

namespace mc::expr {

namespace {

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

std::string count(Index n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

double relu(double x) { return x > 0 ? x : 0; }
double sigmoid(double x) { return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x)); }

class Compiler {
 public:
  Compiler(const SourceText& source, Tape& tape, const std::map<std::string, Matrix>& values)
      : src_(source), tape_(&tape), values_(values) {}

  Compiled run(const Program& program) {
    tape_->clear();
    for (const auto& [name, value] : values_) {
      bool found = false;
      for (const Statement& s : program.statements) found |= s.kind == Statement::Kind::Declare && s.name == name;
      if (!found) {
        throw ExprError("values: '" + name + "' is not a declared variable; declared: " + declaredNames(program), 0);
      }
    }
    for (const Statement& s : program.statements) {
      switch (s.kind) {
        case Statement::Kind::Declare: declare(s); break;
        case Statement::Kind::Define: define(s); break;
        case Statement::Kind::Evaluate: out_.outputs.push_back({"", toVar(compile(s.expr), s.expr.span), s.expr.span}); break;
      }
    }
    out_.nodeSpans.resize(tape_->size(), Span{0, 0});
    return std::move(out_);
  }

 private:
  // ---- names
  static std::string declaredNames(const Program& program) {
    std::string out;
    for (const Statement& s : program.statements) {
      if (s.kind != Statement::Kind::Declare) continue;
      out += (out.empty() ? "" : ", ") + s.name;
    }
    return out.empty() ? "none" : out;
  }
  const Binding* find(const std::string& name) const {
    for (const auto* list : {&out_.variables, &out_.definitions}) {
      for (const Binding& b : *list) {
        if (b.name == name) return &b;
      }
    }
    return nullptr;
  }
  std::string knownNames() const {
    std::string out;
    for (const auto* list : {&out_.variables, &out_.definitions}) {
      for (const Binding& b : *list) out += (out.empty() ? "" : ", ") + b.name;
    }
    return out.empty() ? "none" : out;
  }
  void checkNew(const Statement& s) const {
    if (const Binding* b = find(s.name)) {
      src_.fail(s.nameSpan.begin, "'" + s.name + "' is already " + (b->declared ? "declared" : "defined") + " at " +
                                      src_.at(b->nameSpan.begin));
    }
  }

  // ---- statements
  static std::string typeText(const Statement& s, const Matrix& value) {
    switch (s.type) {
      case TypeKind::Scalar: return "scalar";
      case TypeKind::Vector: return "vec(" + std::to_string(s.rows > 0 ? s.rows : value.rows()) + ")";
      case TypeKind::Matrix:
        return "mat(" + std::to_string(s.rows > 0 ? s.rows : value.rows()) + "," +
               std::to_string(s.cols > 0 ? s.cols : value.cols()) + ")";
    }
    return "";
  }
  static bool fits(const Statement& s, const Matrix& v) {
    if (v.size() > kMaxDeclaredEntries) return false;
    switch (s.type) {
      case TypeKind::Scalar: return isScalar(v);
      case TypeKind::Vector: return v.cols() == 1 && (s.rows == 0 || v.rows() == s.rows);
      case TypeKind::Matrix: return (s.rows == 0 || v.rows() == s.rows) && (s.cols == 0 || v.cols() == s.cols);
    }
    return false;
  }
  static std::string declaredShape(const Statement& s) {
    if (s.type == TypeKind::Scalar) return "scalar (1x1)";
    if (s.rows > 0) {
      const std::string t = s.type == TypeKind::Vector ? "vec(" + std::to_string(s.rows) + ")"
                                                       : "mat(" + std::to_string(s.rows) + "," + std::to_string(s.cols) + ")";
      return t + " (" + shapeText(s.rows, s.cols) + ")";
    }
    return s.type == TypeKind::Vector ? "vec (a column)" : "mat";
  }

  void declare(const Statement& s) {
    checkNew(s);
    Matrix value;
    bool have = false;
    if (s.hasValue) {  // checked even when the request replaces it: the program stays valid on its own
      value = constantValue(s.expr);
      if (value.size() > kMaxDeclaredEntries) {
        src_.fail(s.expr.at, s.name + " would have " + std::to_string(value.size()) + " entries; at most " +
                                 std::to_string(kMaxDeclaredEntries));
      }
      if (!fits(s, value)) {
        src_.fail(s.expr.at, s.name + " is declared " + declaredShape(s) + ", but its value is " + shapeText(value));
      }
      have = true;
    }
    const auto given = values_.find(s.name);
    if (given != values_.end()) {
      if (!fits(s, given->second)) {
        throw ExprError("values." + s.name + " is " + shapeText(given->second) + ", but " + s.name + " is declared " +
                            declaredShape(s) + " at " + src_.at(s.nameSpan.begin),
                        s.nameSpan.begin);
      }
      value = given->second;
      have = true;
    }
    if (!have) {
      src_.fail(s.nameSpan.begin, "'" + s.name + "' has no value: write one (" + s.name + ": " +
                                      (s.type == TypeKind::Scalar ? "scalar = 2" : s.type == TypeKind::Vector ? "vec(2) = [1, 2]" : "mat(2,2) = [[1, 2], [3, 4]]") +
                                      ") or give it in the request's values");
    }
    const int before = tape_->size();
    Var v = tape_->variable(value, s.name);
    label(before, s.nameSpan);
    out_.variables.push_back({s.name, v, true, s.nameSpan, s.span, typeText(s, value)});
  }

  void define(const Statement& s) {
    checkNew(s);
    Var v = toVar(compile(s.expr), s.expr.span);
    if (tape_->label(v.id).empty()) tape_->setLabel(v, s.name);
    out_.definitions.push_back({s.name, v, false, s.nameSpan, s.expr.span, ""});
    out_.outputs.push_back({s.name, v, s.expr.span});
  }

  // A declared value: numbers only, evaluated on a scratch tape so the program's tape stays clean.
  Matrix constantValue(const Expr& e) {
    Tape scratch;
    Tape* saved = tape_;
    tape_ = &scratch;
    constantOnly_ = true;
    const Value v = compileInner(e);
    tape_ = saved;
    constantOnly_ = false;
    return v.isNumber ? Matrix::Constant(1, 1, v.number) : Matrix(v.var.value());
  }

  // ---- expressions
  void label(int before, Span span) {
    if (constantOnly_) return;
    out_.nodeSpans.resize(tape_->size(), Span{-1, -1});
    for (int i = before; i < tape_->size(); ++i) {
      if (out_.nodeSpans[i].begin >= 0) continue;
      out_.nodeSpans[i] = span;
      charge(span.begin, static_cast<double>(tape_->node(i).value.size()));
    }
  }

  // Bounds memory and time of one program, whatever its text: entries stored plus multiply-adds.
  void charge(int at, double work) {
    work_ += work;
    if (work_ > kMaxCompileWork) {
      src_.fail(at, "the program is too large to compute here (more than " + formatNumber(kMaxCompileWork) +
                        " entries and multiply-adds); use smaller shapes");
    }
  }

  Value compile(const Expr& e) {
    const int before = tape_->size();
    Value v = compileInner(e);
    label(before, e.span);
    return v;
  }

  Var toVar(const Value& v, Span span) {
    if (!v.isNumber) return v.var;
    const int before = tape_->size();
    Var c = tape_->constant(v.number);
    label(before, span);
    return c;
  }

  std::string describe(const Expr& e, const Value& v) const {
    return src_.excerpt(e.span) + " (" + shapeText(v.rows(), v.cols()) + ")";
  }

  template <class F>
  Var guard(const Expr& e, F&& build) {
    try {
      return build();
    } catch (const ShapeError& err) {  // a check of the engine that this file did not make first
      src_.fail(e.at, err.what());
    }
  }

  void checkSize(const Expr& e, Index rows, Index cols) const {
    if (static_cast<double>(rows) * static_cast<double>(cols) > static_cast<double>(kMaxEntries)) {
      src_.fail(e.at, src_.excerpt(e.span) + " would be " + shapeText(rows, cols) + "; at most " +
                          std::to_string(kMaxEntries) + " entries");
    }
  }

  Value compileInner(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::Number: return Value::of(e.number);
      case Expr::Kind::Name: return name(e);
      case Expr::Kind::Neg: {
        const Value a = compile(e.args[0]);
        if (a.isNumber) return Value::of(-a.number);
        return Value::of(guard(e, [&] { return -a.var; }));
      }
      case Expr::Kind::Transpose: {
        const Value a = compile(e.args[0]);
        if (a.isNumber) return a;
        return Value::of(guard(e, [&] { return transpose(a.var); }));
      }
      case Expr::Kind::Binary: {
        const Value a = compile(e.args[0]);
        const Value b = compile(e.args[1]);
        if (e.op == '@') return matmul(e, a, b);
        if (e.op == '>' || e.op == '<') return compare(e, a, b);
        if (e.op == '^') return power(e, a, b);
        return elementwise(e, e.op, a, b);
      }
      case Expr::Kind::Call: return call(e);
      case Expr::Kind::List: return list(e);
    }
    return Value::of(0.0);
  }

  Value name(const Expr& e) {
    if (constantOnly_) {
      if (e.name == "pi") return Value::of(kPi);
      src_.fail(e.at, "a declared value is made of numbers; '" + e.name + "' is a name");
    }
    if (const Binding* b = find(e.name)) return Value::of(b->var);
    if (e.name == "pi") return Value::of(kPi);
    throw ExprError("unknown name '" + e.name + "' at " + src_.at(e.at) + "; declared: " + knownNames(), e.at);
  }

  // + - * / element by element, a 1x1 side expanded (paper items 6 and 7).
  Value elementwise(const Expr& e, char op, const Value& a, const Value& b) {
    if (a.isNumber && b.isNumber) {
      switch (op) {
        case '+': return Value::of(a.number + b.number);
        case '-': return Value::of(a.number - b.number);
        case '*': return Value::of(a.number * b.number);
        default: return Value::of(a.number / b.number);
      }
    }
    if ((op == '+' || op == '-') && !a.isNumber && !b.isNumber && !a.scalar() && !b.scalar() &&
        (a.rows() != b.rows() || a.cols() != b.cols())) {
      // a column added over the columns of a matrix (W @ X + b), a row over its rows: b 1' or 1 b, whose
      // adjoint sums over the expanded dimension (the paper's scalar expansion, generalised). Only for
      // + and -: x' * A is far more often a product written with the wrong operator than a broadcast.
      const auto spread = [&](const Value& v, Index rows, Index cols) {
        if (v.cols() == 1 && v.rows() == rows && cols > 1) return Value::of(mc::matmul(v.var, tape_->constant(Matrix::Ones(1, cols))));
        if (v.rows() == 1 && v.cols() == cols && rows > 1) return Value::of(mc::matmul(tape_->constant(Matrix::Ones(rows, 1)), v.var));
        return v;
      };
      const Value wa = spread(a, b.rows(), b.cols()), wb = spread(b, a.rows(), a.cols());
      if (wa.rows() == wb.rows() && wa.cols() == wb.cols() && (wa.var.id != a.var.id || wb.var.id != b.var.id)) {
        return elementwise(e, op, wa, wb);
      }
    }
    if (!a.isNumber && !b.isNumber && !a.scalar() && !b.scalar() &&
        (a.rows() != b.rows() || a.cols() != b.cols())) {
      const bool product = op == '*' && a.cols() == b.rows();  // x' * A: the matrix product was meant
      src_.fail(e.at, describe(e.args[0], a) + " " + op + " " + describe(e.args[1], b) + ": shapes differ" +
                          (product ? "; * is element-wise: the matrix product is @ (" + src_.excerpt(e.args[0].span) + " @ " +
                                         src_.excerpt(e.args[1].span) + ")"
                                   : ""));
    }
    return Value::of(guard(e, [&]() -> Var {
      if (b.isNumber) {
        switch (op) {
          case '+': return a.var + b.number;
          case '-': return a.var - b.number;
          case '*': return a.var * b.number;
          default: return a.var / b.number;
        }
      }
      if (a.isNumber) {
        switch (op) {
          case '+': return a.number + b.var;
          case '-': return a.number - b.var;
          case '*': return a.number * b.var;
          default: return a.number / b.var;
        }
      }
      switch (op) {
        case '+': return a.var + b.var;
        case '-': return a.var - b.var;
        case '*': return a.var * b.var;
        default: return a.var / b.var;
      }
    }));
  }

  Value matmul(const Expr& e, const Value& a, const Value& b) {
    if (a.cols() != b.rows()) {
      src_.fail(e.at, describe(e.args[0], a) + " @ " + describe(e.args[1], b) + ": inner dimensions differ (" +
                          std::to_string(a.cols()) + " vs " + std::to_string(b.rows()) + ")");
    }
    checkSize(e, a.rows(), b.cols());
    charge(e.at, static_cast<double>(a.rows()) * static_cast<double>(a.cols()) * static_cast<double>(b.cols()));
    const Var va = toVar(a, e.args[0].span), vb = toVar(b, e.args[1].span);
    return Value::of(guard(e, [&] { return mc::matmul(va, vb); }));
  }

  Value power(const Expr& e, const Value& a, const Value& b) {
    if (a.isNumber && b.isNumber) return Value::of(std::pow(a.number, b.number));
    // x^p multiplies its input's rounding by |p|: beyond 1e7 no digit of it could be vouched for (checks and
    // closed forms would compare noise), so such an exponent is refused.
    if (b.isNumber && !(std::abs(b.number) <= 1e7)) {
      src_.fail(e.at, "the exponent " + formatNumber(b.number) + " is too large: x^p multiplies the rounding of x by |p|, so past 1e7 "
                          "no digit of the result is reliable; write an exponent from -1e7 to 1e7");
    }
    if (b.isNumber) return Value::of(guard(e, [&] { return pow(a.var, b.number); }));
    if (a.isNumber) {  // c^x = exp(ln(c) x)
      if (!(a.number > 0)) {
        src_.fail(e.at, "c^x needs a positive base c, found " + formatNumber(a.number));
      }
      return Value::of(guard(e, [&] { return mc::exp(b.var * std::log(a.number)); }));
    }
    src_.fail(e.at, "the exponent must be a constant number, but " + src_.excerpt(e.args[1].span) +
                        " depends on a variable (for x^y write exp(y * log(x)))");
  }

  // a > b is the 0/1 mask step(a - b); a < b is step(b - a). Its derivative is 0 (a kink where a = b).
  Value compare(const Expr& e, const Value& a, const Value& b) {
    const bool greater = e.op == '>';
    if (a.isNumber && b.isNumber) return Value::of(greater ? (a.number > b.number ? 1.0 : 0.0) : (a.number < b.number ? 1.0 : 0.0));
    const Value diff = greater ? elementwise(e, '-', a, b) : elementwise(e, '-', b, a);
    return Value::of(guard(e, [&] { return diff.var.tape->apply(Op::Step, diff.var); }));
  }

  Value call(const Expr& e) {
    const std::string& f = e.name;
    if (f == "dot") return dotCall(e);
    if (f == "kron") return kronCall(e);
    if (f == "max") return maxCall(e);
    if (f == "eye" || f == "ones" || f == "zeros") return constantCall(e);
    if (f == "[]") return indexCall(e);
    const Value a = compile(e.args[0]);
    if (f == "tr" || f == "norm" || f == "diag" || f == "logsumexp" || f == "softmax") return composed(e, a);
    if (f == "det" || f == "logdet" || f == "inv" || f == "vec") return matrixFunction(e, a);
    if (f == "transpose") return a.isNumber ? a : Value::of(guard(e, [&] { return transpose(a.var); }));
    if (f == "sum" || f == "mean") {
      if (a.isNumber) return a;
      return Value::of(guard(e, [&] { return f == "sum" ? sum(a.var) : mean(a.var); }));
    }
    struct Unary {
      const char* name;
      double (*number)(double);
      Var (*var)(Var);
    };
    static const Unary kUnary[] = {
        {"exp", [](double x) { return std::exp(x); }, [](Var v) { return mc::exp(v); }},
        {"log", [](double x) { return std::log(x); }, [](Var v) { return mc::log(v); }},
        {"ln", [](double x) { return std::log(x); }, [](Var v) { return mc::log(v); }},
        {"sin", [](double x) { return std::sin(x); }, [](Var v) { return mc::sin(v); }},
        {"cos", [](double x) { return std::cos(x); }, [](Var v) { return mc::cos(v); }},
        {"tanh", [](double x) { return std::tanh(x); }, [](Var v) { return mc::tanh(v); }},
        {"sigmoid", [](double x) { return sigmoid(x); }, [](Var v) { return mc::sigmoid(v); }},
        {"sqrt", [](double x) { return std::sqrt(x); }, [](Var v) { return mc::sqrt(v); }},
        {"abs", [](double x) { return std::abs(x); }, [](Var v) { return mc::abs(v); }},
        {"relu", [](double x) { return relu(x); }, [](Var v) { return mc::relu(v); }},
    };
    for (const Unary& u : kUnary) {
      if (f != u.name) continue;
      if (a.isNumber) return Value::of(u.number(a.number));
      return Value::of(guard(e, [&] { return u.var(a.var); }));
    }
    src_.fail(e.at, "unknown function '" + f + "'");  // the parser admits only functions of the table
  }

  // eye(n), ones(m, n), zeros(m, n): constants; the sizes must be whole numbers from 1 to kMaxDim.
  Value constantCall(const Expr& e) {
    std::vector<Index> size;
    for (const Expr& arg : e.args) {
      const Value v = compile(arg);
      if (!v.isNumber || v.number != std::floor(v.number) || v.number < 1 || v.number > kMaxDim) {
        src_.fail(arg.at, e.name + "'s size must be a whole number from 1 to " + std::to_string(kMaxDim) + ", such as " +
                              e.name + (e.name == "eye" ? "(3)" : "(2, 3)"));
      }
      size.push_back(static_cast<Index>(v.number));
    }
    const Index rows = size[0], cols = size.size() > 1 ? size[1] : size[0];
    checkSize(e, rows, cols);
    const Matrix value = e.name == "eye" ? Matrix(Matrix::Identity(rows, cols))
                         : e.name == "ones" ? Matrix(Matrix::Ones(rows, cols)) : Matrix(Matrix::Zero(rows, cols));
    return Value::of(tape_->constant(value));
  }

  // Functions written with the ops there are (so each has its derivative and closed form for free):
  //   tr(A) = sum(A * I), norm(x) = sqrt(sum(x^2)) (2-norm, Frobenius for a matrix),
  //   diag(v) = (v @ 1') * I for a column v, diag(A) = (A * I) @ 1 for a square A,
  //   logsumexp(x) = log(sum(exp(x))); softmax(x) of a column is the engine's softmax op.
  Value composed(const Expr& e, const Value& a) {
    const std::string& f = e.name;
    const std::string what = f + "(" + describe(e.args[0], a) + ")";
    if (a.isNumber) src_.fail(e.at, what + ": write a variable or an expression of one");
    const Var x = a.var;
    const auto constant = [&](Matrix m) { return tape_->constant(m); };
    return Value::of(guard(e, [&]() -> Var {
      if (f == "tr") {
        if (x.rows() != x.cols()) src_.fail(e.at, what + ": the trace needs a square matrix");
        return sum(x * constant(Matrix::Identity(x.rows(), x.cols())));
      }
      if (f == "norm") return mc::sqrt(sum(square(x)));
      if (f == "logsumexp") return mc::log(sum(mc::exp(x)));
      if (f == "softmax") {
        if (x.cols() != 1) src_.fail(e.at, what + ": softmax takes a column");
        return mc::softmax(x);  // the engine's op: exp(x) / sum(exp(x)), computed without overflow
      }
      // diag
      if (x.cols() == 1 && x.rows() > 1) {
        return mc::matmul(x, constant(Matrix::Ones(1, x.rows()))) * constant(Matrix::Identity(x.rows(), x.rows()));
      }
      if (x.rows() != x.cols()) src_.fail(e.at, what + ": diag takes a column (to make a diagonal matrix) or a square matrix");
      return mc::matmul(x * constant(Matrix::Identity(x.rows(), x.rows())), constant(Matrix::Ones(x.rows(), 1)));
    }));
  }

  // x[i] = e_i' x, A[i, j] = e_i' A e_j (1-based): products with constant selectors, so the
  // derivative and the closed form come from the matrix product's rules.
  Value indexCall(const Expr& e) {
    const Value a = compile(e.args[0]);
    std::vector<Index> at;
    for (std::size_t k = 1; k < e.args.size(); ++k) {
      const Value v = compile(e.args[k]);
      if (!v.isNumber || v.number != std::floor(v.number)) src_.fail(e.args[k].at, "an index is a whole number, counted from 1");
      if (std::abs(v.number) > static_cast<double>(kMaxDim)) {  // before any conversion to an integer (undefined past its range)
        src_.fail(e.args[k].at, "the index " + formatNumber(v.number) + " is past every size (at most " + std::to_string(kMaxDim) +
                                    "); indices count from 1");
      }
      at.push_back(static_cast<Index>(v.number));
    }
    const bool vector = a.cols() == 1 || a.rows() == 1;
    if (at.size() == 1 && !vector) {
      src_.fail(e.at, describe(e.args[0], a) + " is a matrix: write " + src_.excerpt(e.args[0].span) + "[i, j]");
    }
    Index i = at[0], j = at.size() > 1 ? at[1] : 1;
    if (at.size() == 1 && a.rows() == 1) std::swap(i, j);  // a row: x[j]
    if (i < 1 || i > a.rows() || j < 1 || j > a.cols()) {
      src_.fail(e.at, src_.excerpt(e.span) + ": " + describe(e.args[0], a) + " has no entry (" + std::to_string(i) + ", " +
                          std::to_string(j) + "); indices count from 1");
    }
    if (a.isNumber) return a;
    const Var x = toVar(a, e.args[0].span);
    return Value::of(guard(e, [&]() -> Var {
      Var out = x;
      if (x.rows() > 1) {
        Matrix row = Matrix::Zero(1, x.rows());
        row(0, i - 1) = 1;
        out = mc::matmul(tape_->constant(row), out);
      }
      if (x.cols() > 1) {
        Matrix col = Matrix::Zero(x.cols(), 1);
        col(j - 1, 0) = 1;
        out = mc::matmul(out, tape_->constant(col));
      }
      return out;
    }));
  }

  // det(X), logdet(X) = log|det(X)|, inv(X) of a square X; vec(X) stacks X's columns (engine/ops/matrix_functions.cpp).
  Value matrixFunction(const Expr& e, const Value& a) {
    const std::string& f = e.name;
    if (a.isNumber) {
      if (f != "vec" && f != "det" && a.number == 0) src_.fail(e.at, f + "(0): det(X) is 0: X is singular; give a nonzero number");
      if (f == "inv") return Value::of(1 / a.number);
      return Value::of(f == "logdet" ? std::log(std::abs(a.number)) : a.number);
    }
    if (f != "vec") {
      if (a.rows() != a.cols()) {
        src_.fail(e.at, f + "(" + describe(e.args[0], a) + "): needs a square matrix (n x n)");
      }
      const double n = static_cast<double>(a.rows());
      charge(e.at, n * n * n);
    }
    const Op op = f == "det" ? Op::Det : f == "logdet" ? Op::Logdet : f == "inv" ? Op::Inverse : Op::Vec;
    return Value::of(guard(e, [&] { return a.var.tape->apply(op, a.var); }));
  }

  Value kronCall(const Expr& e) {
    const Value a = compile(e.args[0]);
    const Value b = compile(e.args[1]);
    if (a.isNumber && b.isNumber) return Value::of(a.number * b.number);
    checkSize(e, a.rows() * b.rows(), a.cols() * b.cols());
    charge(e.at, static_cast<double>(a.rows() * b.rows()) * static_cast<double>(a.cols() * b.cols()));
    const Var va = toVar(a, e.args[0].span), vb = toVar(b, e.args[1].span);
    return Value::of(guard(e, [&] { return va.tape->apply(Op::Kron, va, vb); }));
  }

  Value dotCall(const Expr& e) {
    const Value a = compile(e.args[0]);
    const Value b = compile(e.args[1]);
    if (a.isNumber && b.isNumber) return Value::of(a.number * b.number);
    const std::string both = "dot(" + describe(e.args[0], a) + ", " + describe(e.args[1], b) + "): ";
    if (a.cols() != 1 || b.cols() != 1) src_.fail(e.at, both + "both operands must be column vectors");
    if (a.rows() != b.rows()) src_.fail(e.at, both + "lengths differ");
    const Var va = toVar(a, e.args[0].span), vb = toVar(b, e.args[1].span);
    return Value::of(guard(e, [&] { return mc::dot(va, vb); }));
  }

  // max(0, z) is the ReLU (paper item 10); any other max(a, b) = b + relu(a - b).
  Value maxCall(const Expr& e) {
    const Value a = compile(e.args[0]);
    const Value b = compile(e.args[1]);
    if (a.isNumber && b.isNumber) return Value::of(std::max(a.number, b.number));
    if (a.isNumber && a.number == 0) return Value::of(guard(e, [&] { return relu(b.var); }));
    if (b.isNumber && b.number == 0) return Value::of(guard(e, [&] { return relu(a.var); }));
    if (!a.scalar() && !b.scalar() && (a.rows() != b.rows() || a.cols() != b.cols())) {
      src_.fail(e.at, "max(" + describe(e.args[0], a) + ", " + describe(e.args[1], b) + "): shapes differ");
    }
    const Value diff = elementwise(e, '-', a, b);
    const Value r = Value::of(guard(e, [&] { return relu(diff.var); }));
    return elementwise(e, '+', r, b);
  }

  // [a, b, c] stacks its entries vertically; [[a, b], [c, d]] is a matrix given by rows.
  Value list(const Expr& e) {
    std::size_t rows = 0;
    for (const Expr& x : e.args) rows += x.kind == Expr::Kind::List;
    if (rows != 0 && rows != e.args.size()) {
      for (const Expr& x : e.args) {
        if (x.kind != Expr::Kind::List) {
          src_.fail(x.at, "a list mixes rows [...] and single entries; write every row in brackets");
        }
      }
    }
    const bool byRows = rows != 0;
    if (byRows && std::all_of(e.args.begin(), e.args.end(), [](const Expr& row) {
          return std::all_of(row.args.begin(), row.args.end(), numeric);
        })) {
      return Value::of(tape_->constant(numberRows(e)));  // one constant, no node per row
    }
    std::vector<Value> parts;
    bool allNumbers = true;
    for (const Expr& x : e.args) {
      parts.push_back(compile(x));
      allNumbers &= parts.back().isNumber;
    }
    if (allNumbers) {  // a column of numbers is one constant
      Matrix m(static_cast<Index>(parts.size()), 1);
      for (std::size_t i = 0; i < parts.size(); ++i) m(static_cast<Index>(i), 0) = parts[i].number;
      return Value::of(tape_->constant(m));
    }
    if (byRows) {
      for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].cols() != 1) {
          src_.fail(e.args[i].at, "row " + std::to_string(i + 1) + " is " + describe(e.args[i], parts[i]) +
                                      "; the entries of a row must be scalars (or columns)");
        }
      }
      for (std::size_t i = 1; i < parts.size(); ++i) {
        if (parts[i].rows() != parts[0].rows()) {
          src_.fail(e.args[i].at, "row " + std::to_string(i + 1) + " has " + count(parts[i].rows(), "entry", "entries") +
                                      ", row 1 has " + std::to_string(parts[0].rows()));
        }
      }
      checkSize(e, static_cast<Index>(parts.size()), parts[0].rows());
      for (Value& p : parts) p = Value::of(guard(e, [&] { return transpose(p.var); }));
    }
    Var acc = toVar(parts[0], e.args[0].span);
    Index accRows = acc.rows();
    for (std::size_t i = 1; i < parts.size(); ++i) {
      const Value& p = parts[i];
      if (p.cols() != acc.cols()) {
        src_.fail(e.args[i].at, src_.excerpt(e.span) + " stacks its entries, but " + describe(e.args[i], p) + " has " +
                                    count(p.cols(), "column", "columns") + " and the entries before it " +
                                    "have " + std::to_string(acc.cols()));
      }
      accRows += p.rows();
      checkSize(e, accRows, acc.cols());
      const Var next = toVar(p, e.args[i].span);
      acc = guard(e, [&] { return stack(acc, next); });
    }
    return Value::of(acc);
  }

  // Made of numbers only (and pi, which cannot be declared): folds to a number without touching the tape.
  static bool numeric(const Expr& e) {
    if (e.kind == Expr::Kind::Number) return true;
    if (e.kind == Expr::Kind::Name) return e.name == "pi";
    if (e.kind == Expr::Kind::List) return false;
    return std::all_of(e.args.begin(), e.args.end(), numeric);
  }

  // A literal given by rows of numbers, e.g. [[1, 2], [3, 4]].
  Matrix numberRows(const Expr& e) {
    const std::size_t cols = e.args[0].args.size();
    for (std::size_t i = 1; i < e.args.size(); ++i) {
      if (e.args[i].args.size() != cols) {
        src_.fail(e.args[i].at, "row " + std::to_string(i + 1) + " has " +
                                    count(static_cast<Index>(e.args[i].args.size()), "entry", "entries") +
                                    ", row 1 has " + std::to_string(cols));
      }
    }
    checkSize(e, static_cast<Index>(e.args.size()), static_cast<Index>(cols));
    Matrix m(static_cast<Index>(e.args.size()), static_cast<Index>(cols));
    for (std::size_t r = 0; r < e.args.size(); ++r)
      for (std::size_t c = 0; c < cols; ++c) m(static_cast<Index>(r), static_cast<Index>(c)) = compile(e.args[r].args[c]).number;
    return m;
  }

  const SourceText& src_;
  Tape* tape_;
  const std::map<std::string, Matrix>& values_;
  Compiled out_;
  bool constantOnly_ = false;
  double work_ = 0;
};

}  // namespace

Compiled compile(const Program& program, const SourceText& source, Tape& tape,
                 const std::map<std::string, Matrix>& values) {
  return Compiler(source, tape, values).run(program);
}

}  // namespace mc::expr
