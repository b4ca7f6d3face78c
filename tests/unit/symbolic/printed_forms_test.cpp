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
       "w", "2 * X' @ ((relu(z) - y) * (z > 0)) / 5", "z = X @ w + b"},
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
