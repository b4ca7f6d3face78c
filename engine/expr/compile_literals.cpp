// The compiler: literals (lists, matrices given by rows of numbers) and the constants eye(n), ones(m, n).
#include "expr/compiler_impl.hpp"

namespace mc::expr {

namespace detail {

Value Compiler::constantCall(const Expr& e) {
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
  return Value::of(tape_->constant(e.name == "eye" ? Matrix(Matrix::Identity(rows, cols)) : Matrix(Matrix::Ones(rows, cols))));
}

Value Compiler::list(const Expr& e) {
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

bool Compiler::numeric(const Expr& e) {
  if (e.kind == Expr::Kind::Number) return true;
  if (e.kind == Expr::Kind::Name) return e.name == "pi";
  if (e.kind == Expr::Kind::List) return false;
  return std::all_of(e.args.begin(), e.args.end(), numeric);
}

Matrix Compiler::numberRows(const Expr& e) {
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

}  // namespace detail

}  // namespace mc::expr
