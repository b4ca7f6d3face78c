#include "symbolic/eval.hpp"

#include "ops/lu.hpp"

#include <cmath>
#include <stdexcept>
#include <unordered_map>

namespace mc::sym {

namespace {

// A 1x1 operand is expanded over the other's shape, as the language does.
Matrix expand(const Matrix& m, Index rows, Index cols) {
  return m.size() == 1 && (rows != 1 || cols != 1) ? Matrix::Constant(rows, cols, m(0, 0)) : m;
}

double applyFn(Fn f, double x) {
  switch (f) {
    case Fn::Exp: return std::exp(x);
    case Fn::Log: return std::log(x);
    case Fn::Sin: return std::sin(x);
    case Fn::Cos: return std::cos(x);
    case Fn::Tanh: return std::tanh(x);
    case Fn::Sigmoid: return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x));
    case Fn::Relu: return x > 0 ? x : 0;
    case Fn::Sqrt: return std::sqrt(x);
    case Fn::Abs: return std::abs(x);
    case Fn::Step: return x > 0 ? 1 : 0;
  }
  return 0;
}

class Evaluator {
 public:
  explicit Evaluator(const Values& values) : values_(values) {}

  const Matrix& at(const Expr& e) {  // shared subexpressions are evaluated once
    auto it = memo_.find(e.get());
    if (it != memo_.end()) return it->second;
    Matrix v = compute(*e);
    return memo_.emplace(e.get(), std::move(v)).first->second;
  }

 private:
  Matrix compute(const Node& n) {
    const auto& a = n.args;
    switch (n.kind) {
      case Kind::Variable: {
        auto it = values_.find(n.name);
        if (it == values_.end()) throw std::invalid_argument("symbolic evaluate: no value for '" + n.name + "'");
        if (it->second.rows() != n.rows || it->second.cols() != n.cols) {
          throw std::invalid_argument("symbolic evaluate: '" + n.name + "' is " + shapeText(it->second) + ", its node " +
                                      shapeText(n.rows, n.cols));
        }
        return it->second;
      }
      case Kind::Number: return Matrix::Constant(1, 1, n.number);
      case Kind::Literal: return n.literal;
      case Kind::Zero: return Matrix::Zero(n.rows, n.cols);
      case Kind::Identity: return Matrix::Identity(n.rows, n.cols);
      case Kind::Ones: return Matrix::Ones(n.rows, n.cols);
      case Kind::Add: {
        Matrix out = Matrix::Zero(n.rows, n.cols);
        for (const Expr& t : a) out += expand(at(t), n.rows, n.cols);
        return out;
      }
      case Kind::Scale: return n.number * at(a[0]);
      case Kind::MatMul: {
        Matrix out = at(a[0]);
        for (std::size_t i = 1; i < a.size(); ++i) out = out * at(a[i]);
        return out;
      }
      case Kind::Transpose: return at(a[0]).transpose();
      case Kind::Hadamard:
        return expand(at(a[0]), n.rows, n.cols).cwiseProduct(expand(at(a[1]), n.rows, n.cols));
      case Kind::Divide:
        return expand(at(a[0]), n.rows, n.cols).cwiseQuotient(expand(at(a[1]), n.rows, n.cols));
      case Kind::Power: {
        const double p = n.number;
        return at(a[0]).unaryExpr([p](double x) { return p == 2 ? x * x : std::pow(x, p); });
      }
      case Kind::Apply: {
        const Fn f = n.fn;
        return at(a[0]).unaryExpr([f](double x) { return applyFn(f, x); });
      }
      case Kind::Sum: return Matrix::Constant(1, 1, at(a[0]).sum());
      case Kind::Stack: {
        Matrix out(n.rows, n.cols);
        out << at(a[0]), at(a[1]);
        return out;
      }
      case Kind::Diag: return at(a[0]).col(0).asDiagonal();
      case Kind::Det: return Matrix::Constant(1, 1, determinantOf(factorLu(at(a[0]))));
      case Kind::Logdet: return Matrix::Constant(1, 1, logAbsDeterminantOf(factorLu(at(a[0]))));
      case Kind::Inverse: return inverseOf(factorLu(at(a[0])));
      case Kind::Kron: {
        const Matrix& x = at(a[0]);
        const Matrix& y = at(a[1]);
        Matrix out(n.rows, n.cols);
        for (Index j = 0; j < x.cols(); ++j)
          for (Index i = 0; i < x.rows(); ++i) out.block(i * y.rows(), j * y.cols(), y.rows(), y.cols()) = x(i, j) * y;
        return out;
      }
      case Kind::Vec: {
        const Matrix& x = at(a[0]);
        return Eigen::Map<const Matrix>(x.data(), x.size(), 1);
      }
    }
    return Matrix();
  }

  const Values& values_;
  std::unordered_map<const Node*, Matrix> memo_;
};

}  // namespace

Matrix evaluate(const Expr& e, const Values& values) { return Evaluator(values).at(e); }

}  // namespace mc::sym
