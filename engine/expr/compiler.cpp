// The compiler: a program's statements (declarations, definitions, outputs), its names and its bookkeeping (node spans, the work bound).
#include "expr/compiler_impl.hpp"

namespace mc::expr {

namespace detail {

Compiled Compiler::run(const Program& program) {
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

std::string Compiler::declaredNames(const Program& program) {
  std::string out;
  for (const Statement& s : program.statements) {
    if (s.kind != Statement::Kind::Declare) continue;
    out += (out.empty() ? "" : ", ") + s.name;
  }
  return out.empty() ? "none" : out;
}

const Binding* Compiler::find(const std::string& name) const {
  for (const auto* list : {&out_.variables, &out_.definitions}) {
    for (const Binding& b : *list) {
      if (b.name == name) return &b;
    }
  }
  return nullptr;
}

std::string Compiler::knownNames() const {
  std::string out;
  for (const auto* list : {&out_.variables, &out_.definitions}) {
    for (const Binding& b : *list) out += (out.empty() ? "" : ", ") + b.name;
  }
  return out.empty() ? "none" : out;
}

void Compiler::checkNew(const Statement& s) const {
  if (const Binding* b = find(s.name)) {
    src_.fail(s.nameSpan.begin, "'" + s.name + "' is already " + (b->declared ? "declared" : "defined") + " at " +
                                    src_.at(b->nameSpan.begin));
  }
}

std::string Compiler::typeText(const Statement& s, const Matrix& value) {
  switch (s.type) {
    case TypeKind::Scalar: return "scalar";
    case TypeKind::Vector: return "vec(" + std::to_string(s.rows > 0 ? s.rows : value.rows()) + ")";
    case TypeKind::Matrix:
      return "mat(" + std::to_string(s.rows > 0 ? s.rows : value.rows()) + "," +
             std::to_string(s.cols > 0 ? s.cols : value.cols()) + ")";
  }
  return "";
}

bool Compiler::fits(const Statement& s, const Matrix& v) {
  if (v.size() > kMaxDeclaredEntries) return false;
  switch (s.type) {
    case TypeKind::Scalar: return isScalar(v);
    case TypeKind::Vector: return v.cols() == 1 && (s.rows == 0 || v.rows() == s.rows);
    case TypeKind::Matrix: return (s.rows == 0 || v.rows() == s.rows) && (s.cols == 0 || v.cols() == s.cols);
  }
  return false;
}

std::string Compiler::declaredShape(const Statement& s) {
  if (s.type == TypeKind::Scalar) return "scalar (1x1)";
  if (s.rows > 0) {
    const std::string t = s.type == TypeKind::Vector ? "vec(" + std::to_string(s.rows) + ")"
                                                     : "mat(" + std::to_string(s.rows) + "," + std::to_string(s.cols) + ")";
    return t + " (" + shapeText(s.rows, s.cols) + ")";
  }
  return s.type == TypeKind::Vector ? "vec (a column)" : "mat";
}

void Compiler::declare(const Statement& s) {
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

void Compiler::define(const Statement& s) {
  checkNew(s);
  Var v = toVar(compile(s.expr), s.expr.span);
  if (tape_->label(v.id).empty()) tape_->setLabel(v, s.name);
  out_.definitions.push_back({s.name, v, false, s.nameSpan, s.expr.span, ""});
  out_.outputs.push_back({s.name, v, s.expr.span});
}

Matrix Compiler::constantValue(const Expr& e) {
  Tape scratch;
  Tape* saved = tape_;
  tape_ = &scratch;
  constantOnly_ = true;
  const Value v = compileInner(e);
  tape_ = saved;
  constantOnly_ = false;
  return v.isNumber ? Matrix::Constant(1, 1, v.number) : Matrix(v.var.value());
}

void Compiler::label(int before, Span span) {
  if (constantOnly_) return;
  out_.nodeSpans.resize(tape_->size(), Span{-1, -1});
  for (int i = before; i < tape_->size(); ++i) {
    if (out_.nodeSpans[i].begin >= 0) continue;
    out_.nodeSpans[i] = span;
    charge(span.begin, static_cast<double>(tape_->node(i).value.size()));
  }
}

void Compiler::charge(int at, double work) {
  work_ += work;
  if (work_ > kMaxCompileWork) {
    src_.fail(at, "the program is too large to compute here (more than " + formatNumber(kMaxCompileWork) +
                      " entries and multiply-adds); use smaller shapes");
  }
}

Value Compiler::compile(const Expr& e) {
  const int before = tape_->size();
  Value v = compileInner(e);
  label(before, e.span);
  return v;
}

Var Compiler::toVar(const Value& v, Span span) {
  if (!v.isNumber) return v.var;
  const int before = tape_->size();
  Var c = tape_->constant(v.number);
  label(before, span);
  return c;
}

std::string Compiler::describe(const Expr& e, const Value& v) const {
  return src_.excerpt(e.span) + " (" + shapeText(v.rows(), v.cols()) + ")";
}

void Compiler::checkSize(const Expr& e, Index rows, Index cols) const {
  if (static_cast<double>(rows) * static_cast<double>(cols) > static_cast<double>(kMaxEntries)) {
    src_.fail(e.at, src_.excerpt(e.span) + " would be " + shapeText(rows, cols) + "; at most " +
                        std::to_string(kMaxEntries) + " entries");
  }
}

}  // namespace detail

Compiled compile(const Program& program, const SourceText& source, Tape& tape,
                 const std::map<std::string, Matrix>& values) {
  return detail::Compiler(source, tape, values).run(program);
}

}  // namespace mc::expr
