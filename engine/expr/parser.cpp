// Recursive descent over the token list; one function per precedence level (see parser.hpp).
#include "expr/parser.hpp"

#include "expr/functions.hpp"
#include "expr/lexer.hpp"

#include <algorithm>
#include <cmath>

namespace mc::expr {

namespace {

class Parser {
 public:
  explicit Parser(const SourceText& source) : src_(source), toks_(tokenize(source)) {}

  Program program() {
    Program p;
    skipSeparators();
    while (peek().kind != Tok::End) {
      p.statements.push_back(statement());
      if (!p.statements.back().name.empty()) names_.push_back(p.statements.back().name);
      const Token& t = peek();
      if (t.kind != Tok::Newline && t.kind != Tok::Semicolon && t.kind != Tok::End) {
        failExpected("a new line or ';'", t);
      }
      skipSeparators();
    }
    return p;
  }

 private:
  // ---- tokens
  const Token& peek(std::size_t ahead = 0) const { return toks_[std::min(pos_ + ahead, toks_.size() - 1)]; }
  const Token& next() {
    const Token& t = peek();
    if (pos_ + 1 < toks_.size()) ++pos_;
    return t;
  }
  bool accept(Tok kind) {
    if (peek().kind != kind) return false;
    next();
    return true;
  }
  const Token& expect(Tok kind, const char* what) {
    if (peek().kind != kind) failExpected(what, peek());
    return next();
  }
  void skipSeparators() {
    while (peek().kind == Tok::Newline || peek().kind == Tok::Semicolon) next();
  }
  [[noreturn]] void failExpected(const std::string& what, const Token& found) const {
    throw ExprError("expected " + what + " at " + src_.at(found.begin) + ", found " + describe(found, src_),
                    found.begin);
  }
  std::string text(const Token& t) const { return src_.slice({t.begin, t.end}); }

  // ---- statements
  Statement statement() {
    const Token& first = peek();
    Statement s;
    if (first.kind == Tok::Name && (peek(1).kind == Tok::Colon || peek(1).kind == Tok::Equals)) {
      s.name = text(first);
      s.nameSpan = {first.begin, first.end};
      const bool declare = peek(1).kind == Tok::Colon;
      if (isReserved(s.name)) {
        src_.fail(first.begin, "'" + s.name + "' is " + (s.name == "pi" ? "a constant" : "a function") +
                                   " and cannot be " + (declare ? "declared" : "defined"));
      }
      next();
      next();
      if (declare) {
        s.kind = Statement::Kind::Declare;
        declaration(s);
      } else {
        s.kind = Statement::Kind::Define;
        s.expr = expression();
      }
    } else {
      s.kind = Statement::Kind::Evaluate;
      s.expr = expression();
      if (peek().kind == Tok::Equals) {
        src_.fail(peek().begin, "'=' must follow a single name, as in u = x^2");
      }
    }
    s.span = {first.begin, toks_[pos_ > 0 ? pos_ - 1 : 0].end};
    return s;
  }

  void declaration(Statement& s) {
    const Token& type = peek();
    const std::string word = type.kind == Tok::Name ? text(type) : "";
    const char* what = "a type (scalar, vec(n) or mat(m,n))";
    if (word == "scalar") {
      next();
      s.type = TypeKind::Scalar;
      s.rows = s.cols = 1;
    } else if (word == "vec") {
      next();
      s.type = TypeKind::Vector;
      s.cols = 1;
      if (accept(Tok::LParen)) {
        s.rows = dimension();
        expect(Tok::RParen, "')'");
      }
    } else if (word == "mat") {
      next();
      s.type = TypeKind::Matrix;
      if (accept(Tok::LParen)) {
        s.rows = dimension();
        expect(Tok::Comma, "','");
        s.cols = dimension();
        expect(Tok::RParen, "')'");
      }
    } else {
      failExpected(what, type);
    }
    if (s.rows * s.cols > kMaxDeclaredEntries) {
      src_.fail(type.begin, s.name + " would have " + std::to_string(s.rows * s.cols) + " entries; at most " +
                                std::to_string(kMaxDeclaredEntries));
    }
    if (accept(Tok::Equals)) {
      s.hasValue = true;
      s.expr = expression();
    }
  }

  long dimension() {
    const Token& t = peek();
    if (t.kind != Tok::Number || t.number != std::floor(t.number) || t.number < 1 ||
        t.number > static_cast<double>(kMaxDim)) {
      src_.fail(t.begin, "a size must be a whole number from 1 to " + std::to_string(kMaxDim) + ", found " +
                             describe(t, src_));
    }
    next();
    return static_cast<long>(t.number);
  }

  // ---- expressions
  Expr node(Expr::Kind kind, int at, Span span, std::vector<Expr> args) const {
    Expr e;
    e.kind = kind;
    e.at = at;
    e.span = span;
    for (const Expr& a : args) e.height = std::max(e.height, a.height + 1);
    if (e.height > kMaxDepth) {
      src_.fail(at, "the expression is nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
    }
    e.args = std::move(args);
    return e;
  }
  Expr binary(char op, Expr a, Expr b, int at, bool implicit = false) const {
    const Span span{a.span.begin, b.span.end};
    std::vector<Expr> args;
    args.push_back(std::move(a));
    args.push_back(std::move(b));
    Expr e = node(Expr::Kind::Binary, at, span, std::move(args));
    e.op = op;
    e.implicit = implicit;
    return e;
  }

  Expr expression() { return comparison(); }

  // a > b, a < b: a 0/1 mask, loosest of all (z > 0 is the ReLU's derivative)
  Expr comparison() {
    Expr left = additive();
    if (peek().kind == Tok::Greater || peek().kind == Tok::Less) {
      const Token& op = next();
      Expr right = additive();
      left = binary(op.kind == Tok::Greater ? '>' : '<', std::move(left), std::move(right), op.begin);
    }
    return left;
  }

  Expr additive() {
    Expr left = multiplicative();
    while (peek().kind == Tok::Plus || peek().kind == Tok::Minus) {
      const Token& op = next();
      Expr right = multiplicative();
      left = binary(op.kind == Tok::Plus ? '+' : '-', std::move(left), std::move(right), op.begin);
    }
    return left;
  }

  Expr multiplicative() {
    Expr left = unary();
    for (;;) {
      const Tok k = peek().kind;
      if (k == Tok::Star || k == Tok::Slash || k == Tok::At) {
        const Token& op = next();
        if (k == Tok::Star && peek().kind == Tok::Star) src_.fail(op.begin, "the power is ^: write x^2, not x**2");
        Expr right = unary();
        left = binary(k == Tok::Star ? '*' : k == Tok::Slash ? '/' : '@', std::move(left), std::move(right), op.begin);
      } else if (k == Tok::Dot) {  // w . x is dot(w, x)
        const Token& op = next();
        Expr right = unary();
        const Span span{left.span.begin, right.span.end};
        std::vector<Expr> args;
        args.push_back(std::move(left));
        args.push_back(std::move(right));
        left = node(Expr::Kind::Call, op.begin, span, std::move(args));
        left.name = "dot";
      } else if (k == Tok::Name || k == Tok::LParen) {  // juxtaposition: 3x, 2(x + 1), x y
        const int at = peek().begin;
        Expr right = power();
        left = binary('*', std::move(left), std::move(right), at, true);
      } else {
        return left;
      }
    }
  }

  Expr unary() {
    const Token& t = peek();
    if (++depth_ > kMaxDepth) {
      src_.fail(t.begin, "the expression is nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
    }
    Expr result;
    if (t.kind == Tok::Minus || t.kind == Tok::Plus) {
      next();
      Expr operand = unary();
      if (t.kind == Tok::Plus) {
        operand.span.begin = t.begin;
        result = std::move(operand);
      } else {
        const Span span{t.begin, operand.span.end};
        std::vector<Expr> args;
        args.push_back(std::move(operand));
        result = node(Expr::Kind::Neg, t.begin, span, std::move(args));
      }
    } else {
      result = power();
    }
    --depth_;
    return result;
  }

  Expr power() {
    Expr base = postfix();
    if (peek().kind != Tok::Caret) return base;
    const Token& op = next();
    if (peek().kind == Tok::Name && text(peek()) == "T" && peek(1).kind != Tok::LParen) {
      src_.fail(op.begin, "the transpose is x' (or transpose(x)), not x^T");
    }
    Expr exponent = unary();
    return binary('^', std::move(base), std::move(exponent), op.begin);
  }

  Expr postfix() {
    Expr e = primary();
    while (peek().kind == Tok::Quote || peek().kind == Tok::LBracket) {
      if (peek().kind == Tok::LBracket) {  // x[i], A[i, j]: 1-based entries, as the paper writes them
        const Token& open = next();
        std::vector<Expr> args;
        args.push_back(std::move(e));
        args.push_back(expression());
        if (accept(Tok::Comma)) args.push_back(expression());
        const Token& close = expect(Tok::RBracket, "',' or ']'");
        const Span span{args[0].span.begin, close.end};
        e = node(Expr::Kind::Call, open.begin, span, std::move(args));
        e.name = "[]";
        continue;
      }
      const Token& q = next();
      const Span span{e.span.begin, q.end};
      std::vector<Expr> args;
      args.push_back(std::move(e));
      e = node(Expr::Kind::Transpose, q.begin, span, std::move(args));
    }
    return e;
  }

  Expr primary() {
    const Token& t = peek();
    switch (t.kind) {
      case Tok::Number: {
        next();
        Expr e = node(Expr::Kind::Number, t.begin, {t.begin, t.end}, {});
        e.number = t.number;
        return e;
      }
      case Tok::Name: {
        next();
        if (peek().kind == Tok::LParen) return call(t);
        const std::string name = text(t);
        if (findFunction(name)) src_.fail(t.begin, name + " is a function: write " + name + "(...)");
        Expr e = node(Expr::Kind::Name, t.begin, {t.begin, t.end}, {});
        e.name = name;
        return e;
      }
      case Tok::LParen: {
        next();
        Expr e = expression();
        const Token& close = expect(Tok::RParen, "')'");
        e.span = {t.begin, close.end};
        return e;
      }
      case Tok::LBracket: return list(t);
      default: failExpected("an expression", t);
    }
  }

  Expr call(const Token& nameToken) {
    const std::string name = text(nameToken);
    const FunctionInfo* f = findFunction(name);
    if (f == nullptr) {
      for (const std::string& known : names_) {  // a variable followed by '(': a product was meant
        if (known == name) {
          throw ExprError("'" + name + "' at " + src_.at(nameToken.begin) + " is a variable, not a function: to multiply, write " +
                              name + "*(...)",
                          nameToken.begin);
        }
      }
      throw ExprError("unknown function '" + name + "' at " + src_.at(nameToken.begin) + "; functions: " + functionNames(),
                      nameToken.begin);
    }
    next();  // (
    std::vector<Expr> args;
    if (peek().kind != Tok::RParen) {
      args.push_back(expression());
      while (accept(Tok::Comma)) args.push_back(expression());
    }
    const Token& close = expect(Tok::RParen, args.empty() ? "')'" : "',' or ')'");
    if (static_cast<int>(args.size()) != f->arity) {
      src_.fail(nameToken.begin, name + " takes " + std::to_string(f->arity) +
                                     (f->arity == 1 ? " argument" : " arguments") + ", given " +
                                     std::to_string(args.size()));
    }
    Expr e = node(Expr::Kind::Call, nameToken.begin, {nameToken.begin, close.end}, std::move(args));
    e.name = name;
    return e;
  }

  Expr list(const Token& open) {
    next();  // [
    if (peek().kind == Tok::RBracket) src_.fail(open.begin, "an empty list [] has no value");
    std::vector<Expr> entries;
    entries.push_back(expression());
    while (accept(Tok::Comma)) entries.push_back(expression());
    const Token& close = expect(Tok::RBracket, "',' or ']'");
    return node(Expr::Kind::List, open.begin, {open.begin, close.end}, std::move(entries));
  }

  const SourceText& src_;
  std::vector<Token> toks_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::vector<std::string> names_;  // declared and defined so far (for the message of x(...))
};

}  // namespace

Program parse(const SourceText& source) { return Parser(source).program(); }

}  // namespace mc::expr
