// One row per engine op: its closed form, its reverse (adjoint) rule and its forward (Jacobian) rule.
#include "symbolic/op_rules.hpp"

#include <array>
#include <string>

namespace mc::sym {

namespace {

using E = const Expr&;

// The gradient of an operand that was expanded (a 1x1 meeting a matrix) sums over the expansion.
Expr unexpand(const Expr& g, E like) {
  if (g->rows == like->rows && g->cols == like->cols) return g;
  return sum(g);
}

const char* kMatrixJacobian =
    "the Jacobian passes through a matrix that depends on the variable: in vec form it needs Kronecker products, so it stays numeric";

Expr column(E v) {
  if (v->cols == 1) return v;
  if (v->rows == 1) return transpose(v);
  throw NoClosedForm(kMatrixJacobian);
}

// diag(w) J for the Jacobian J of the other factor, expanded to the output's `rows` entries.
Expr diagTimes(E w, const Expr& j, Index rows) {
  if (!j) return nullptr;
  const Expr expanded = j->rows == rows ? j : matmul(ones(rows, 1), j);
  return isScalar(w) ? hadamard(w, expanded) : matmul(diag(column(w)), expanded);
}

Expr plus(const Expr& x, const Expr& y) {
  if (!x) return y;
  if (!y) return x;
  return add(x, y);
}

Expr expandJ(const Expr& j, Index rows) {
  if (!j || j->rows == rows) return j;
  return matmul(ones(rows, 1), j);
}

Index entries(E e) { return e->rows * e->cols; }

// element-wise unary f: value f(a) and slope f'(a); the adjoint is gy * f'(a), the Jacobian
// diag(f'(a)) J_a (see adjoint() and tangent() below)
using ValueFn = Expr (*)(E a, E b, double p);
using SlopeFn = Expr (*)(E a, E y, double p);
SymbolicRule unary(Op op, ValueFn value, SlopeFn slope) {
  return {op, "element-wise diagonal Jacobian", value, nullptr, nullptr, slope, nullptr};
}

Expr fnValue(Fn f, E a) { return func(f, a); }

SymbolicRule none(Op op, const char* why) { return {op, nullptr, nullptr, nullptr, nullptr, nullptr, why}; }

std::array<SymbolicRule, static_cast<std::size_t>(Op::Count)> makeRules() {
  return {{
      none(Op::Variable, "a leaf"),
      none(Op::Constant, "a leaf"),
      // ---- y = a + b, a - b: adjoints gy and -gy (summed over an expanded 1x1); J = J_a + J_b
      {Op::Add, "sum rule", [](E a, E b, double) { return add(a, b); },
       [](int k, E a, E b, double, E, E gy) { return unexpand(gy, k == 0 ? a : b); },
       [](E, E, double, E y, E ja, E jb) { return plus(expandJ(ja, entries(y)), expandJ(jb, entries(y))); }, nullptr, nullptr},
      {Op::Sub, "sum rule", [](E a, E b, double) { return sub(a, b); },
       [](int k, E a, E b, double, E, E gy) { return k == 0 ? unexpand(gy, a) : neg(unexpand(gy, b)); },
       [](E, E, double, E y, E ja, E jb) {
         const Expr nb = jb ? neg(expandJ(jb, entries(y))) : nullptr;
         return plus(expandJ(ja, entries(y)), nb);
       }, nullptr, nullptr},
      // ---- y = a * b element-wise: adjoints gy * b, gy * a; J = diag(b) J_a + diag(a) J_b (paper 4.3)
      {Op::Mul, "product rule", [](E a, E b, double) { return hadamard(a, b); },
       [](int k, E a, E b, double, E, E gy) { return unexpand(hadamard(gy, k == 0 ? b : a), k == 0 ? a : b); },
       [](E a, E b, double, E y, E ja, E jb) { return plus(diagTimes(b, ja, entries(y)), diagTimes(a, jb, entries(y))); },
       nullptr, nullptr},
      // ---- y = a / b: adjoints gy / b, -gy * a / b^2
      {Op::Div, "quotient rule", [](E a, E b, double) { return divide(a, b); },
       [](int k, E a, E b, double, E, E gy) {
         return k == 0 ? unexpand(divide(gy, b), a) : unexpand(neg(divide(hadamard(gy, a), power(b, 2))), b);
       },
       [](E a, E b, double, E y, E ja, E jb) {
         return plus(diagTimes(divide(number(1), b), ja, entries(y)),
                     diagTimes(neg(divide(a, power(b, 2))), jb, entries(y)));
       }, nullptr, nullptr},
      // ---- scalar expansion: a matrix with a 1x1 b (paper 4.4); the adjoint of b sums over the expansion
      {Op::AddScalar, "scalar expansion", [](E a, E b, double) { return add(a, b); },
       [](int k, E a, E b, double, E, E gy) { return unexpand(gy, k == 0 ? a : b); },
       [](E, E, double, E y, E ja, E jb) { return plus(expandJ(ja, entries(y)), expandJ(jb, entries(y))); }, nullptr, nullptr},
      {Op::MulScalar, "scalar expansion", [](E a, E b, double) { return hadamard(a, b); },
       [](int k, E a, E b, double, E, E gy) { return unexpand(hadamard(gy, k == 0 ? b : a), k == 0 ? a : b); },
       [](E a, E b, double, E y, E ja, E jb) { return plus(diagTimes(b, ja, entries(y)), diagTimes(a, jb, entries(y))); },
       nullptr, nullptr},
      // ---- element-wise functions of one input (paper 4.2, applied entry by entry)
      unary(Op::Neg, [](E a, E, double) { return neg(a); },
            [](E, E, double) { return number(-1); }),
      unary(Op::AddConst, [](E a, E, double p) { return add(a, number(p)); },
            [](E, E, double) { return number(1); }),
      unary(Op::Scale, [](E a, E, double p) { return scale(p, a); },
            [](E, E, double p) { return number(p); }),
      unary(Op::Exp, [](E a, E, double) { return fnValue(Fn::Exp, a); },
            [](E, E y, double) { return y; }),
      unary(Op::Log, [](E a, E, double) { return fnValue(Fn::Log, a); },
            [](E a, E, double) { return divide(number(1), a); }),
      unary(Op::Pow, [](E a, E, double p) { return power(a, p); },
            [](E a, E, double p) { return scale(p, power(a, p - 1)); }),
      unary(Op::Square, [](E a, E, double) { return power(a, 2); },
            [](E a, E, double) { return scale(2, a); }),
      unary(Op::Sqrt, [](E a, E, double) { return fnValue(Fn::Sqrt, a); },
            [](E, E y, double) { return divide(number(0.5), y); }),
      unary(Op::Sin, [](E a, E, double) { return fnValue(Fn::Sin, a); },
            [](E a, E, double) { return func(Fn::Cos, a); }),
      unary(Op::Cos, [](E a, E, double) { return fnValue(Fn::Cos, a); },
            [](E a, E, double) { return neg(func(Fn::Sin, a)); }),
      unary(Op::Tanh, [](E a, E, double) { return fnValue(Fn::Tanh, a); },
            [](E, E y, double) { return sub(number(1), power(y, 2)); }),
      unary(Op::Sigmoid, [](E a, E, double) { return fnValue(Fn::Sigmoid, a); },
            [](E, E y, double) { return hadamard(y, sub(number(1), y)); }),
      unary(Op::Relu, [](E a, E, double) { return fnValue(Fn::Relu, a); },
            [](E a, E, double) { return func(Fn::Step, a); }),
      none(Op::LeakyRelu, "leaky ReLU is not in the calculator's language"),
      unary(Op::Abs, [](E a, E, double) { return fnValue(Fn::Abs, a); },
            [](E a, E y, double) { return divide(a, y); }),
      unary(Op::Softplus, [](E a, E, double) { return fnValue(Fn::Log, add(number(1), func(Fn::Exp, a))); },
            [](E a, E, double) { return func(Fn::Sigmoid, a); }),
      unary(Op::Log1p, [](E a, E, double) { return fnValue(Fn::Log, add(number(1), a)); },
            [](E a, E, double) { return divide(number(1), add(number(1), a)); }),
      unary(Op::Step, [](E a, E, double) { return fnValue(Fn::Step, a); }, [](E a, E, double) { return zero(a->rows, a->cols); }),
      // ---- Y = A B: adjoints gY B', A' gY (paper 4.5: dW = dy x')
      {Op::MatMul, "matrix product", [](E a, E b, double) { return matmul(a, b); },
       [](int k, E a, E b, double, E, E gy) { return k == 0 ? matmul(gy, transpose(b)) : matmul(transpose(a), gy); },
       [](E a, E b, double, E, E ja, E jb) -> Expr {
         Expr out;
         if (ja) {  // a depends on the variable: only a row a (1 x k) has a matrix form, b' J_a
           if (a->rows != 1) throw NoClosedForm(kMatrixJacobian);
           out = matmul(transpose(b), ja);
         }
         if (jb) {
           if (b->cols != 1) throw NoClosedForm(kMatrixJacobian);
           out = plus(out, matmul(a, jb));
         }
         return out;
       }, nullptr, nullptr},
      // ---- Y = A': the adjoint is gY' (paper 4.7); a vector's Jacobian is unchanged (vec(x') = vec(x))
      {Op::Transpose, "transpose", [](E a, E, double) { return transpose(a); },
       [](int, E, E, double, E, E gy) { return transpose(gy); },
       [](E a, E, double, E, E ja, E) { column(a); return ja; }, nullptr, nullptr},
      // ---- y = a . b: adjoints gy b, gy a; J = b' J_a + a' J_b (paper 4.5)
      {Op::Dot, "dot product", [](E a, E b, double) { return matmul(transpose(a), b); },
       [](int k, E a, E b, double, E, E gy) { return hadamard(gy, k == 0 ? b : a); },
       [](E a, E b, double, E, E ja, E jb) {
         return plus(ja ? matmul(transpose(b), ja) : nullptr, jb ? matmul(transpose(a), jb) : nullptr);
       }, nullptr, nullptr},
      // ---- Z = A + b 1' (a bias column over the columns): adjoints gZ, gZ 1
      {Op::AddBias, "scalar expansion", [](E a, E b, double) { return add(a, matmul(b, ones(1, a->cols))); },
       [](int k, E a, E, double, E, E gy) { return k == 0 ? gy : matmul(gy, ones(a->cols, 1)); },
       [](E a, E, double, E y, E ja, E jb) { column(a); return plus(ja, expandJ(jb, entries(y))); }, nullptr, nullptr},
      // ---- [a; b]: the adjoint of each is its rows of gy; J = [J_a; J_b]
      {Op::Stack, "stacking", [](E a, E b, double) { return stack(a, b); },
       [](int k, E a, E b, double, E, E gy) { return k == 0 ? rowsOf(gy, 0, a->rows) : rowsOf(gy, a->rows, b->rows); },
       [](E a, E b, double, E, E ja, E jb) {
         column(a);
         column(b);
         const Index n = ja ? ja->cols : jb->cols;
         return stack(ja ? ja : zero(a->rows, n), jb ? jb : zero(b->rows, n));
       }, nullptr, nullptr},
      // ---- y = sum(a): the adjoint gy 1 (paper 4.6: sum reduction); J = 1' J_a
      {Op::Sum, "sum reduction", [](E a, E, double) { return sum(a); },
       [](int, E a, E, double, E, E gy) { return hadamard(gy, ones(a->rows, a->cols)); },
       [](E a, E, double, E, E ja, E) { return matmul(ones(1, entries(a)), ja); }, nullptr, nullptr},
      {Op::Mean, "sum reduction", [](E a, E, double) { return scale(1.0 / static_cast<double>(entries(a)), sum(a)); },
       [](int, E a, E, double, E, E gy) { return scale(1.0 / static_cast<double>(entries(a)), hadamard(gy, ones(a->rows, a->cols))); },
       [](E a, E, double, E, E ja, E) { return scale(1.0 / static_cast<double>(entries(a)), matmul(ones(1, entries(a)), ja)); },
       nullptr, nullptr},
      // ---- the rows added (1' A) and the columns added (A 1)
      {Op::SumRows, "sum reduction", [](E a, E, double) { return matmul(ones(1, a->rows), a); },
       [](int, E a, E, double, E, E gy) { return matmul(ones(a->rows, 1), gy); },
       [](E a, E, double, E y, E ja, E) { return a->cols == 1 ? matmul(ones(1, entries(a)), ja) : (column(a), column(y), ja); },
       nullptr, nullptr},
      {Op::SumCols, "sum reduction", [](E a, E, double) { return matmul(a, ones(a->cols, 1)); },
       [](int, E a, E, double, E, E gy) { return matmul(gy, ones(1, a->cols)); },
       [](E a, E, double, E, E ja, E) { return a->rows == 1 ? matmul(ones(1, entries(a)), ja) : (column(a), ja); }, nullptr, nullptr},
      none(Op::Softmax, "softmax has no closed form here yet"),
      // ---- C = mean((a - b)^2): adjoints 2/N gC (a - b) and its negative (paper 5, the MSE)
      {Op::Mse, "mean squared error",
       [](E a, E b, double) { return scale(1.0 / static_cast<double>(entries(a)), sum(power(sub(a, b), 2))); },
       [](int k, E a, E b, double, E, E gy) {
         return scale((k == 0 ? 2.0 : -2.0) / static_cast<double>(entries(a)), hadamard(gy, sub(a, b)));
       },
       nullptr, nullptr, nullptr},
      none(Op::BceWithLogits, "binary cross-entropy has no closed form here yet"),
      none(Op::SoftmaxCrossEntropy, "softmax cross-entropy has no closed form here yet"),
  }};
}

}  // namespace

const SymbolicRule& symbolicRule(Op op) {
  static const auto table = [] {
    auto t = makeRules();
    for (std::size_t i = 0; i < t.size(); ++i) {  // a row out of order would give an op another's rule
      if (static_cast<std::size_t>(t[i].op) != i) throw std::logic_error("symbolic rules: row " + std::to_string(i) + " is out of order");
    }
    return t;
  }();
  const auto i = static_cast<std::size_t>(op);
  if (i >= table.size()) throw std::out_of_range("symbolicRule: no op " + std::to_string(i));
  return table[i];
}

Expr adjoint(const SymbolicRule& r, int k, const Expr& a, const Expr& b, double p, const Expr& y, const Expr& gy) {
  if (r.slope) return hadamard(gy, r.slope(a, y, p));
  return r.vjp(k, a, b, p, y, gy);
}

Expr tangent(const SymbolicRule& r, const Expr& a, const Expr& b, double p, const Expr& y, const Expr& ja,
             const Expr& jb) {
  if (r.slope) return diagTimes(r.slope(a, y, p), ja, entries(y));
  if (!r.jvp) throw NoClosedForm(std::string("the ") + r.step + " has no forward rule here: the Jacobian stays numeric");
  return r.jvp(a, b, p, y, ja, jb);
}

int symbolicRuleCount() { return static_cast<int>(Op::Count); }

}  // namespace mc::sym
