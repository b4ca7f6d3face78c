// Element-wise ops: their Jacobians are diagonal (the paper's scalar derivative rules, element-wise binary operators and scalar expansion).
#include "ops/op_helpers.hpp"
#include "ops/structure.hpp"

#include <algorithm>
#include <cmath>

namespace mc {

using namespace detail;

namespace {

// ---- element-wise unary ops: y_i = f(x_i; p), dy_i/dx_i = f'(x_i; p), written with y_i where cheaper.
// One struct per op gives f and df and the diagonal of its Jacobian in LaTeX and words; the template
// makes the op's row.
template <class F>
struct Unary {
  static std::pair<Index, Index> shape(const Matrix& a, const Matrix&, double) { return shapeOf(a); }
  static void forward(const Matrix& a, const Matrix&, double p, Matrix& y) {
    y = a.unaryExpr([p](double x) { return F::f(x, p); });
  }
  static auto slope(const OpArgs& s) {  // f'(x) element by element, as an Eigen expression
    const double p = s.p;
    return s.a.binaryExpr(s.y, [p](double x, double y) { return F::df(x, y, p); });
  }
  static void vjp(int, const OpArgs& s, const Matrix& gy, Matrix& g) {
    g.array() += gy.array() * slope(s).array();
  }
  static void jvp(const OpArgs& s, const Matrix& ta, const Matrix&, Matrix& ty) {
    ty = (ta.array() * slope(s).array()).matrix();
  }
  static Matrix jacobian(int, const OpArgs& s) { return diagonalOf(slope(s)); }
  static JacobianStructure structure(int, const OpArgs& s) {
    return diagonalStructure(F::slopeLatex, F::slopeText, Matrix(slope(s)));
  }
  // Neg, AddConst and Scale give their own structure (-I, I, c I) instead of diag(slope).
  static OpInfo row(const char* name, Rule rule = Rule::ScalarDerivative,
                    decltype(OpInfo::structure) described = &Unary::structure) {
    return opRow(name, 1, rule, shape, forward, vjp, jvp, jacobian, described, 1);
  }
};

// The op's name and arity in the calculator's language, with one line for its help.
OpInfo callable(OpInfo r, const char* function, const char* summary) {
  r.function = function;
  r.summary = summary;
  return r;
}
OpInfo withParameter(OpInfo r, const char* parameter) {
  r.parameter = parameter;
  return r;
}

// slopeLatex / slopeText: the diagonal of the Jacobian, as the trace shows it.
#define MC_SLOPE(latex, text) \
  static constexpr const char* slopeLatex = latex; \
  static constexpr const char* slopeText = text;
struct NegF { static double f(double x, double) { return -x; } static double df(double, double, double) { return -1; } };
struct AddConstF { static double f(double x, double p) { return x + p; } static double df(double, double, double) { return 1; } };
struct ScaleF { static double f(double x, double p) { return p * x; } static double df(double, double, double p) { return p; } };
struct ExpF {
  static double f(double x, double) { return std::exp(x); }
  static double df(double, double y, double) { return y; }
  MC_SLOPE(R"(e^{\mathbf{x}})", "diagonal: e^x_i on the diagonal")
};
struct LogF {
  static double f(double x, double) { return std::log(x); }
  static double df(double x, double, double) { return 1 / x; }
  MC_SLOPE(R"(1/\mathbf{x})", "diagonal: 1/x_i on the diagonal")
};
struct PowF {  // x^p: p x^(p-1)
  static double f(double x, double p) { return std::pow(x, p); }
  static double df(double x, double, double p) { return p == 0 ? 0 : p * std::pow(x, p - 1); }
  MC_SLOPE(R"(p\,\mathbf{x}^{p-1})", "diagonal: p x_i^(p-1) on the diagonal")
};
struct SquareF {
  static double f(double x, double) { return x * x; }
  static double df(double x, double, double) { return 2 * x; }
  MC_SLOPE(R"(2\mathbf{x})", "diagonal: 2 x_i on the diagonal")
};
struct SqrtF {
  static double f(double x, double) { return std::sqrt(x); }
  static double df(double, double y, double) { return 0.5 / y; }
  MC_SLOPE(R"(\tfrac{1}{2\sqrt{\mathbf{x}}})", "diagonal: 1/(2 sqrt(x_i)) on the diagonal")
};
struct SinF {
  static double f(double x, double) { return std::sin(x); }
  static double df(double x, double, double) { return std::cos(x); }
  MC_SLOPE(R"(\cos \mathbf{x})", "diagonal: cos(x_i) on the diagonal")
};
struct CosF {
  static double f(double x, double) { return std::cos(x); }
  static double df(double x, double, double) { return -std::sin(x); }
  MC_SLOPE(R"(-\sin \mathbf{x})", "diagonal: -sin(x_i) on the diagonal")
};
// tanh without libm's tanh (musl's goes through expm1 and costs about a third of a small training step in
// WebAssembly). |x| < 1: the 8th convergent of Lambert's continued fraction x / (1 + x^2 / (3 + x^2 / (5 + ...))),
// written as x P(x^2) / Q(x^2) with exact integer coefficients, all positive (no cancellation: a few ulp,
// exact at 0 and keeps the sign of -0; truncation error below 3e-17 on [0, 1]). |x| >= 1: 1 - 2 / (e^2|x| + 1),
// which is above 0.76, so exp's rounding costs about one ulp; it reaches exactly 1 from |x| ~ 19 and e^2|x| = inf
// gives 1 too. NaN stays NaN. tests/unit/ops/tanh_accuracy_test.cpp: within 1e-15 of long double tanh.
double fastTanh(double x) {
  const double ax = std::abs(x);
  if (ax < 1) {
    const double s = x * x;
    const double p = (((s + 990) * s + 135135) * s + 4729725) * s + 34459425;
    const double q = ((((45 * s + 13860) * s + 945945) * s + 16216200) * s + 34459425);
    return x * (p / q);
  }
  if (std::isnan(x)) return x;
  return std::copysign(1 - 2 / (std::exp(2 * ax) + 1), x);
}
struct TanhF {
  static double f(double x, double) { return fastTanh(x); }
  static double df(double, double y, double) { return 1 - y * y; }
  MC_SLOPE(R"(1 - \tanh^2 \mathbf{x})", "diagonal: 1 - tanh(x_i)^2 on the diagonal")
};
struct SigmoidF {
  static double f(double x, double) { return stableSigmoid(x); }
  static double df(double, double y, double) { return y * (1 - y); }
  MC_SLOPE(R"(\sigma(\mathbf{x}) \otimes (1 - \sigma(\mathbf{x})))", "diagonal: sigmoid(x_i) (1 - sigmoid(x_i)) on the diagonal")
};
// max(0, x): the derivative at 0 is taken as 0, as the paper does (z <= 0 -> 0).
struct ReluF {
  static double f(double x, double) { return x > 0 ? x : 0; }
  static double df(double x, double, double) { return x > 0 ? 1 : 0; }
  MC_SLOPE(R"(\mathbb{1}[\mathbf{x} > 0])", "diagonal: 1 where x_i > 0, else 0 (the ReLU mask)")
};
struct LeakyReluF {
  static double f(double x, double p) { return x > 0 ? x : p * x; }
  static double df(double x, double, double p) { return x > 0 ? 1 : p; }
  MC_SLOPE(R"(\mathbb{1}[\mathbf{x} > 0] + \alpha\,\mathbb{1}[\mathbf{x} \le 0])", "diagonal: 1 where x_i > 0, else the slope")
};
// |x|: the derivative at 0 is taken as 0 (a subgradient).
struct AbsF {
  static double f(double x, double) { return std::abs(x); }
  static double df(double x, double, double) { return x > 0 ? 1 : (x < 0 ? -1 : 0); }
  MC_SLOPE(R"(\operatorname{sign}(\mathbf{x}))", "diagonal: the sign of x_i")
};
// log(1 + e^x), written max(x, 0) + log1p(e^-|x|) so that neither e^x overflows for large x nor the
// 1 + tiny loses x's digits for very negative x; its derivative is the sigmoid.
struct SoftplusF {
  static double f(double x, double) { return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x))); }
  static double df(double x, double, double) { return stableSigmoid(x); }
  MC_SLOPE(R"(\sigma(\mathbf{x}))", "diagonal: sigmoid(x_i) on the diagonal")
};
// log(1 + x) without first rounding 1 + x (which loses x's digits when |x| is tiny).
struct Log1pF {
  static double f(double x, double) { return std::log1p(x); }
  static double df(double x, double, double) { return 1 / (1 + x); }
  MC_SLOPE(R"(1/(1 + \mathbf{x}))", "diagonal: 1/(1 + x_i) on the diagonal")
};
#undef MC_SLOPE

// ---- element-wise binary ops, same shapes: y = a o b, dy/da = diag(da_i), dy/db = diag(db_i) (item 6).
template <class F>
struct Binary {
  static std::pair<Index, Index> shape(const Matrix& a, const Matrix& b, double) {
    return sameShape(F::name, F::verb, a, b);
  }
  static void forward(const Matrix& a, const Matrix& b, double, Matrix& y) { F::forward(a, b, y); }
  static void vjp(int k, const OpArgs& s, const Matrix& gy, Matrix& g) {
    g.array() += gy.array() * F::partial(k, s).array();
  }
  static void jvp(const OpArgs& s, const Matrix& ta, const Matrix& tb, Matrix& ty) {
    ty = (ta.array() * F::partial(0, s).array() + tb.array() * F::partial(1, s).array()).matrix();
  }
  static Matrix jacobian(int k, const OpArgs& s) { return diagonalOf(F::partial(k, s)); }
  static OpInfo row() {
    return opRow(F::name, 2, Rule::ElementWiseBinary, shape, forward, vjp, jvp, jacobian, F::structure, 3);
  }
};

// partial(k, s): d y_i / d input_k_i for every i, as a matrix shaped like y.
struct AddF {
  static constexpr const char* name = "add";
  static constexpr const char* verb = "plus";
  static void forward(const Matrix& a, const Matrix& b, Matrix& y) { y = a + b; }
  static Matrix partial(int, const OpArgs& s) { return Matrix::Ones(s.y.rows(), s.y.cols()); }
  static JacobianStructure structure(int, const OpArgs&) { return namedStructure("identity", "I", "the identity"); }
};
struct SubF {
  static constexpr const char* name = "sub";
  static constexpr const char* verb = "minus";
  static void forward(const Matrix& a, const Matrix& b, Matrix& y) { y = a - b; }
  static Matrix partial(int k, const OpArgs& s) { return Matrix::Constant(s.y.rows(), s.y.cols(), k == 0 ? 1 : -1); }
  static JacobianStructure structure(int k, const OpArgs&) {
    return k == 0 ? namedStructure("identity", "I", "the identity")
                  : namedStructure("negative-identity", "-I", "minus the identity");
  }
};
struct MulF {  // Hadamard product
  static constexpr const char* name = "mul";
  static constexpr const char* verb = "times";
  static void forward(const Matrix& a, const Matrix& b, Matrix& y) { y = a.cwiseProduct(b); }
  static const Matrix& partial(int k, const OpArgs& s) { return k == 0 ? s.b : s.a; }
  static JacobianStructure structure(int k, const OpArgs& s) {
    return k == 0 ? diagonalStructure(R"(\mathbf{x})", "diagonal: the other operand x on the diagonal", s.b)
                  : diagonalStructure(R"(\mathbf{w})", "diagonal: the other operand w on the diagonal", s.a);
  }
};
struct DivF {
  static constexpr const char* name = "div";
  static constexpr const char* verb = "divided by";
  static void forward(const Matrix& a, const Matrix& b, Matrix& y) { y = a.cwiseQuotient(b); }
  static Matrix partial(int k, const OpArgs& s) {  // 1/b_i, -a_i/b_i^2
    if (k == 0) return s.b.cwiseInverse();
    return -(s.a.array() / s.b.array().square()).matrix();
  }
  static JacobianStructure structure(int k, const OpArgs& s) {
    return k == 0 ? diagonalStructure(R"(1/\mathbf{x})", "diagonal: 1/x_i on the diagonal", partial(0, s))
                  : diagonalStructure(R"(-\mathbf{w}/\mathbf{x}^2)", "diagonal: -w_i/x_i^2 on the diagonal", partial(1, s));
  }
};

// Add and Sub are the hot path of training (no temporaries there).
void addVjp(int, const OpArgs&, const Matrix& gy, Matrix& g) { g += gy; }
void subVjp(int k, const OpArgs&, const Matrix& gy, Matrix& g) {
  if (k == 0) g += gy; else g -= gy;
}
void addJvp(const OpArgs&, const Matrix& ta, const Matrix& tb, Matrix& ty) { ty = ta + tb; }
void subJvp(const OpArgs&, const Matrix& ta, const Matrix& tb, Matrix& ty) { ty = ta - tb; }
void mulVjp(int k, const OpArgs& s, const Matrix& gy, Matrix& g) {
  g.array() += gy.array() * (k == 0 ? s.b : s.a).array();
}

// ---- scalar expansion (item 7): a is a matrix, b is 1x1.
//   y = a + z: dy/da = I, dy/dz = 1 (a column of ones);  y = a z: dy/da = z I, dy/dz = vec(a).
std::pair<Index, Index> scalarShape(const char* op, const char* verb, const Matrix& a, const Matrix& b) {
  if (!isScalar(b)) throwShapeError(op, a, verb, b, "the second operand must be a 1x1 scalar");
  return shapeOf(a);
}
std::pair<Index, Index> addScalarShape(const Matrix& a, const Matrix& b, double) { return scalarShape("add scalar", "plus", a, b); }
std::pair<Index, Index> mulScalarShape(const Matrix& a, const Matrix& b, double) { return scalarShape("mul scalar", "times", a, b); }

void addScalarForward(const Matrix& a, const Matrix& b, double, Matrix& y) { y = a.array() + b(0, 0); }
void addScalarVjp(int k, const OpArgs&, const Matrix& gy, Matrix& g) {
  if (k == 0) g += gy; else g(0, 0) += gy.sum();
}
void addScalarJvp(const OpArgs&, const Matrix& ta, const Matrix& tb, Matrix& ty) { ty = ta.array() + tb(0, 0); }
Matrix addScalarJacobian(int k, const OpArgs& s) {
  return k == 0 ? identity(s.a) : Matrix::Ones(s.y.size(), 1);
}
JacobianStructure addScalarStructure(int k, const OpArgs&) {
  return k == 0 ? namedStructure("identity", "I", "the identity")
                : namedStructure("ones-column", R"(\vec{1})", "a column of ones: z moves every entry of y");
}

void mulScalarForward(const Matrix& a, const Matrix& b, double, Matrix& y) { y = a * b(0, 0); }
void mulScalarVjp(int k, const OpArgs& s, const Matrix& gy, Matrix& g) {
  if (k == 0) g += gy * s.b(0, 0); else g(0, 0) += gy.cwiseProduct(s.a).sum();
}
void mulScalarJvp(const OpArgs& s, const Matrix& ta, const Matrix& tb, Matrix& ty) {
  ty = ta * s.b(0, 0) + s.a * tb(0, 0);
}
Matrix mulScalarJacobian(int k, const OpArgs& s) {
  if (k == 0) return s.b(0, 0) * identity(s.a);
  return Matrix(vec(s.a));
}
JacobianStructure mulScalarStructure(int k, const OpArgs& s) {
  if (k == 0) {
    JacobianStructure r = namedStructure("scaled-identity", "z\\,I", "the identity scaled by the scalar z");
    r.scale = s.b(0, 0);
    return r;
  }
  return entriesStructure("column", R"(\operatorname{vec}(\mathbf{x}))", "the column vec(x)", Matrix(vec(s.a)));
}

// Neg, AddConst and Scale: -I, I and c I.
JacobianStructure negStructure(int, const OpArgs&) {
  return namedStructure("negative-identity", "-I", "minus the identity: every entry changes sign");
}
JacobianStructure addConstStructure(int, const OpArgs&) {
  return namedStructure("identity", "I", "the identity: adding a constant does not change slopes");
}
JacobianStructure scaleStructure(int, const OpArgs& s) {
  JacobianStructure r = namedStructure("scaled-identity", "c\\,I", "the identity scaled by the constant c");
  r.scale = s.p;
  return r;
}

}  // namespace

OpInfo makeAdd() { OpInfo r = Binary<AddF>::row(); r.vjp = addVjp; r.jvp = addJvp; return r; }
OpInfo makeSub() { OpInfo r = Binary<SubF>::row(); r.vjp = subVjp; r.jvp = subJvp; return r; }
OpInfo makeMul() { OpInfo r = Binary<MulF>::row(); r.vjp = mulVjp; return r; }
OpInfo makeDiv() { return Binary<DivF>::row(); }
OpInfo makeAddScalar() {
  return opRow("add scalar", 2, Rule::ScalarExpansion, addScalarShape, addScalarForward, addScalarVjp, addScalarJvp,
               addScalarJacobian, addScalarStructure, 1);
}
OpInfo makeMulScalar() {
  return opRow("mul scalar", 2, Rule::ScalarExpansion, mulScalarShape, mulScalarForward, mulScalarVjp, mulScalarJvp,
               mulScalarJacobian, mulScalarStructure, 1);
}
OpInfo makeNeg() { return Unary<NegF>::row("neg", Rule::ScalarDerivative, negStructure); }
OpInfo makeAddConst() {
  return withParameter(Unary<AddConstF>::row("add constant", Rule::ScalarDerivative, addConstStructure), "the constant added");
}
OpInfo makeScale() { return withParameter(Unary<ScaleF>::row("scale", Rule::ScalarDerivative, scaleStructure), "the factor"); }
OpInfo makeExp() { return callable(Unary<ExpF>::row("exp"), "exp", "e to the x, entry by entry"); }
OpInfo makeLog() { return callable(Unary<LogF>::row("log"), "log", "the natural logarithm, entry by entry (also ln)"); }
OpInfo makePow() { return withParameter(Unary<PowF>::row("pow"), "the exponent"); }
OpInfo makeSquare() { return Unary<SquareF>::row("square"); }
OpInfo makeSqrt() { return callable(Unary<SqrtF>::row("sqrt"), "sqrt", "the square root, entry by entry"); }
OpInfo makeSin() { return callable(Unary<SinF>::row("sin"), "sin", "the sine, entry by entry"); }
OpInfo makeCos() { return callable(Unary<CosF>::row("cos"), "cos", "the cosine, entry by entry"); }
OpInfo makeTanh() { return callable(Unary<TanhF>::row("tanh"), "tanh", "the hyperbolic tangent, entry by entry"); }
OpInfo makeSigmoid() { return callable(Unary<SigmoidF>::row("sigmoid"), "sigmoid", "1 / (1 + e^-x), entry by entry"); }
OpInfo makeRelu() {
  OpInfo r = callable(Unary<ReluF>::row("relu", Rule::Relu), "relu", "max(0, x), entry by entry");
  r.kink = true;
  return r;
}
OpInfo makeLeakyRelu() {
  OpInfo r = withParameter(Unary<LeakyReluF>::row("leaky relu", Rule::LeakyRelu), "the slope below 0");
  r.kink = true;
  return r;
}
OpInfo makeAbs() {
  OpInfo r = callable(Unary<AbsF>::row("abs"), "abs", "the absolute value, entry by entry");
  r.kink = true;
  return r;
}
OpInfo makeSoftplus() {
  return callable(Unary<SoftplusF>::row("softplus"), "softplus", "log(1 + e^x), entry by entry: a smooth relu");
}
OpInfo makeLog1p() { return callable(Unary<Log1pF>::row("log1p"), "log1p", "log(1 + x), entry by entry, exact near 0"); }
// 1 where x > 0, else 0: flat wherever it is defined (the jump at 0 is a kink like relu's). Written
// with plain loops and zero derivatives, not with Unary<>: only the calculator uses it, and the
// template's Eigen expressions would cost the wasm module about 1 KB for a derivative that is 0.
OpInfo makeStep() {
  OpInfo r = opRow(
      "step", 1, Rule::Relu, [](const Matrix& a, const Matrix&, double) { return shapeOf(a); },
      [](const Matrix& a, const Matrix&, double, Matrix& y) {
        y.resize(a.rows(), a.cols());
        for (Index k = 0; k < a.size(); ++k) y.data()[k] = a.data()[k] > 0 ? 1 : 0;
      },
      [](int, const OpArgs&, const Matrix&, Matrix&) {},  // g += 0
      [](const OpArgs& s, const Matrix&, const Matrix&, Matrix& ty) { ty = Matrix::Zero(s.y.rows(), s.y.cols()); },
      [](int, const OpArgs& s) { return Matrix(Matrix::Zero(s.y.size(), s.a.size())); },
      [](int, const OpArgs& s) {
        return diagonalStructure("0", "diagonal of zeros: a mask is flat wherever it is defined", Matrix::Zero(s.y.rows(), s.y.cols()));
      },
      1);
  r.kink = true;
  return r;
}

}  // namespace mc
