#include "symbolic/print_python.hpp"

#include "symbolic/print.hpp"

namespace mc::sym {

namespace {

// Python's binding strengths, as print.cpp's: 1 sum, 2 product, 3 unary minus, 4 power, 6 atom.
int prec(const Node& n) {
  switch (n.kind) {
    case Kind::Add: return 1;
    case Kind::Scale: return 2;
    case Kind::MatMul: case Kind::Hadamard: case Kind::Divide: return 2;
    case Kind::Number: return n.number < 0 ? 3 : 6;
    case Kind::Power: return 4;
    default: return 6;
  }
}

std::string dims(Index r, Index c) { return "(" + std::to_string(r) + ", " + std::to_string(c) + ")"; }

class Printer {
 public:
  explicit Printer(Python lib) : lib_(lib), np_(lib == Python::NumPy ? "np" : "torch") {}

  std::string wrap(const Expr& e, int atLeast) const { return prec(*e) >= atLeast ? print(e) : "(" + print(e) + ")"; }

  std::string print(const Expr& e) const {
    const Node& n = *e;
    const auto& a = n.args;
    const std::string f64 = lib_ == Python::Torch ? ", dtype=torch.float64" : "";
    switch (n.kind) {
      case Kind::Variable: return n.name;
      case Kind::Number: return numberText(n.number);
      case Kind::Literal: {
        std::string out = "[";
        for (Index r = 0; r < n.literal.rows(); ++r) {
          out += r ? ", [" : "[";
          for (Index c = 0; c < n.literal.cols(); ++c) out += (c ? ", " : "") + numberText(n.literal(r, c));
          out += "]";
        }
        return std::string(lib_ == Python::NumPy ? "np.array(" : "torch.tensor(") + out + "]" + f64 + ")";
      }
      case Kind::Zero: return np_ + ".zeros(" + (lib_ == Python::NumPy ? dims(n.rows, n.cols) : std::to_string(n.rows) + ", " + std::to_string(n.cols)) + f64 + ")";
      case Kind::Ones: return np_ + ".ones(" + (lib_ == Python::NumPy ? dims(n.rows, n.cols) : std::to_string(n.rows) + ", " + std::to_string(n.cols)) + f64 + ")";
      case Kind::Identity: return np_ + ".eye(" + std::to_string(n.rows) + f64 + ")";
      case Kind::Add: {
        std::string out;
        for (const Expr& t : a) {
          const bool minus = (t->kind == Kind::Scale || t->kind == Kind::Number) && t->number < 0;
          const std::string term = minus ? (t->kind == Kind::Number ? numberText(-t->number) : wrap(scale(-1, t), 2)) : wrap(t, 2);
          out += out.empty() ? (minus ? "-" + term : term) : (minus ? " - " : " + ") + term;
        }
        return out;
      }
      case Kind::Scale: return (n.number == -1 ? "-" : numberText(n.number) + " * ") + wrap(a[0], 3);
      case Kind::MatMul: {
        std::string out;
        for (const Expr& f : a) out += (out.empty() ? wrap(f, 2) : " @ " + wrap(f, 3));
        return out;
      }
      case Kind::Hadamard: return wrap(a[0], 2) + " * " + wrap(a[1], 3);
      case Kind::Divide: return wrap(a[0], 2) + " / " + wrap(a[1], 3);
      case Kind::Power: return wrap(a[0], 6) + " ** " + numberText(n.number);
      case Kind::Transpose: return wrap(a[0], 6) + ".T";
      case Kind::Apply: {
        const std::string x = print(a[0]);
        switch (n.fn) {
          case Fn::Sigmoid: return lib_ == Python::NumPy ? "1 / (1 + np.exp(-" + wrap(a[0], 6) + "))" : "torch.sigmoid(" + x + ")";
          case Fn::Relu: return lib_ == Python::NumPy ? "np.maximum(" + x + ", 0)" : "torch.relu(" + x + ")";
          case Fn::Step: return "(" + x + " > 0)" + (lib_ == Python::NumPy ? ".astype(float)" : ".double()");
          default: return np_ + "." + fnName(n.fn) + "(" + x + ")";
        }
      }
      case Kind::Sum: return np_ + ".sum(" + print(a[0]) + ")";
      case Kind::Stack: return np_ + ".vstack([" + print(a[0]) + ", " + print(a[1]) + "])";
      case Kind::Diag: return lib_ == Python::NumPy ? "np.diagflat(" + print(a[0]) + ")" : "torch.diag(" + print(a[0]) + ".flatten())";
    }
    return "?";
  }

 private:
  Python lib_;
  std::string np_;
};

std::string args(const std::vector<Variable>& vs) {
  std::string out;
  for (const Variable& v : vs) out += (out.empty() ? "" : ", ") + v.name;
  return out;
}

}  // namespace

std::string python(const Expr& e, Python lib) { return Printer(lib).print(e); }

std::string numpySnippet(const Derivation& d, const std::vector<Variable>& variables, const std::string& wrt) {
  const Printer p(Python::NumPy);
  std::string s = "import numpy as np\n\n\ndef value_and_derivative(" + args(variables) + "):\n";
  for (const Variable& v : variables) s += "    assert " + v.name + ".shape == " + dims(v.rows, v.cols) + "\n";
  for (const Definition& def : d.where) s += "    " + def.name + " = " + p.print(def.value) + "\n";
  s += "    value = " + p.print(d.output) + "\n";
  s += "    derivative = " + p.print(d.derivative) + "  # " + (d.gradient ? "the gradient, shaped like " + wrt : "the Jacobian, numerator layout") + "\n";
  s += "    return value, derivative\n\n\n# a finite-difference check at a random point\nrng = np.random.default_rng(0)\n";
  for (const Variable& v : variables) s += v.name + " = rng.uniform(0.2, 1.2, " + dims(v.rows, v.cols) + ")\n";
  s += "value, derivative = value_and_derivative(" + args(variables) + ")\nh = 1e-6\n";
  s += "numeric = np.zeros((np.size(value), " + wrt + ".size))\n";
  s += "for j in range(" + wrt + ".size):\n    step = np.zeros(" + wrt + ".size)\n    step[j] = h\n    step = step.reshape(" + wrt + ".shape, order='F')\n";
  std::string plus = args(variables), minus = plus;
  const auto swap = [&](std::string& list, const std::string& with) {
    std::string out;
    for (const Variable& v : variables) out += (out.empty() ? "" : ", ") + (v.name == wrt ? with : v.name);
    list = out;
  };
  swap(plus, wrt + " + step");
  swap(minus, wrt + " - step");
  s += "    numeric[:, j] = ((value_and_derivative(" + plus + ")[0] - value_and_derivative(" + minus + ")[0]) / (2 * h)).flatten(order='F')\n";
  s += d.gradient ? "assert np.allclose(derivative.flatten(order='F'), numeric.flatten(), rtol=1e-5, atol=1e-7)\n"
                  : "assert np.allclose(derivative, numeric, rtol=1e-5, atol=1e-7)\n";
  return s + "print('the closed form agrees with central differences')\n";
}

std::string torchSnippet(const Derivation& d, const std::vector<Variable>& variables, const std::string& wrt) {
  const Printer p(Python::Torch);
  std::string s = "import torch\n\ntorch.manual_seed(0)\n";
  for (const Variable& v : variables) {
    s += v.name + " = (0.2 + torch.rand(" + std::to_string(v.rows) + ", " + std::to_string(v.cols) +
         ", dtype=torch.float64))" + (v.name == wrt ? ".requires_grad_()" : "") + "\n";
  }
  for (const Definition& def : d.where) s += def.name + " = " + p.print(def.value) + "\n";
  s += "value = " + p.print(d.output) + "\n";
  if (d.gradient) {
    s += "value.sum().backward()\nwith torch.no_grad():\n    closed = " + p.print(d.derivative) + "\n";
    s += "assert torch.allclose(" + wrt + ".grad, closed), (" + wrt + ".grad, closed)\n";
  } else {
    s += "autograd = torch.autograd.functional.jacobian(lambda v: (lambda " + wrt + ": " + p.print(d.output) + ")(v).flatten(), " + wrt +
         ").reshape(value.numel(), -1)\nwith torch.no_grad():\n    closed = " + p.print(d.derivative) + "\n";
    s += "assert torch.allclose(autograd, closed), (autograd, closed)\n";
  }
  return s + "print('the closed form agrees with autograd')\n";
}

}  // namespace mc::sym
