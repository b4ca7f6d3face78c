// The compiler: operators and function calls, each recorded as engine ops or folded to a number.
#include "expr/compiler_impl.hpp"

namespace mc::expr {

namespace detail {

Value Compiler::compileInner(const Expr& e) {
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

Value Compiler::name(const Expr& e) {
  if (constantOnly_) {
    if (e.name == "pi") return Value::of(kPi);
    src_.fail(e.at, "a declared value is made of numbers; '" + e.name + "' is a name");
  }
  if (const Binding* b = find(e.name)) return Value::of(b->var);
  if (e.name == "pi") return Value::of(kPi);
  throw ExprError("unknown name '" + e.name + "' at " + src_.at(e.at) + "; declared: " + knownNames(), e.at);
}

Value Compiler::elementwise(const Expr& e, char op, const Value& a, const Value& b) {
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

Value Compiler::matmul(const Expr& e, const Value& a, const Value& b) {
  if (a.cols() != b.rows()) {
    src_.fail(e.at, describe(e.args[0], a) + " @ " + describe(e.args[1], b) + ": inner dimensions differ (" +
                        std::to_string(a.cols()) + " vs " + std::to_string(b.rows()) + ")");
  }
  checkSize(e, a.rows(), b.cols());
  charge(e.at, static_cast<double>(a.rows()) * static_cast<double>(a.cols()) * static_cast<double>(b.cols()));
  const Var va = toVar(a, e.args[0].span), vb = toVar(b, e.args[1].span);
  return Value::of(guard(e, [&] { return mc::matmul(va, vb); }));
}

Value Compiler::power(const Expr& e, const Value& a, const Value& b) {
  if (a.isNumber && b.isNumber) return Value::of(std::pow(a.number, b.number));
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

Value Compiler::compare(const Expr& e, const Value& a, const Value& b) {
  const bool greater = e.op == '>';
  if (a.isNumber && b.isNumber) return Value::of(greater ? (a.number > b.number ? 1.0 : 0.0) : (a.number < b.number ? 1.0 : 0.0));
  const Value diff = greater ? elementwise(e, '-', a, b) : elementwise(e, '-', b, a);
  return Value::of(guard(e, [&] { return mc::apply(Op::Step, diff.var); }));
}

Value Compiler::call(const Expr& e) {
  const std::string& f = e.name;
  if (f == "dot") return dotCall(e);
  if (f == "max") return maxCall(e);
  if (f == "eye" || f == "ones") return constantCall(e);
  if (f == "[]") return indexCall(e);
  const FunctionInfo* fn = findFunction(f);
  if (fn != nullptr && fn->op != nullptr) return opCall(e, *fn->op);
  const Value a = compile(e.args[0]);
  if (f == "tr" || f == "norm" || f == "diag" || f == "logsumexp" || f == "softmax") return composed(e, a);
  src_.fail(e.at, "unknown function '" + f + "'");  // the parser admits only functions of the table
}

Value Compiler::opCall(const Expr& e, const OpInfo& op) {
  std::vector<Value> args;
  for (const Expr& arg : e.args) args.push_back(compile(arg));
  return applyOp(e, op, args);
}

Value Compiler::applyOp(const Expr& e, const OpInfo& op, const std::vector<Value>& args) {
  if (std::all_of(args.begin(), args.end(), [](const Value& v) { return v.isNumber; })) {
    const Matrix a = Matrix::Constant(1, 1, args[0].number);
    const Matrix b = args.size() > 1 ? Matrix(Matrix::Constant(1, 1, args[1].number)) : Matrix();
    Matrix y(1, 1);
    op.forward(a, b, 0, y);
    return Value::of(y(0, 0));
  }
  const Var va = toVar(args[0], e.args[0].span);
  const Var vb = args.size() > 1 ? toVar(args[1], e.args[1].span) : Var{};
  return Value::of(guard(e, [&] { return tape_->apply(op, va, vb); }));
}

Value Compiler::composed(const Expr& e, const Value& a) {
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
      const Var ex = mc::exp(x);
      return ex / sum(ex);
    }
    // diag
    if (x.cols() == 1 && x.rows() > 1) {
      return mc::matmul(x, constant(Matrix::Ones(1, x.rows()))) * constant(Matrix::Identity(x.rows(), x.rows()));
    }
    if (x.rows() != x.cols()) src_.fail(e.at, what + ": diag takes a column (to make a diagonal matrix) or a square matrix");
    return mc::matmul(x * constant(Matrix::Identity(x.rows(), x.rows())), constant(Matrix::Ones(x.rows(), 1)));
  }));
}

Value Compiler::indexCall(const Expr& e) {
  const Value a = compile(e.args[0]);
  std::vector<Index> at;
  for (std::size_t k = 1; k < e.args.size(); ++k) {
    const Value v = compile(e.args[k]);
    if (!v.isNumber || v.number != std::floor(v.number)) src_.fail(e.args[k].at, "an index is a whole number, counted from 1");
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

Value Compiler::dotCall(const Expr& e) {
  const Value a = compile(e.args[0]);
  const Value b = compile(e.args[1]);
  if (a.isNumber && b.isNumber) return applyOp(e, *findFunction("dot")->op, {a, b});
  const std::string both = "dot(" + describe(e.args[0], a) + ", " + describe(e.args[1], b) + "): ";
  if (a.cols() != 1 || b.cols() != 1) src_.fail(e.at, both + "both operands must be column vectors");
  if (a.rows() != b.rows()) src_.fail(e.at, both + "lengths differ");
  return applyOp(e, *findFunction("dot")->op, {a, b});
}

Value Compiler::maxCall(const Expr& e) {
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

}  // namespace detail

}  // namespace mc::expr
