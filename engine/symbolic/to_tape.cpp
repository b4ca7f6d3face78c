#include "symbolic/to_tape.hpp"

#include "ops/functions.hpp"
#include "symbolic/eval.hpp"
#include "symbolic/print.hpp"

#include <stdexcept>
#include <unordered_map>

namespace mc::sym {

namespace {

class Recorder {
 public:
  Recorder(Tape& tape, Recorded& out, Values& values) : tape_(tape), out_(out), values_(values) {}

  Var at(const Expr& e) {
    auto it = memo_.find(e.get());
    if (it != memo_.end()) return it->second;
    const Var v = build(e);
    memo_.emplace(e.get(), v);
    return v;
  }

 private:
  Var constant(const Matrix& m) { return tape_.constant(m); }

  // a op b with a 1x1 operand expanded, as the language does
  static Var binary(char op, Var a, Var b) {
    switch (op) {
      case '+': return a + b;
      case '*': return a * b;
      default: return a / b;
    }
  }

  Var build(const Expr& e) {
    const Node& n = *e;
    const auto& a = n.args;
    switch (n.kind) {
      case Kind::Variable: {
        auto it = out_.vars.find(n.name);
        if (it == out_.vars.end()) throw std::invalid_argument("record: no value for '" + n.name + "'");
        return it->second;
      }
      case Kind::Number: return tape_.constant(n.number);
      case Kind::Literal: return constant(n.literal);
      case Kind::Zero: return constant(Matrix::Zero(n.rows, n.cols));
      case Kind::Identity: return constant(Matrix::Identity(n.rows, n.cols));
      case Kind::Ones: return constant(Matrix::Ones(n.rows, n.cols));
      case Kind::Add: {
        Var acc = at(a[0]);
        for (std::size_t i = 1; i < a.size(); ++i) acc = binary('+', acc, at(a[i]));
        return acc;
      }
      case Kind::Scale: return at(a[0]) * n.number;
      case Kind::MatMul: {
        Var acc = at(a[0]);
        for (std::size_t i = 1; i < a.size(); ++i) acc = matmul(acc, at(a[i]));
        return acc;
      }
      case Kind::Transpose: return transpose(at(a[0]));
      case Kind::Hadamard: return binary('*', at(a[0]), at(a[1]));
      case Kind::Divide:
        if (const Expr* x = softmaxOf(n)) return softmax(at(*x));  // the softmax op, so its rule applies again
        return binary('/', at(a[0]), at(a[1]));
      case Kind::Power: return pow(at(a[0]), n.number);
      case Kind::Apply: {
        const Var x = at(a[0]);
        switch (n.fn) {
          case Fn::Exp: return exp(x);
          case Fn::Log: return log(x);
          case Fn::Sin: return sin(x);
          case Fn::Cos: return cos(x);
          case Fn::Tanh: return tanh(x);
          case Fn::Sigmoid: return sigmoid(x);
          case Fn::Relu: return relu(x);
          case Fn::Sqrt: return sqrt(x);
          case Fn::Abs: return abs(x);
          case Fn::Step: {  // derivative 0 wherever defined: a constant at the point
            const Var c = constant(evaluate(e, values_));
            out_.names.leaves[c.id] = e;
            return c;
          }
        }
        break;
      }
      case Kind::Sum: return sum(at(a[0]));
      case Kind::Stack: return stack(at(a[0]), at(a[1]));
      case Kind::Diag: {  // diag(v) = (v @ 1') * I, as the language writes it
        const Var v = at(a[0]);
        return matmul(v, constant(Matrix::Ones(1, n.rows))) * constant(Matrix::Identity(n.rows, n.rows));
      }
      case Kind::Det: return mc::apply(Op::Det, at(a[0]));
      case Kind::Logdet: return mc::apply(Op::Logdet, at(a[0]));
      case Kind::Inverse: return mc::apply(Op::Inverse, at(a[0]));
      case Kind::Kron: return mc::apply(Op::Kron, at(a[0]), at(a[1]));
      case Kind::Vec: return mc::apply(Op::Vec, at(a[0]));
    }
    throw std::invalid_argument("record: " + n.key + " has no op on the tape");
  }

  Tape& tape_;
  Recorded& out_;
  Values& values_;
  std::unordered_map<const Node*, Var> memo_;
};

}  // namespace

Recorded record(Tape& tape, const Expr& e, const std::vector<Definition>& where, const std::map<std::string, Matrix>& values) {
  Recorded out;
  Values all = values;
  tape.clear();
  for (const auto& [name, value] : values) {
    const Var v = tape.variable(value, name);
    out.vars[name] = v;
    out.names.variables[v.id] = name;
  }
  Recorder recorder(tape, out, all);
  for (const Definition& d : where) {
    const Var v = recorder.at(d.value);
    all[d.name] = v.value();
    out.vars[d.name] = v;
    if (!out.names.variables.count(v.id)) out.names.definitions[v.id] = d.name;
  }
  out.output = recorder.at(e);
  return out;
}

}  // namespace mc::sym
