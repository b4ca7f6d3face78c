// Printing a closed form as LaTeX for KaTeX (print.hpp): products by juxtaposition, the paper's symbols.
#include "symbolic/print.hpp"

#include <cmath>
#include <cstdlib>

namespace mc::sym {

namespace {

std::string tex(const Expr& e);

std::string texWrap(const Expr& e, int atLeast) {
  const std::string t = tex(e);
  return precedence(*e) >= atLeast ? t : "\\left(" + t + "\\right)";
}

std::string texNumber(double x) {
  for (int q = 2; q <= 1000; ++q) {
    const double p = x * q;
    if (std::abs(p - std::round(p)) < 1e-12 * std::max(1.0, std::abs(p)) && std::abs(x - std::round(x)) > 1e-12 && std::round(p) != 0) {
      const double pi = std::round(p);
      return std::string(pi < 0 ? "-" : "") + "\\tfrac{" + numberText(std::abs(pi)) + "}{" + std::to_string(q) + "}";
    }
  }
  std::string t = numberText(x);
  const auto e = t.find('e');
  if (e != std::string::npos) t = t.substr(0, e) + " \\cdot 10^{" + std::to_string(std::atoi(t.c_str() + e + 1)) + "}";
  return t;
}

std::string texName(const std::string& name) {
  if (name.size() == 1) return name;
  if (name.size() > 4 && name.compare(name.size() - 4, 4, "_bar") == 0) {  // u1_bar: the bar on the letter, \bar{u}_{1}
    const std::string base = name.substr(0, name.size() - 4);
    const auto digits = base.find_first_of("0123456789");
    if (digits != std::string::npos && digits > 0 && base.find_first_not_of("0123456789", digits) == std::string::npos) {
      return "\\bar{" + texName(base.substr(0, digits)) + "}_{" + base.substr(digits) + "}";
    }
    return "\\bar{" + texName(base) + "}";
  }
  if (name.size() > 2 && name.compare(0, 2, "J_") == 0) return "J_{" + texName(name.substr(2)) + "}";
  const auto digits = name.find_first_of("0123456789");
  if (digits != std::string::npos && digits > 0 && name.find_first_not_of("0123456789", digits) == std::string::npos) {
    return texName(name.substr(0, digits)) + "_{" + name.substr(digits) + "}";
  }
  std::string out = "\\mathit{";
  for (char c : name) out += c == '_' ? std::string("\\_") : std::string(1, c);
  return out + "}";
}

std::string tex(const Expr& e) {
  const Node& n = *e;
  const auto& a = n.args;
  switch (n.kind) {
    case Kind::Variable: return texName(n.name);
    case Kind::Number: return texNumber(n.number);
    case Kind::Literal: {
      std::string out = "\\begin{bmatrix}";
      for (Index r = 0; r < n.literal.rows(); ++r) {
        for (Index c = 0; c < n.literal.cols(); ++c) out += (c ? " & " : "") + texNumber(n.literal(r, c));
        out += r + 1 < n.literal.rows() ? " \\\\ " : "";
      }
      return out + "\\end{bmatrix}";
    }
    case Kind::Zero: return "\\mathbf{0}";
    case Kind::Identity: return "I";
    case Kind::Ones: return n.rows == 1 && n.cols > 1 ? "\\mathbf{1}^\\top" : "\\mathbf{1}";
    case Kind::Add: {
      std::string out;
      for (const Expr& t : a) {
        const bool minus = (t->kind == Kind::Scale || t->kind == Kind::Number) && t->number < 0;
        std::string term = minus ? (t->kind == Kind::Number ? texNumber(-t->number) : tex(scale(-1, t))) : tex(t);
        if (out.empty()) out = minus ? "-" + term : term;
        else out += (minus ? " - " : " + ") + term;
      }
      return out;
    }
    case Kind::Scale:
      if (n.number == -1) return "-" + texWrap(a[0], 2);
      return texNumber(n.number) + " " + texWrap(a[0], 2);
    case Kind::MatMul: {
      const IndexForm index = indexForm(n);
      if (index.last) {
        std::string inner;
        for (std::size_t k = index.first; k < index.last; ++k) inner += (inner.empty() ? "" : " ") + texWrap(a[k], 3);
        if (index.last - index.first > 1 || precedence(*a[index.first]) < 5) inner = "\\left(" + inner + "\\right)";
        return inner + "_{" + std::to_string(index.i) + (index.j ? "," + std::to_string(index.j) : std::string()) + "}";
      }
      if (const Expr* u = dotOf(n)) return texWrap(*u, 3) + " \\cdot " + texWrap(a[1], 3);  // w \cdot x, as the paper
      std::string out;
      for (const Expr& f : a) out += (out.empty() ? "" : " ") + texWrap(f, f->kind == Kind::MatMul ? 2 : 3);
      return out;
    }
    case Kind::Hadamard:
      if (isScalar(a[0]) != isScalar(a[1])) {  // scalar expansion: written as a product
        const Expr& s = isScalar(a[0]) ? a[0] : a[1];
        const Expr& m = isScalar(a[0]) ? a[1] : a[0];
        return texWrap(s, 3) + " \\, " + texWrap(m, 3);
      }
      return texWrap(a[0], 2) + " \\odot " + texWrap(a[1], 3);
    case Kind::Divide:
      if (const Expr* x = softmaxOf(n)) return "\\operatorname{softmax}\\left(" + tex(*x) + "\\right)";
      if (const Expr* x = softmaxRowOf(n)) return "\\operatorname{softmax}\\left(" + tex(*x) + "\\right)^\\top";
      if (a[0]->kind == Kind::Number && a[0]->number != std::round(a[0]->number)) {  // 0.5 / B as 1 / (2B)
        for (int q = 2; q <= 1000; ++q) {
          const double p = a[0]->number * q;
          if (std::abs(p - std::round(p)) < 1e-12 * std::max(1.0, std::abs(p)) && std::round(p) != 0) {
            return "\\frac{" + numberText(std::round(p)) + "}{" + std::to_string(q) + " " + texWrap(a[1], 3) + "}";
          }
        }
      }
      return "\\frac{" + tex(a[0]) + "}{" + tex(a[1]) + "}";
    case Kind::Power:
      if (n.number == 0.5) return "\\sqrt{" + tex(a[0]) + "}";
      return texWrap(a[0], 5) + "^{" + texNumber(n.number) + "}";
    case Kind::Transpose:
      if (a[0]->kind == Kind::Ones) return "\\mathbf{1}^\\top";
      if (a[0]->kind == Kind::Inverse) return texWrap(a[0]->args[0], 6) + "^{-\\top}";
      return texWrap(a[0], 6) + "^\\top";
    case Kind::Apply:
      if (const Expr* x = normOf(n)) return "\\left\\lVert " + tex(*x) + " \\right\\rVert";
      switch (n.fn) {
        // the mask as the language writes it, (z > 0): unlike 1[z > 0] it cannot be mistaken for the ones vector \mathbf{1}
        case Fn::Step: return "\\left(" + tex(a[0]) + " > 0\\right)";
        case Fn::Sigmoid: return "\\sigma\\left(" + tex(a[0]) + "\\right)";
        case Fn::Sqrt: return "\\sqrt{" + tex(a[0]) + "}";
        case Fn::Abs: return "\\left|" + tex(a[0]) + "\\right|";
        case Fn::Relu: return "\\operatorname{relu}\\left(" + tex(a[0]) + "\\right)";
        default: return std::string("\\") + fnName(n.fn) + "\\left(" + tex(a[0]) + "\\right)";
      }
    case Kind::Sum:
      if (const Expr* x = traceOf(n)) return "\\operatorname{tr}\\left(" + tex(*x) + "\\right)";
      return "\\textstyle\\sum " + texWrap(a[0], 6);
    case Kind::Stack: return "\\begin{bmatrix}" + tex(a[0]) + " \\\\ " + tex(a[1]) + "\\end{bmatrix}";
    case Kind::Diag: return "\\operatorname{diag}\\left(" + tex(a[0]) + "\\right)";
    case Kind::Det: return "\\det\\left(" + tex(a[0]) + "\\right)";
    case Kind::Logdet: return "\\log\\left\\lvert\\det\\left(" + tex(a[0]) + "\\right)\\right\\rvert";
    case Kind::Inverse: return texWrap(a[0], 6) + "^{-1}";
    case Kind::Kron: return "\\left(" + texWrap(a[0], 3) + " \\otimes " + texWrap(a[1], 3) + "\\right)";
    case Kind::Vec: return "\\operatorname{vec}\\left(" + tex(a[0]) + "\\right)";
  }
  return "?";
}

}  // namespace

std::string latex(const Expr& e) { return tex(e); }

}  // namespace mc::sym
