// Every structure the trace names stands for the op's real Jacobian: expanding the description gives
// opInfo(op).jacobian (the engine's explicit Jacobian), for every op and every input.
#include "trace/jacobian_structure.hpp"

#include <catch2/catch.hpp>
#include <functional>

#include "mc.hpp"

using namespace mc;
using namespace mc::trace;

namespace {

// Entries in (0.2, 1.8): safe for log, sqrt and division.
Matrix positive(Index r, Index c, double seed) {
  Matrix m(r, c);
  for (Index j = 0; j < c; ++j)
    for (Index i = 0; i < r; ++i) m(i, j) = 1.0 + 0.8 * std::sin(seed + 1.7 * static_cast<double>(i) + 2.9 * static_cast<double>(j));
  return m;
}
// Entries of both signs (the ReLU mask, abs).
Matrix mixed(Index r, Index c, double seed) { return positive(r, c, seed).array() - 1.0; }

struct Case {
  const char* name;
  std::function<Var(Tape&)> build;
  const char* kind0;  // the structure expected for input 0 (and input 1 below), as the paper names it
  const char* kind1;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"add", [](Tape& t) { return t.variable(mixed(2, 3, 1)) + t.variable(mixed(2, 3, 2)); }, "identity", "identity"},
      {"sub", [](Tape& t) { return t.variable(mixed(2, 3, 1)) - t.variable(mixed(2, 3, 2)); }, "identity", "negative-identity"},
      {"mul", [](Tape& t) { return t.variable(mixed(2, 3, 1)) * t.variable(mixed(2, 3, 2)); }, "diagonal", "diagonal"},
      {"div", [](Tape& t) { return t.variable(mixed(2, 3, 1)) / t.variable(positive(2, 3, 2)); }, "diagonal", "diagonal"},
      {"add scalar", [](Tape& t) { return t.variable(mixed(3, 2, 1)) + t.variable(Matrix::Constant(1, 1, 0.7)); }, "identity", "ones-column"},
      {"mul scalar", [](Tape& t) { return t.variable(mixed(3, 2, 1)) * t.variable(Matrix::Constant(1, 1, 0.7)); }, "scaled-identity", "column"},
      {"neg", [](Tape& t) { return -t.variable(mixed(2, 2, 1)); }, "negative-identity", ""},
      {"add constant", [](Tape& t) { return t.variable(mixed(2, 2, 1)) + 3.0; }, "identity", ""},
      {"scale", [](Tape& t) { return t.variable(mixed(2, 2, 1)) * 2.5; }, "scaled-identity", ""},
      {"exp", [](Tape& t) { return exp(t.variable(mixed(2, 2, 1))); }, "diagonal", ""},
      {"log", [](Tape& t) { return log(t.variable(positive(2, 2, 1))); }, "diagonal", ""},
      {"pow", [](Tape& t) { return pow(t.variable(positive(2, 2, 1)), 3.5); }, "diagonal", ""},
      {"square", [](Tape& t) { return square(t.variable(mixed(2, 2, 1))); }, "diagonal", ""},
      {"sqrt", [](Tape& t) { return sqrt(t.variable(positive(2, 2, 1))); }, "diagonal", ""},
      {"sin", [](Tape& t) { return sin(t.variable(mixed(2, 2, 1))); }, "diagonal", ""},
      {"cos", [](Tape& t) { return cos(t.variable(mixed(2, 2, 1))); }, "diagonal", ""},
      {"tanh", [](Tape& t) { return tanh(t.variable(mixed(2, 2, 1))); }, "diagonal", ""},
      {"sigmoid", [](Tape& t) { return sigmoid(t.variable(mixed(2, 2, 1))); }, "diagonal", ""},
      {"relu", [](Tape& t) { return relu(t.variable(mixed(3, 2, 1))); }, "diagonal", ""},
      {"leaky relu", [](Tape& t) { return leakyRelu(t.variable(mixed(3, 2, 1)), 0.1); }, "diagonal", ""},
      {"abs", [](Tape& t) { return abs(t.variable(mixed(3, 2, 1))); }, "diagonal", ""},
      {"matmul (layer, one sample)", [](Tape& t) { return matmul(t.variable(mixed(3, 2, 1)), t.variable(mixed(2, 1, 2))); }, "kronecker", "matrix"},
      {"matmul (batch)", [](Tape& t) { return matmul(t.variable(mixed(3, 2, 1)), t.variable(mixed(2, 4, 2))); }, "kronecker", "kronecker"},
      {"transpose", [](Tape& t) { return transpose(t.variable(mixed(3, 2, 1))); }, "permutation", ""},
      {"dot", [](Tape& t) { return dot(t.variable(mixed(3, 1, 1)), t.variable(mixed(3, 1, 2))); }, "row", "row"},
      {"add bias (one sample)", [](Tape& t) { return addBias(t.variable(mixed(3, 1, 1)), t.variable(mixed(3, 1, 2))); }, "identity", "identity"},
      {"add bias (batch)", [](Tape& t) { return addBias(t.variable(mixed(3, 4, 1)), t.variable(mixed(3, 1, 2))); }, "identity", "kronecker"},
      {"stack", [](Tape& t) { return stack(t.variable(mixed(2, 3, 1)), t.variable(mixed(1, 3, 2))); }, "selection", "selection"},
      {"sum", [](Tape& t) { return sum(t.variable(mixed(2, 3, 1))); }, "ones-row", ""},
      {"mean", [](Tape& t) { return mean(t.variable(mixed(2, 3, 1))); }, "ones-row", ""},
      {"sum rows", [](Tape& t) { return sumRows(t.variable(mixed(2, 3, 1))); }, "kronecker", ""},
      {"sum columns", [](Tape& t) { return sumCols(t.variable(mixed(2, 3, 1))); }, "kronecker", ""},
      {"softmax", [](Tape& t) { return softmax(t.variable(mixed(3, 2, 1))); }, "softmax-blocks", ""},
      {"mse", [](Tape& t) { return mse(t.variable(mixed(2, 3, 1)), t.variable(mixed(2, 3, 2))); }, "row", "row"},
      {"binary cross-entropy", [](Tape& t) { return binaryCrossEntropyWithLogits(t.variable(mixed(2, 3, 1)), t.variable(positive(2, 3, 2) / 2.0)); }, "row", "row"},
      {"softmax cross-entropy", [](Tape& t) { return softmaxCrossEntropy(t.variable(mixed(3, 2, 1)), t.variable(positive(3, 2, 2) / 3.0)); }, "row", "row"},
  };
  return all;
}

double maxAbsDiff(const Matrix& a, const Matrix& b) { return (a - b).cwiseAbs().maxCoeff(); }

}  // namespace

TEST_CASE("every described Jacobian structure expands to the op's Jacobian", "[trace][structure]") {
  for (const Case& c : cases()) {
    CAPTURE(c.name);
    Tape t;
    Var y = c.build(t);
    const Node& n = t.node(y.id);
    const OpInfo& info = opInfo(n.op);
    const Matrix none;
    const OpArgs args{t.node(n.a).value, n.b >= 0 ? t.node(n.b).value : none, n.param, n.value};
    for (int k = 0; k < info.arity; ++k) {
      CAPTURE(k);
      const JacobianStructure s = describeJacobian(n.op, k, args);
      CHECK(s.kind == std::string(k == 0 ? c.kind0 : c.kind1));
      CHECK_FALSE(s.latex.empty());
      CHECK_FALSE(s.text.empty());
      const Matrix expected = info.jacobian(k, args);
      const Matrix expanded = expandStructure(s);
      REQUIRE(expanded.rows() == expected.rows());
      REQUIRE(expanded.cols() == expected.cols());
      CHECK(maxAbsDiff(expanded, expected) <= 1e-14);
      // A diagonal structure is exactly what isDiagonalJacobian promises the chain of factors.
      const bool diagonalKind = s.kind == "identity" || s.kind == "negative-identity" ||
                                s.kind == "scaled-identity" || s.kind == "diagonal";
      if (isDiagonalJacobian(n.op, k)) CHECK(diagonalKind);
    }
  }
}

TEST_CASE("the structures carry the paper's numbers: diag(x) for w*x, x^T for w.x, 1/N for a mean", "[trace][structure]") {
  Tape t;
  const Matrix w0 = mixed(3, 1, 1), x0 = mixed(3, 1, 2);
  Var w = t.variable(w0), x = t.variable(x0);
  Var hadamard = w * x;
  Var d = dot(w, x);
  Var m = mean(hadamard);
  const Matrix none;
  auto args = [&](Var v) {
    const Node& n = t.node(v.id);
    return OpArgs{t.node(n.a).value, n.b >= 0 ? t.node(n.b).value : none, n.param, n.value};
  };
  // d(w o x)/dw = diag(x), d(w o x)/dx = diag(w)   (item 6)
  CHECK(describeJacobian(Op::Mul, 0, args(hadamard)).entries == x0);
  CHECK(describeJacobian(Op::Mul, 1, args(hadamard)).entries == w0);
  // d(w . x)/dw = x^T, d(w . x)/dx = w^T   (item 10)
  CHECK(describeJacobian(Op::Dot, 0, args(d)).entries == x0.transpose());
  CHECK(describeJacobian(Op::Dot, 1, args(d)).entries == w0.transpose());
  // d mean(u)/du = (1/N) 1^T   (item 8)
  CHECK(describeJacobian(Op::Mean, 0, args(m)).scale == 1.0 / 3.0);
}

TEST_CASE("an unstructured description refuses to expand and names itself", "[trace][structure]") {
  JacobianStructure s;
  s.outRows = 2;
  s.outCols = 1;
  s.inRows = 2;
  s.inCols = 1;
  CHECK_THROWS_WITH(expandStructure(s), Catch::Contains("unstructured") && Catch::Contains("2x2"));
}
