#include "symbolic/print.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace mc::sym {

namespace {

}  // namespace

// Forms the language has a name for, recognised when printing: tr(X) = sum(X * I),
// norm(X) = sqrt(sum(X^2)), softmax(x) = exp(x) / sum(exp(x)).
const Expr* traceOf(const Node& n) {
  if (n.kind != Kind::Sum || n.args[0]->kind != Kind::Hadamard) return nullptr;
  const auto& h = n.args[0]->args;
  if (h[0]->kind == Kind::Identity) return &h[1];
  if (h[1]->kind == Kind::Identity) return &h[0];
  return nullptr;
}
const Expr* normOf(const Node& n) {
  if (n.kind != Kind::Apply || n.fn != Fn::Sqrt) return nullptr;
  const Node& s = *n.args[0];
  if (s.kind == Kind::Sum && s.args[0]->kind == Kind::Power && s.args[0]->number == 2) return &s.args[0]->args[0];
  if (s.kind == Kind::MatMul && s.args.size() == 2 && s.args[0]->kind == Kind::Transpose && s.args[0]->args[0]->key == s.args[1]->key &&
      s.args[1]->cols == 1) {
    return &s.args[1];  // sqrt(x' @ x)
  }
  return nullptr;
}
const Expr* softmaxOf(const Node& n) {
  if (n.kind != Kind::Divide || n.cols != 1) return nullptr;
  const Expr& top = n.args[0];
  const Expr& bottom = n.args[1];
  if (top->kind == Kind::Apply && top->fn == Fn::Exp && bottom->kind == Kind::Sum && bottom->args[0]->key == top->key) return &top->args[0];
  return nullptr;
}
// softmax(x)' = exp(x') / sum(exp(x)), a row
const Expr* softmaxRowOf(const Node& n) {  // exp(x)' / sum(exp(x))
  if (n.kind != Kind::Divide || n.rows != 1 || n.cols == 1) return nullptr;
  const Expr& top = n.args[0];
  const Expr& bottom = n.args[1];
  if (top->kind != Kind::Transpose || bottom->kind != Kind::Sum) return nullptr;
  const Expr& e = top->args[0];
  if (e->kind == Kind::Apply && e->fn == Fn::Exp && bottom->args[0]->key == e->key) return &e->args[0];
  return nullptr;
}
// u' v of two columns, the dot product u . v (the language's and the paper's w . x): u, else nullptr
const Expr* dotOf(const Node& n) {
  if (n.kind != Kind::MatMul || n.args.size() != 2 || n.rows != 1 || n.cols != 1) return nullptr;
  const Expr& t = n.args[0];
  if (t->kind != Kind::Transpose || t->args[0]->cols != 1 || n.args[1]->cols != 1) return nullptr;
  return &t->args[0];
}

namespace {

// 1-based position of the single 1 in a literal unit row (rows == 1) or column, else 0
Index unitAt(const Expr& e, bool row) {
  if (e->kind != Kind::Literal || (row ? e->rows != 1 : e->cols != 1) || e->rows * e->cols < 2) return 0;
  Index at = 0;
  for (Index k = 0; k < e->literal.size(); ++k) {
    const double v = e->literal.data()[k];
    if (v == 1 && at == 0) at = k + 1;
    else if (v != 0) return 0;
  }
  return at;
}

}  // namespace

// Products with unit selectors, as the language indexes: [[0, 1, 0]] @ x -> x[2], e_i' @ A @ e_j -> A[i, j].
// The indexed operand as (first, last) factors and the indices; first == last when nothing matches.
IndexForm indexForm(const Node& n) {
  IndexForm f;
  if (n.kind != Kind::MatMul) return f;
  const auto& a = n.args;
  const Index row = unitAt(a.front(), true), col = unitAt(a.back(), false);
  std::size_t first = row ? 1 : 0, last = col ? a.size() - 1 : a.size();
  if (last <= first || (!row && !col)) return f;
  const Index rows = a[first]->rows, cols = a[last - 1]->cols;
  if ((row && col) || (row && cols == 1) || (col && rows == 1)) {
    f.first = first;
    f.last = last;
    f.i = row ? row : col;
    f.j = row && col ? col : 0;
  }
  return f;
}

namespace {

std::string indexText(const Node& n, const IndexForm& f) {
  std::string inner;
  for (std::size_t k = f.first; k < f.last; ++k) inner += (inner.empty() ? "" : " @ ") + n.args[k]->key;
  if (f.last - f.first == 1 && precedence(*n.args[f.first]) >= 5) inner = n.args[f.first]->key;
  else inner = "(" + inner + ")";
  return inner + "[" + std::to_string(f.i) + (f.j ? ", " + std::to_string(f.j) : std::string()) + "]";
}

// a function's argument: a mask (z > 0) needs no second pair of parentheses
std::string arg(const Expr& e) { return e->kind == Kind::Apply && e->fn == Fn::Step ? e->args[0]->key + " > 0" : e->key; }

std::string wrap(const Expr& e, int atLeast) {
  return precedence(*e) >= atLeast ? e->key : "(" + e->key + ")";
}

// A scale factor c as text in front of (or, for 1/q, behind) its operand: "2 * X", "X / 3", "2 * X / 3".
std::string scaled(double c, const Expr& x) {
  for (int q = 1; q <= 1000; ++q) {
    const double p = c * q;
    if (std::abs(p - std::round(p)) < 1e-12 * std::max(1.0, std::abs(p)) && std::abs(p) < 1e9 && std::round(p) != 0) {
      const double pi = std::round(p);  // c = pi / q (a tiny c is no fraction: it rounds to 0)
      std::string out = pi == 1 ? wrap(x, 2) : numberText(pi) + " * " + wrap(x, 2);
      if (pi == -1) out = "-" + wrap(x, 3);
      if (q > 1 && x->kind == Kind::Divide) {  // one fraction: 2 * a / (5 * b), not 2 * a / b / 5
        const Expr& top = x->args[0];
        const std::string t = pi == 1 ? wrap(top, 2) : pi == -1 ? "-" + wrap(top, 3) : numberText(pi) + " * " + wrap(top, 2);
        return t + " / (" + std::to_string(q) + " * " + wrap(x->args[1], 3) + ")";
      }
      if (q > 1) {  // (2 / 5) * X, as the paper writes (2/N) X
        out = "(" + numberText(std::abs(pi)) + " / " + std::to_string(q) + ") * " + wrap(x, 2);
        if (pi < 0) out = "-" + out;
      }
      return out;
    }
  }
  return numberText(c) + " * " + wrap(x, 3);
}

}  // namespace

std::string numberText(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[40];
  for (int digits = 6; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, x);
    if (std::strtod(buf, nullptr) == x) break;
  }
  return buf;
}

const char* fnName(Fn f) {
  switch (f) {
    case Fn::Exp: return "exp";
    case Fn::Log: return "log";
    case Fn::Sin: return "sin";
    case Fn::Cos: return "cos";
    case Fn::Tanh: return "tanh";
    case Fn::Sigmoid: return "sigmoid";
    case Fn::Relu: return "relu";
    case Fn::Sqrt: return "sqrt";
    case Fn::Abs: return "abs";
    case Fn::Step: return "step";
  }
  return "?";
}

int precedence(const Node& n) {
  switch (n.kind) {
    case Kind::Add: return 1;
    case Kind::Scale: return n.number == -1 ? 3 : 2;  // "-X" wraps X unless it binds as tightly
    case Kind::MatMul: return indexForm(n).last ? 6 : 2;
    case Kind::Divide: return softmaxOf(n) ? 6 : softmaxRowOf(n) ? 5 : 2;
    case Kind::Hadamard: return 2;
    case Kind::Number: return n.number < 0 ? 3 : 6;
    case Kind::Power: return 4;
    case Kind::Transpose: return 5;
    default: return 6;
  }
}

std::string textOf(const Node& n) {
  const auto& a = n.args;
  switch (n.kind) {
    case Kind::Variable: return n.name;
    case Kind::Number: return numberText(n.number);
    case Kind::Literal: {
      std::string out = "[";
      for (Index r = 0; r < n.literal.rows(); ++r) {
        if (n.literal.cols() == 1) {
          out += (r ? ", " : "") + numberText(n.literal(r, 0));
          continue;
        }
        out += r ? ", [" : "[";
        for (Index c = 0; c < n.literal.cols(); ++c) out += (c ? ", " : "") + numberText(n.literal(r, c));
        out += "]";
      }
      return out + "]";
    }
    case Kind::Zero: return "zeros(" + std::to_string(n.rows) + ", " + std::to_string(n.cols) + ")";
    case Kind::Identity: return "eye(" + std::to_string(n.rows) + ")";
    case Kind::Ones: return "ones(" + std::to_string(n.rows) + ", " + std::to_string(n.cols) + ")";
    case Kind::Add: {
      std::string out;
      for (const Expr& t : a) {
        std::string term;
        bool minus = false;
        if (t->kind == Kind::Scale && t->number < 0) {
          minus = true;
          term = scaled(-t->number, t->args[0]);
        } else if (t->kind == Kind::Number && t->number < 0) {
          minus = true;
          term = numberText(-t->number);
        } else if (t->kind == Kind::MatMul && t->args.size() == 2 && t->args[1]->kind == Kind::Ones && t->args[1]->rows == 1 &&
                   t->args[0]->cols == 1 && t->cols > 1) {
          term = wrap(t->args[0], 2);  // b @ ones(1, n) in a sum: the language adds a column over the columns
        } else {
          term = t->kind == Kind::Add ? "(" + t->key + ")" : t->key;
        }
        if (out.empty()) out = minus ? "-" + (precedence(*t) >= 2 ? term : "(" + term + ")") : term;
        else out += (minus ? " - " : " + ") + term;
      }
      return out;
    }
    case Kind::Scale: return scaled(n.number, a[0]);
    case Kind::MatMul: {
      const IndexForm index = indexForm(n);
      if (index.last) return indexText(n, index);
      if (const Expr* u = dotOf(n)) return wrap(*u, 2) + " . " + wrap(a[1], 3);  // u'v of two columns: u . v
      std::string out;
      for (const Expr& f : a) {  // an element-wise product or quotient before @ in parentheses: (u / c) @ A
        const bool elementwise = f->kind == Kind::Hadamard || (f->kind == Kind::Divide && precedence(*f) == 2);
        out += (out.empty() ? "" : " @ ") + (out.empty() ? wrap(f, elementwise ? 3 : 2) : (f->kind == Kind::MatMul ? f->key : wrap(f, 3)));
      }
      return out;
    }
    case Kind::Hadamard: return wrap(a[0], 2) + " * " + wrap(a[1], 3);
    case Kind::Divide:
      if (const Expr* x = softmaxOf(n)) return "softmax(" + (*x)->key + ")";
      if (const Expr* x = softmaxRowOf(n)) return "softmax(" + (*x)->key + ")'";
      return wrap(a[0], 2) + " / " + wrap(a[1], 3);
    case Kind::Power: return wrap(a[0], 5) + "^" + numberText(n.number);
    case Kind::Transpose: return wrap(a[0], 6) + "'";
    case Kind::Apply:
      if (const Expr* x = normOf(n)) return "norm(" + (*x)->key + ")";
      if (n.fn == Fn::Step) return "(" + a[0]->key + " > 0)";
      return std::string(fnName(n.fn)) + "(" + arg(a[0]) + ")";
    case Kind::Sum:
      if (const Expr* x = traceOf(n)) return "tr(" + (*x)->key + ")";
      return "sum(" + arg(a[0]) + ")";
    case Kind::Stack: {  // [a, b, c]: nested stacks are one list ([[a, b], c] would read as rows)
      std::string out;
      for (const Expr& part : a) out += (out.empty() ? "" : ", ") + (part->kind == Kind::Stack ? part->key.substr(1, part->key.size() - 2) : part->key);
      return "[" + out + "]";
    }
    case Kind::Diag: return "diag(" + arg(a[0]) + ")";
    case Kind::Det: return "det(" + a[0]->key + ")";
    case Kind::Logdet: return "logdet(" + a[0]->key + ")";
    case Kind::Inverse: return "inv(" + a[0]->key + ")";
    case Kind::Kron: return "kron(" + a[0]->key + ", " + a[1]->key + ")";
    case Kind::Vec: return "vec(" + a[0]->key + ")";
  }
  return "?";
}

}  // namespace mc::sym
