// The rows of the op table (see op_cases.hpp). Each closed form is written from the maths, not from the
// engine: loops and std:: functions only.
#include "op_cases.hpp"

#include <cmath>

namespace mc::test {

namespace {

using Fn = std::function<Matrix(const Matrix&, const Matrix&, double)>;

Matrix map(const Matrix& a, const std::function<double(double)>& f) {
  Matrix y(a.rows(), a.cols());
  for (Index i = 0; i < a.size(); ++i) y(i) = f(a(i));
  return y;
}
Matrix zip(const Matrix& a, const Matrix& b, const std::function<double(double, double)>& f) {
  Matrix y(a.rows(), a.cols());
  for (Index i = 0; i < a.size(); ++i) y(i) = f(a(i), b(i));
  return y;
}
Matrix scalar(double v) { return Matrix::Constant(1, 1, v); }

const Domain kAny{-2, 2};
const Domain kPositive{0.5, 3};
const Domain kKinked{0.1, 2, true};  // relu, leaky relu, abs: both signs, never within 0.1 of the kink
const Domain kProbability{0, 1};

std::pair<Shape, Shape> same(Index m, Index n) { return {{m, n}, {m, n}}; }
std::pair<Shape, Shape> unary(Index m, Index n) { return {{m, n}, {0, 0}}; }
std::pair<Shape, Shape> withScalar(Index m, Index n) { return {{m, n}, {1, 1}}; }

OpCase unaryCase(std::string name, Op op, Family family, Domain d, std::function<double(double, double)> f,
                 double p = 0) {
  return {std::move(name), op, family, p, d, {}, unary,
          [f](const Matrix& a, const Matrix&, double q) { return map(a, [&](double x) { return f(x, q); }); }};
}
// The op's name in the calculator's language (its row must say the same).
OpCase called(const char* function, OpCase c) {
  c.function = function;
  return c;
}
OpCase binaryCase(std::string name, Op op, Domain da, Domain db, std::function<double(double, double)> f) {
  return {std::move(name), op, Family::ElementwiseBinary, 0, da, db, same,
          [f](const Matrix& a, const Matrix& b, double) { return zip(a, b, f); }};
}

double sigmoidOf(double x) { return 1 / (1 + std::exp(-x)); }

std::vector<OpCase> makeCases() {
  std::vector<OpCase> c;
  const Family ua = Family::UnaryArithmetic, act = Family::UnaryActivation;

  // ---- element-wise binary (item 6)
  c.push_back(binaryCase("add", Op::Add, kAny, kAny, [](double a, double b) { return a + b; }));
  c.push_back(binaryCase("sub", Op::Sub, kAny, kAny, [](double a, double b) { return a - b; }));
  c.push_back(binaryCase("mul", Op::Mul, kAny, kAny, [](double a, double b) { return a * b; }));
  c.push_back(binaryCase("div", Op::Div, kAny, kPositive, [](double a, double b) { return a / b; }));

  // ---- scalar expansion (item 7)
  c.push_back({"add scalar", Op::AddScalar, Family::ScalarExpansion, 0, kAny, kAny, withScalar,
               [](const Matrix& a, const Matrix& b, double) { return map(a, [&](double x) { return x + b(0, 0); }); }});
  c.push_back({"mul scalar", Op::MulScalar, Family::ScalarExpansion, 0, kAny, kAny, withScalar,
               [](const Matrix& a, const Matrix& b, double) { return map(a, [&](double x) { return x * b(0, 0); }); }});

  // ---- element-wise unary: arithmetic (item 3)
  c.push_back(unaryCase("neg", Op::Neg, ua, kAny, [](double x, double) { return -x; }));
  c.push_back(unaryCase("add constant, p = 1.5", Op::AddConst, ua, kAny, [](double x, double p) { return x + p; }, 1.5));
  c.push_back(unaryCase("scale, p = -2.5", Op::Scale, ua, kAny, [](double x, double p) { return p * x; }, -2.5));
  c.push_back(called("exp", unaryCase("exp", Op::Exp, ua, kAny, [](double x, double) { return std::exp(x); })));
  c.push_back(called("log", unaryCase("log", Op::Log, ua, kPositive, [](double x, double) { return std::log(x); })));
  c.push_back(unaryCase("pow, p = 2.5", Op::Pow, ua, kPositive, [](double x, double p) { return std::pow(x, p); }, 2.5));
  c.push_back(unaryCase("pow, p = -1.5", Op::Pow, ua, kPositive, [](double x, double p) { return std::pow(x, p); }, -1.5));
  c.push_back(unaryCase("pow, p = 3 (any sign)", Op::Pow, ua, kAny, [](double x, double) { return x * x * x; }, 3));
  c.push_back(unaryCase("pow, p = -1 (reciprocal)", Op::Pow, ua, kPositive, [](double x, double) { return 1 / x; }, -1));
  c.push_back(unaryCase("pow, p = 0 (constant 1)", Op::Pow, ua, kAny, [](double, double) { return 1.0; }, 0));
  c.push_back(called("log1p", unaryCase("log1p", Op::Log1p, ua, {-0.5, 2}, [](double x, double) { return std::log(1 + x); })));
  c.push_back(unaryCase("square", Op::Square, ua, kAny, [](double x, double) { return x * x; }));
  c.push_back(called("sqrt", unaryCase("sqrt", Op::Sqrt, ua, kPositive, [](double x, double) { return std::sqrt(x); })));

  // ---- element-wise unary: trigonometry and activations (items 3 and 10)
  c.push_back(called("sin", unaryCase("sin", Op::Sin, act, {-3, 3}, [](double x, double) { return std::sin(x); })));
  c.push_back(called("cos", unaryCase("cos", Op::Cos, act, {-3, 3}, [](double x, double) { return std::cos(x); })));
  c.push_back(called("tanh", unaryCase("tanh", Op::Tanh, act, {-3, 3}, [](double x, double) {
    const double e = std::exp(2 * x);
    return (e - 1) / (e + 1);
  })));
  c.push_back(called("sigmoid", unaryCase("sigmoid", Op::Sigmoid, act, {-4, 4}, [](double x, double) { return sigmoidOf(x); })));
  c.push_back(called("relu", unaryCase("relu", Op::Relu, act, kKinked, [](double x, double) { return x > 0 ? x : 0.0; })));
  c.push_back(unaryCase("leaky relu, p = 0.1", Op::LeakyRelu, act, kKinked,
                        [](double x, double p) { return x > 0 ? x : p * x; }, 0.1));
  c.push_back(called("abs", unaryCase("abs", Op::Abs, act, kKinked, [](double x, double) { return x < 0 ? -x : x; })));
  c.push_back(called("softplus", unaryCase("softplus", Op::Softplus, act, {-4, 4}, [](double x, double) { return std::log(1 + std::exp(x)); })));
  c.push_back(unaryCase("step", Op::Step, act, kKinked, [](double x, double) { return x > 0 ? 1.0 : 0.0; }));

  // ---- linear algebra (items 1, 5, 9, 10, 12)
  c.push_back({"matmul", Op::MatMul, Family::LinearAlgebra, 0, kAny, kAny,
               [](Index m, Index n) { return std::pair<Shape, Shape>{{m, n}, {n, m == 1 && n == 1 ? 1 : 2}}; },
               [](const Matrix& a, const Matrix& b, double) {
                 Matrix y = Matrix::Zero(a.rows(), b.cols());
                 for (Index i = 0; i < a.rows(); ++i)
                   for (Index j = 0; j < b.cols(); ++j)
                     for (Index k = 0; k < a.cols(); ++k) y(i, j) += a(i, k) * b(k, j);
                 return y;
               }});
  c.push_back({"transpose", Op::Transpose, Family::LinearAlgebra, 0, kAny, {}, unary,
               [](const Matrix& a, const Matrix&, double) {
                 Matrix y(a.cols(), a.rows());
                 for (Index i = 0; i < a.rows(); ++i)
                   for (Index j = 0; j < a.cols(); ++j) y(j, i) = a(i, j);
                 return y;
               }});
  c.back().function = "transpose";
  c.push_back({"dot", Op::Dot, Family::LinearAlgebra, 0, kAny, kAny,
               [](Index m, Index n) { return std::pair<Shape, Shape>{{m * n, 1}, {m * n, 1}}; },
               [](const Matrix& a, const Matrix& b, double) {
                 double s = 0;
                 for (Index i = 0; i < a.rows(); ++i) s += a(i, 0) * b(i, 0);
                 return scalar(s);
               }});
  c.back().function = "dot";
  c.push_back({"add bias", Op::AddBias, Family::LinearAlgebra, 0, kAny, kAny,
               [](Index m, Index n) { return std::pair<Shape, Shape>{{m, n}, {m, 1}}; },
               [](const Matrix& a, const Matrix& b, double) {
                 Matrix y(a.rows(), a.cols());
                 for (Index i = 0; i < a.rows(); ++i)
                   for (Index j = 0; j < a.cols(); ++j) y(i, j) = a(i, j) + b(i, 0);
                 return y;
               }});
  c.push_back({"stack", Op::Stack, Family::LinearAlgebra, 0, kAny, kAny,
               [](Index m, Index n) { return std::pair<Shape, Shape>{{m, n}, {2, n}}; },
               [](const Matrix& a, const Matrix& b, double) {
                 Matrix y(a.rows() + b.rows(), a.cols());
                 for (Index j = 0; j < a.cols(); ++j) {
                   for (Index i = 0; i < a.rows(); ++i) y(i, j) = a(i, j);
                   for (Index i = 0; i < b.rows(); ++i) y(a.rows() + i, j) = b(i, j);
                 }
                 return y;
               }});

  // ---- reductions (item 8)
  auto total = [](const Matrix& a) {
    double s = 0;
    for (Index i = 0; i < a.size(); ++i) s += a(i);
    return s;
  };
  c.push_back({"sum", Op::Sum, Family::Reduction, 0, kAny, {}, unary,
               [total](const Matrix& a, const Matrix&, double) { return scalar(total(a)); }});
  c.back().function = "sum";
  c.push_back({"mean", Op::Mean, Family::Reduction, 0, kAny, {}, unary,
               [total](const Matrix& a, const Matrix&, double) { return scalar(total(a) / static_cast<double>(a.size())); }});
  c.back().function = "mean";
  c.push_back({"sum rows", Op::SumRows, Family::Reduction, 0, kAny, {}, unary,
               [](const Matrix& a, const Matrix&, double) {
                 Matrix y = Matrix::Zero(1, a.cols());
                 for (Index i = 0; i < a.rows(); ++i)
                   for (Index j = 0; j < a.cols(); ++j) y(0, j) += a(i, j);
                 return y;
               }});
  c.push_back({"sum columns", Op::SumCols, Family::Reduction, 0, kAny, {}, unary,
               [](const Matrix& a, const Matrix&, double) {
                 Matrix y = Matrix::Zero(a.rows(), 1);
                 for (Index i = 0; i < a.rows(); ++i)
                   for (Index j = 0; j < a.cols(); ++j) y(i, 0) += a(i, j);
                 return y;
               }});

  // ---- softmax and the losses (item 11 and beyond): the textbook formulas, unfused
  auto softmaxOf = [](const Matrix& z) {
    Matrix s(z.rows(), z.cols());
    for (Index j = 0; j < z.cols(); ++j) {
      double denominator = 0;
      for (Index i = 0; i < z.rows(); ++i) denominator += std::exp(z(i, j));
      for (Index i = 0; i < z.rows(); ++i) s(i, j) = std::exp(z(i, j)) / denominator;
    }
    return s;
  };
  c.push_back({"softmax", Op::Softmax, Family::Loss, 0, kAny, {}, unary,
               [softmaxOf](const Matrix& a, const Matrix&, double) { return softmaxOf(a); }});
  c.push_back({"mse", Op::Mse, Family::Loss, 0, kAny, kAny, same, [](const Matrix& a, const Matrix& b, double) {
                 double s = 0;
                 for (Index i = 0; i < a.size(); ++i) s += (a(i) - b(i)) * (a(i) - b(i));
                 return scalar(s / static_cast<double>(a.size()));
               }});
  c.push_back({"binary cross-entropy from logits", Op::BceWithLogits, Family::Loss, 0, {-3, 3}, kProbability, same,
               [](const Matrix& z, const Matrix& t, double) {
                 double s = 0;
                 for (Index i = 0; i < z.size(); ++i) {
                   const double p = sigmoidOf(z(i));
                   s += -t(i) * std::log(p) - (1 - t(i)) * std::log(1 - p);
                 }
                 return scalar(s / static_cast<double>(z.size()));
               }});
  c.push_back({"softmax cross-entropy from logits", Op::SoftmaxCrossEntropy, Family::Loss, 0, kAny, kProbability,
               same, [softmaxOf](const Matrix& z, const Matrix& t, double) {
                 const Matrix s = softmaxOf(z);
                 double loss = 0;
                 for (Index i = 0; i < z.size(); ++i) loss -= t(i) * std::log(s(i));
                 return scalar(loss / static_cast<double>(z.cols()));
               }});
  return c;
}

}  // namespace

const std::vector<OpCase>& allOpCases() {
  static const std::vector<OpCase> cases = makeCases();
  return cases;
}

std::vector<OpCase> opCasesOf(Family family) {
  std::vector<OpCase> out;
  for (const OpCase& c : allOpCases())
    if (c.family == family) out.push_back(c);
  return out;
}

}  // namespace mc::test
