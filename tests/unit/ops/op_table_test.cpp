// Every op from one table (op_cases.cpp): its value against a closed form, and its three derivatives
// (the reverse-mode VJP through Tape::backward, the explicit local Jacobian, the forward-mode tangent)
// against central differences of that closed form, on four shapes: 1x1, 3x1, 1x4 and 2x3.
#include "mc.hpp"
#include "op_cases.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace mc;
using namespace mc::test;

namespace {

constexpr double kValueTol = 1e-12;
// Derivatives against Richardson-extrapolated central differences, (4 D(h/2) - D(h)) / 3 with
// h = 1e-3: truncation error O(h^4) ~ 1e-12 and rounding ~ 1e-16 / h ~ 1e-13, so 1e-8 is reachable
// (plain central differences at h = 1e-5 leave ~1e-10 .. 1e-7 and allowed only 1e-6).
constexpr double kDerivativeTol = 1e-8;
constexpr double kRichardsonStep = 1e-3;

std::uint64_t seedOf(const OpCase& row, Shape base) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a of the row name, then the shape
  for (char ch : row.name) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ULL;
  return h ^ static_cast<std::uint64_t>(base.first * 131 + base.second);
}

// The op recorded on a fresh tape, both inputs variables.
struct Recorded {
  Tape tape;
  Matrix a0, b0;
  Var a, b, y;
  int arity = 1;

  Recorded(const OpCase& row, Shape base, Rng& rng) {
    const auto [sa, sb] = row.shapes(base.first, base.second);
    arity = opInfo(row.op).arity;
    a0 = randomMatrix(sa.first, sa.second, rng, row.domainA);
    a = tape.variable(a0);
    if (arity == 2) {
      b0 = randomMatrix(sb.first, sb.second, rng, row.domainB);
      b = tape.variable(b0);
    }
    y = apply(row.op, a, b, row.p);
  }
  const Matrix& input(int k) const { return k == 0 ? a0 : b0; }
  Var inputVar(int k) const { return k == 0 ? a : b; }
};

OpArgs argsOf(const Recorded& r, const OpCase& row) { return {r.a0, r.b0, row.p, r.y.value()}; }

// d vec(y) / d vec(input k) of the closed form, by Richardson-extrapolated central differences.
Matrix numericJacobian(const OpCase& row, const Recorded& r, int k) {
  const auto f = [&](const Matrix& x) { return row.closedForm(k == 0 ? x : r.a0, k == 1 ? x : r.b0, row.p); };
  const Matrix coarse = centralDifferences(f, r.input(k), kRichardsonStep);
  const Matrix fine = centralDifferences(f, r.input(k), kRichardsonStep / 2);
  return (4 * fine - coarse) / 3;
}

void checkValue(const OpCase& row, Shape base) {
  Rng rng(seedOf(row, base));
  Recorded r(row, base, rng);
  const Matrix expected = row.closedForm(r.a0, r.b0, row.p);
  REQUIRE(r.y.rows() == expected.rows());
  REQUIRE(r.y.cols() == expected.cols());
  CHECK(relError(r.y.value(), expected, 1.0) < kValueTol);
  CHECK(std::string(opInfo(row.op).name) == row.name.substr(0, std::string(opInfo(row.op).name).size()));
}

void checkVjp(const OpCase& row, Shape base) {
  Rng rng(seedOf(row, base));
  Recorded r(row, base, rng);
  const Matrix seed = randomMatrix(r.y.rows(), r.y.cols(), rng);
  r.tape.backward(r.y, seed);
  for (int k = 0; k < r.arity; ++k) {
    CAPTURE(k);
    const Matrix& x = r.input(k);
    const Matrix expected = unvec(numericJacobian(row, r, k).transpose() * vecOf(seed), x.rows(), x.cols());
    CHECK(relError(r.inputVar(k).grad(), expected) < kDerivativeTol);
    // The row's vjp adds into g (+=): what makes a value used twice get both contributions.
    const Matrix before = randomMatrix(x.rows(), x.cols(), rng);
    Matrix g = before;
    opInfo(row.op).vjp(k, argsOf(r, row), seed, g);
    CHECK(relError(g, before + expected) < kDerivativeTol);
  }
}

void checkJacobian(const OpCase& row, Shape base) {
  Rng rng(seedOf(row, base));
  Recorded r(row, base, rng);
  for (int k = 0; k < r.arity; ++k) {
    CAPTURE(k);
    const Matrix analytic = opInfo(row.op).jacobian(k, argsOf(r, row));
    const Matrix numeric = numericJacobian(row, r, k);
    REQUIRE(analytic.rows() == numeric.rows());
    REQUIRE(analytic.cols() == numeric.cols());
    CHECK(relError(analytic, numeric) < kDerivativeTol);
  }
}

void checkTangent(const OpCase& row, Shape base) {
  Rng rng(seedOf(row, base));
  Recorded r(row, base, rng);
  Matrix combined = Matrix::Zero(r.y.value().size(), 1);
  Matrix tangents[2];
  for (int k = 0; k < r.arity; ++k) {
    CAPTURE(k);
    const Matrix& x = r.input(k);
    tangents[k] = randomMatrix(x.rows(), x.cols(), rng);
    const Matrix numeric = numericJacobian(row, r, k) * vecOf(tangents[k]);
    combined += numeric;
    r.tape.pushTangents(r.inputVar(k), tangents[k]);  // the other input held fixed
    CHECK(relError(r.tape.node(r.y.id).tangent, unvec(numeric, r.y.rows(), r.y.cols())) < kDerivativeTol);
  }
  // Both inputs moving at once: ty = J_a ta + J_b tb.
  Matrix ty(r.y.rows(), r.y.cols());
  opInfo(row.op).jvp(argsOf(r, row), tangents[0], tangents[1], ty);
  CHECK(relError(ty, unvec(combined, r.y.rows(), r.y.cols())) < kDerivativeTol);
}

}  // namespace

#define OP_TABLE_TEST(family, label, check, what)                                  \
  TEST_CASE("op table, " label ": " what, "[ops][op-table]") {                    \
    const OpCase row = GENERATE(from_range(opCasesOf(family)));                  \
    const Shape base = GENERATE(from_range(baseShapes()));                       \
    const std::string& opName = row.name;                                        \
    CAPTURE(opName, base.first, base.second);                                    \
    check(row, base);                                                            \
  }

#define OP_FAMILY_TESTS(family, label)                                                    \
  OP_TABLE_TEST(family, label, checkValue, "value vs closed form")                        \
  OP_TABLE_TEST(family, label, checkVjp, "VJP (backward) vs central differences")         \
  OP_TABLE_TEST(family, label, checkJacobian, "explicit Jacobian vs central differences") \
  OP_TABLE_TEST(family, label, checkTangent, "forward tangent vs central differences")

// The family labels list their ops' names, so `ctest -R matmul` finds the tests that run matmul's rows.
#define LABEL_BINARY "element-wise binary (add, sub, mul, div)"
#define LABEL_EXPANSION "scalar expansion (add scalar, mul scalar)"
#define LABEL_ARITHMETIC "unary arithmetic (neg, add constant, scale, exp, log, log1p, pow, square, sqrt)"
#define LABEL_ACTIVATION "unary activations (sin, cos, tanh, sigmoid, relu, leaky relu, abs, softplus, step)"
#define LABEL_LINEAR "linear algebra (matmul, transpose, dot, add bias, stack)"
#define LABEL_REDUCTION "reductions (sum, mean, sum rows, sum columns)"
#define LABEL_LOSS "softmax and losses (softmax, mse, binary cross-entropy, softmax cross-entropy)"

OP_FAMILY_TESTS(Family::ElementwiseBinary, LABEL_BINARY)
OP_FAMILY_TESTS(Family::ScalarExpansion, LABEL_EXPANSION)
OP_FAMILY_TESTS(Family::UnaryArithmetic, LABEL_ARITHMETIC)
OP_FAMILY_TESTS(Family::UnaryActivation, LABEL_ACTIVATION)
OP_FAMILY_TESTS(Family::LinearAlgebra, LABEL_LINEAR)
OP_FAMILY_TESTS(Family::Reduction, LABEL_REDUCTION)
OP_FAMILY_TESTS(Family::Loss, LABEL_LOSS)

namespace {
std::string labelOf(Family family) {
  switch (family) {
    case Family::ElementwiseBinary: return LABEL_BINARY;
    case Family::ScalarExpansion: return LABEL_EXPANSION;
    case Family::UnaryArithmetic: return LABEL_ARITHMETIC;
    case Family::UnaryActivation: return LABEL_ACTIVATION;
    case Family::LinearAlgebra: return LABEL_LINEAR;
    case Family::Reduction: return LABEL_REDUCTION;
    case Family::Loss: return LABEL_LOSS;
  }
  return "";
}
// "family (a, b, c)" lists name among a, b, c
bool listsName(const std::string& label, const std::string& name) {
  const auto open = label.find('('), close = label.rfind(')');
  if (open == std::string::npos || close == std::string::npos) return false;
  const std::string list = ", " + label.substr(open + 1, close - open - 1) + ",";
  return list.find(", " + name + ",") != std::string::npos;
}
}  // namespace

TEST_CASE("op table: every op of the engine has a row", "[ops][op-table]") {
  std::set<Op> covered;
  for (const OpCase& row : allOpCases()) covered.insert(row.op);
  for (int i = 0; i < static_cast<int>(Op::Count); ++i) {
    const Op op = static_cast<Op>(i);
    const OpInfo& info = opInfo(op);
    const std::string opName = info.name;
    CAPTURE(opName);
    if (info.arity == 0) continue;  // the leaves: variable, constant
    CHECK(covered.count(op) == 1);
    for (const OpCase& row : allOpCases()) {  // the family label names the op (for ctest -R <op>)
      if (row.op == op) CHECK(listsName(labelOf(row.family), info.name));
    }
    CHECK(info.shape != nullptr);
    CHECK(info.forward != nullptr);
    CHECK(info.vjp != nullptr);
    CHECK(info.jvp != nullptr);
    CHECK(info.jacobian != nullptr);
    CHECK(static_cast<int>(info.rule) < static_cast<int>(Rule::Count));
    CHECK(info.structure != nullptr);
    for (const OpCase& row : allOpCases()) {  // the language's name, as the test row states it
      if (row.op == op) CHECK(std::string(info.function ? info.function : "") == std::string(row.function ? row.function : ""));
    }
  }
  CHECK(std::string(opInfo(Op::Variable).name) == "variable");
  CHECK(std::string(opInfo(Op::Constant).name) == "constant");
}
