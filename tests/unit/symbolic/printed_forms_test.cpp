// The printed form as a person writes it: the text of each closed form compared with the expected text,
// and the answer's program (the definitions it introduced, then the text) pasted back after the source
// giving the closed form's numbers (1e-12 relative).
#include "expr/parser.hpp"
#include "expr/source.hpp"
#include "symbolic/common.hpp"
#include "symbolic/to_tape.hpp"
#include "symbolic_support.hpp"

using namespace mc;
using namespace mc::test;

namespace {

struct Printed {
  const char* what;
  const char* source;
  const char* wrt;
  const char* text;
  const char* where;  // "name = text" of the introduced definitions, joined by "; ", or ""
};

std::string introduced(const sym::Derivation& d) {
  std::string out;
  for (const sym::Definition& def : d.where) {
    if (def.introduced) out += (out.empty() ? "" : "; ") + def.name + " = " + sym::text(def.value);
  }
  return out;
}

// the program pasted back at the point of d's tape: its last output's value
Matrix pastedBack(const std::string& source, const sym::ProgramDerivative& d) {
  std::map<std::string, Matrix> values;
  for (const auto& [id, name] : d.names.variables) values[name] = d.tape->node(id).value;
  const expr::SourceText src(source + "\n" + sym::program(d.derivation));
  Tape tape;
  const expr::Compiled compiled = expr::compile(expr::parse(src), src, tape, values);
  return compiled.outputs.back().var.value();
}

}  // namespace

TEST_CASE("printed forms: softmax, masks, indexing, fractions, zeros and named subexpressions", "[symbolic][printed]") {
  const std::vector<Printed> list = {
      {"softmax's Jacobian, diag(s) - s s' (paper's softmax; Cookbook-style)", "x: vec(3)\nsoftmax(x)", "x", "diag(s) - s @ s'",
       "s = softmax(x)"},
      {"the paper's loss without a name for z (section 6)", "X: mat(5,3)\nw: vec(3)\nb: scalar\ny: vec(5)\nmean((relu(X @ w + b) - y)^2)",
       "w", "(2 / 5) * X' @ ((relu(z) - y) * (z > 0))", "z = X @ w + b"},
      {"a mask is idempotent: the Hessian of sum(relu(z)^2)", "z: vec(3)\nsum(relu(z) * relu(z)) + sum(relu(z) * (z > 0))", "z",
       "2 * relu(z) * (z > 0) + (z > 0)", ""},
      {"indexing: x[2]^2 by x", "x: vec(3)\nx[2]^2", "x", "2 * x[2] * [0, 1, 0]", ""},
      {"indexing: A[1, 2] of a matrix expression", "A: mat(2,3)\nB: mat(3,2)\nx: vec(2)\n(A @ B)[1, 2] * sum(x)", "x", "(A @ B)[1, 2] * ones(2, 1)", ""},
      {"one fraction: d sin(x^0.4)", "x: scalar\nsin(x^0.4)", "x", "2 * cos(x^0.4) / (5 * x^0.6)", ""},
      {"a zero derivative with its shape", "x: vec(3)\nA: mat(2,2)\nsum(A) + 0 * sum(x)", "x", "zeros(3, 1)", ""},
  };
  for (const Printed& p : list) {
    CAPTURE(p.what, p.source);
    const auto d = diffOf(p.source, p.wrt);
    CHECK(sym::text(d.derivation.derivative) == p.text);
    CHECK(introduced(d.derivation) == p.where);
    const Matrix closed = sym::evaluateAt(*d.tape, d.derivation, d.names);
    const Matrix back = pastedBack(p.source, d);
    REQUIRE(back.rows() == closed.rows());
    REQUIRE(back.cols() == closed.cols());
    CHECK((back - closed).cwiseAbs().maxCoeff() <= 1e-12 * std::max(1.0, closed.cwiseAbs().maxCoeff()));
  }
}

TEST_CASE("printed forms: a mask's Hessian is diag(z > 0), not diag((z > 0)) @ diag((z > 0))", "[symbolic][printed][hessian]") {
  auto d = diffOf("z: vec(3)\nsum(relu(z)^2)", "z");
  std::map<std::string, Matrix> values;
  for (const auto& [id, name] : d.names.variables) values[name] = d.tape->node(id).value;
  Tape second;
  const sym::Recorded r = sym::record(second, d.derivation.derivative, d.derivation.where, values);
  const sym::Derivation h = sym::derive(second, r.output.id, r.vars.at("z").id, r.names);
  CHECK(sym::text(h.derivative) == "2 * diag(z > 0)");
}

namespace {

struct Row {
  const char* what;
  const char* source;
  const char* wrt;
  const char* text;       // the gradient (shaped like the variable) or the m x n Jacobian
  const char* numerator;  // the paper's numerator layout of a gradient, or nullptr for a Jacobian
  const char* where;      // the definitions shown beside it, "name = text; ...", the program's own expanded
};

std::string shown(const sym::Derivation& d) {
  std::string out;
  for (const sym::Definition& def : sym::shownWhere(d)) out += (out.empty() ? "" : "; ") + def.name + " = " + sym::text(def.value);
  return out;
}

Matrix evaluated(const std::string& source, const sym::ProgramDerivative& d, const std::string& lastLine) {
  std::map<std::string, Matrix> values;
  for (const auto& [id, name] : d.names.variables) values[name] = d.tape->node(id).value;
  std::string defs;
  for (const sym::Definition& def : d.derivation.where) {
    if (def.introduced) defs += def.name + " = " + sym::text(def.value) + "\n";
  }
  const expr::SourceText src(source + "\n" + defs + lastLine);
  Tape tape;
  return expr::compile(expr::parse(src), src, tape, values).outputs.back().var.value();
}

}  // namespace

// The closed forms of the table the calculator answers by (the paper's sections 4-6, Cookbook (81), (101), (57),
// and the softmax of logsumexp), in gradient layout and the paper's numerator layout; each text, and the
// numerator text, pasted back after the program gives the closed form's numbers (1e-12 relative).
TEST_CASE("printed forms: the table of closed forms, as the paper writes them", "[symbolic][printed]") {
  const std::vector<Row> rows = {
      {"Cookbook (81)", "x: vec(3)\nA: mat(3,3)\nx' @ A @ x", "x", "(A + A') @ x", "x' @ (A + A')", ""},
      {"least squares (paper 6 with a linear model)", "A: mat(4,3)\nx: vec(3)\nb: vec(4)\nsum((A @ x - b)^2)", "x", "2 * A' @ (A @ x - b)",
       "2 * (A @ x - b)' @ A", ""},
      {"paper 5: a neuron, w . x kept as the dot product", "w: vec(3)\nx: vec(3)\nb: scalar\nrelu(w . x + b)", "w",
       "(w . x + b > 0) * x", "(w . x + b > 0) * x'", ""},
      {"paper 6: (2/N) X'((relu(z) - y) * (z > 0))", "X: mat(5,3)\nw: vec(3)\nb: scalar\ny: vec(5)\nmean((relu(X @ w + b) - y)^2)", "w",
       "(2 / 5) * X' @ ((relu(z) - y) * (z > 0))", "(2 / 5) * ((relu(z) - y) * (z > 0))' @ X", "z = X @ w + b"},
      {"paper 4.3 and 4.5: sigma(z) named by its argument z", "W: mat(2,3)\nx: vec(3)\nb: vec(2)\nsigmoid(W @ x + b)", "x",
       "diag(sigmoid(z) * (1 - sigmoid(z))) @ W", nullptr, "z = W @ x + b"},
      {"paper 4.6: the vector chain rule", "x: scalar\n[ln(x^2), sin(3x)]", "x", "[2 / x, 3 * cos(3 * x)]", nullptr, ""},
      {"Cookbook (101)", "A: mat(2,3)\nX: mat(3,4)\nB: mat(4,2)\ntr(A @ X @ B)", "X", "A' @ B'", "B @ A", ""},
      {"Cookbook (57)", "X: mat(3,3)\nlogdet(X)", "X", "inv(X)'", "inv(X)", ""},
      {"logsumexp's gradient is softmax", "x: vec(3)\nlogsumexp(x)", "x", "softmax(x)", "softmax(x)'", ""},
      // the lessons' programs (paper sections 5 and 6): names the formula does not use are not listed,
      // the sign stays inside (relu(z) - y), the transpose outside relu
      {"lesson: the neuron in steps", "w: vec(3)\nx: vec(3)\nb: scalar\nu = w * x\ny = sum(u)\nz = y + b\na = max(0, z)", "w",
       "(z > 0) * x", "(z > 0) * x'", "z = w . x + b"},
      {"lesson: the neuron's loss", "X: mat(4,2)\ny: vec(4)\nw: vec(2)\nb: scalar\nz = X @ w + b\nC = mean((y - max(0, z))^2)", "w",
       "(1 / 2) * X' @ ((relu(z) - y) * (z > 0))", "(1 / 2) * ((relu(z) - y) * (z > 0))' @ X", "z = X @ w + b"},
      {"the sign goes into the sum: -2 A'(b - A x) is 2 A'(A x - b)", "A: mat(4,3)\nx: vec(3)\nb: vec(4)\nsum((b - A @ x)^2)", "x",
       "2 * A' @ (A @ x - b)", "2 * (A @ x - b)' @ A", ""},
      {"norm(-v) = norm(v): Cookbook (129) chained, one name for A x - b", "A: mat(4,3)\nx: vec(3)\nb: vec(4)\nnorm(b - A @ x)", "x",
       "A' @ (z / norm(z))", "(z' / norm(z)) @ A", "z = A @ x - b"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.what, r.source);
    const auto d = diffOf(r.source, r.wrt);
    CHECK(sym::text(d.derivation.derivative) == r.text);
    CHECK(shown(d.derivation) == r.where);
    const Matrix closed = sym::evaluateAt(*d.tape, d.derivation, d.names);
    const double tol = 1e-12 * std::max(1.0, closed.cwiseAbs().maxCoeff());
    const Matrix back = evaluated(r.source, d, sym::text(d.derivation.derivative));
    REQUIRE(back.rows() == closed.rows());
    REQUIRE(back.cols() == closed.cols());
    CHECK((back - closed).cwiseAbs().maxCoeff() <= tol);
    if (r.numerator) {
      const sym::Expr row = sym::numeratorForm(d.derivation.derivative);
      CHECK(sym::text(row) == r.numerator);
      const Matrix flipped = evaluated(r.source, d, sym::text(row));
      REQUIRE(flipped.rows() == closed.cols());
      REQUIRE(flipped.cols() == closed.rows());
      CHECK((flipped - Matrix(closed.transpose())).cwiseAbs().maxCoeff() <= tol);
    }
  }
}

TEST_CASE("printed forms: LaTeX as the paper writes it (w \\cdot x, sigma, the mask (z > 0), one spelling of u_1)",
          "[symbolic][printed][latex]") {
  CHECK(sym::latex(diffOf("w: vec(3)\nx: vec(3)\nb: scalar\nrelu(w . x + b)", "w").derivation.derivative) ==
        "\\left(w \\cdot x + b > 0\\right) \\, x");
  const auto sigmoid = diffOf("W: mat(2,3)\nx: vec(3)\nb: vec(2)\nsigmoid(W @ x + b)", "x");
  CHECK(sym::latex(sigmoid.derivation.derivative) ==
        "\\operatorname{diag}\\left(\\sigma\\left(z\\right) \\odot \\left(1 - \\sigma\\left(z\\right)\\right)\\right) W");
  const auto loss = diffOf("X: mat(4,2)\ny: vec(4)\nw: vec(2)\nb: scalar\nz = X @ w + b\nC = mean((y - max(0, z))^2)", "w");
  // the mask as (z > 0), never 1[z > 0] beside the ones vector \mathbf{1}
  CHECK(sym::latex(loss.derivation.derivative) ==
        "\\tfrac{1}{2} X^\\top \\left(\\left(\\operatorname{relu}\\left(z\\right) - y\\right) \\odot \\left(z > 0\\right)\\right)");
  CHECK(sym::latex(sym::numeratorForm(loss.derivation.derivative)) ==
        "\\tfrac{1}{2} \\left(\\left(\\operatorname{relu}\\left(z\\right) - y\\right) \\odot \\left(z > 0\\right)\\right)^\\top X");
  // every step's LaTeX spells an intermediate u1 as u_{1} (its adjoint \bar{u}_{1}), the left side too
  int intermediates = 0;
  for (const sym::Step& s : loss.derivation.steps) {
    CAPTURE(s.rule, s.text, s.latex);
    CHECK(s.latex.find("u1") == std::string::npos);
    CHECK(s.latex.find("\\bar{u_") == std::string::npos);
    if (s.text.rfind("u1 = ", 0) == 0) {
      CHECK(s.latex.rfind("u_{1} = ", 0) == 0);
      ++intermediates;
    }
    if (s.text.rfind("u1_bar = ", 0) == 0) {
      CHECK(s.latex.rfind("\\bar{u}_{1} = ", 0) == 0);
      ++intermediates;
    }
  }
  CHECK(intermediates == 2);
}
