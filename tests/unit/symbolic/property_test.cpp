// Property test: random shape-typed programs, their closed-form gradient (or Jacobian) against the
// engine's reverse mode at the program's point. Thousands of programs, bounded to a few seconds.
#include "autodiff/derivatives.hpp"
#include "symbolic/op_rules.hpp"
#include "symbolic_support.hpp"

#include <cstdint>

using namespace mc;
using namespace mc::test;

namespace {

struct Gen {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int pick(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

  // an expression of one of three shapes: 's' a scalar, 'v' a 3-vector, 'm' a 3x3 matrix
  std::string expr(char shape, int depth) {
    const bool leaf = depth <= 0 || pick(4) == 0;
    static const char* fns[] = {"tanh", "sin", "cos", "sigmoid"};
    switch (shape) {
      case 's':
        if (leaf) return pick(2) ? "s" : "0.5";
        switch (pick(10)) {
          case 7: return "det(3 * eye(3) + tanh(" + expr('m', depth - 1) + "))";  // diagonally dominant: invertible
          case 8: return "logdet(3 * eye(3) + tanh(" + expr('m', depth - 1) + "))";
          case 9: return "sum(kron(" + expr('v', depth - 1) + ", " + expr('v', depth - 1) + ") * kron(x, y))";
          case 0: return "sum(" + expr('v', depth - 1) + ")";
          case 1: return "(" + expr('v', depth - 1) + ") . (" + expr('v', depth - 1) + ")";
          case 2: return "(" + expr('v', depth - 1) + ")' @ (" + expr('m', depth - 1) + ") @ (" + expr('v', depth - 1) + ")";
          case 3: return "mean(" + expr('m', depth - 1) + ")";
          case 4: return "(" + expr('s', depth - 1) + ") * (" + expr('s', depth - 1) + ")";
          case 5: return std::string(fns[pick(4)]) + "(" + expr('s', depth - 1) + ")";
          default: return "(" + expr('s', depth - 1) + ")^2";
        }
      case 'v':
        if (leaf) return pick(2) ? "x" : "y";
        switch (pick(9)) {
          case 7: return "softmax(" + expr('v', depth - 1) + ")";
          case 0: return "(" + expr('m', depth - 1) + ") @ (" + expr('v', depth - 1) + ")";
          case 1: return "(" + expr('v', depth - 1) + ") + (" + expr('v', depth - 1) + ")";
          case 2: return "(" + expr('v', depth - 1) + ") - (" + expr('v', depth - 1) + ")";
          case 3: return "(" + expr('v', depth - 1) + ") * (" + expr('v', depth - 1) + ")";
          case 4: return "(" + expr('s', depth - 1) + ") * (" + expr('v', depth - 1) + ")";
          case 5: return std::string(fns[pick(4)]) + "(" + expr('v', depth - 1) + ")";
          case 6: return "(" + expr('m', depth - 1) + ")' @ (" + expr('v', depth - 1) + ")";
          default: return "(" + expr('v', depth - 1) + ") / (2 + (" + expr('v', depth - 1) + ")^2)";
        }
      default:
        if (leaf) return pick(2) ? "A" : "B";
        switch (pick(7)) {
          case 6: return "inv(3 * eye(3) + tanh(" + expr('m', depth - 1) + "))";
          case 0: return "(" + expr('m', depth - 1) + ") @ (" + expr('m', depth - 1) + ")";
          case 1: return "(" + expr('m', depth - 1) + ") + (" + expr('m', depth - 1) + ")";
          case 2: return "(" + expr('m', depth - 1) + ")'";
          case 3: return "(" + expr('m', depth - 1) + ") * (" + expr('m', depth - 1) + ")";
          case 4: return "(" + expr('v', depth - 1) + ") @ (" + expr('v', depth - 1) + ")'";
          default: return std::string(fns[pick(4)]) + "(" + expr('m', depth - 1) + ")";
        }
    }
  }
};

const char* kDeclarations = "x: vec(3)\ny: vec(3)\nA: mat(3,3)\nB: mat(3,3)\ns: scalar\n";

double relError(const Matrix& a, const Matrix& b) {
  double worst = 0;
  for (Index k = 0; k < a.size(); ++k) {
    worst = std::max(worst, std::abs(a.data()[k] - b.data()[k]) / std::max({std::abs(a.data()[k]), std::abs(b.data()[k]), 1e-3}));
  }
  return worst;
}

}  // namespace

TEST_CASE("property: random programs, the closed form against reverse mode", "[symbolic][property]") {
  Gen gen{20261130};
  int compared = 0, noClosedForm = 0;
  static const char* wrts[] = {"x", "A", "s", "y"};
  for (int i = 0; i < 3000; ++i) {
    const bool vectorOut = gen.pick(4) == 0;
    const std::string body = gen.expr(vectorOut ? 'v' : 's', 4);
    const std::string source = std::string(kDeclarations) + body;
    const std::string wrt = wrts[gen.pick(4)];  // a Jacobian by the matrix A is in vec form
    CAPTURE(source, wrt);
    sym::ProgramDerivative d;
    try {
      d = sym::deriveProgram(source, wrt);
    } catch (const sym::NoClosedForm&) {  // a Jacobian through a matrix that depends on the variable
      ++noClosedForm;
      continue;
    } catch (const sym::BudgetExceeded&) {
      ++noClosedForm;
      continue;
    }
    const Matrix closed = sym::evaluateAt(*d.tape, d.derivation, d.names);
    Matrix reverse = jacobianReverse(*d.tape, d.tape->var(d.output), d.tape->var(d.wrt));
    if (d.derivation.gradient) reverse = Eigen::Map<const Matrix>(reverse.data(), closed.rows(), closed.cols()).eval();
    REQUIRE(closed.rows() == reverse.rows());
    REQUIRE(closed.cols() == reverse.cols());
    CAPTURE(sym::text(d.derivation.derivative));
    CHECK(relError(closed, reverse) <= 1e-9);
    ++compared;
  }
  CHECK(compared >= 2000);
  WARN("compared " << compared << " random programs; " << noClosedForm << " had no closed form here");
}

TEST_CASE("every op of the engine has a row in the symbolic rule table, in enum order", "[symbolic][rules]") {
  REQUIRE(sym::symbolicRuleCount() == static_cast<int>(Op::Count));
  for (int i = 0; i < static_cast<int>(Op::Count); ++i) {
    const Op op = static_cast<Op>(i);
    const sym::SymbolicRule& rule = sym::symbolicRule(op);
    CAPTURE(opInfo(op).name);
    CHECK(rule.op == op);
    if (rule.value == nullptr) {
      CHECK(rule.missing != nullptr);  // an op without a closed form says why
    } else {
      CHECK(rule.step != nullptr);
      CHECK((rule.vjp != nullptr || rule.slope != nullptr));
    }
  }
}
