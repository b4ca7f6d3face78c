// Every constructor of the IR checked as it simplifies, in every test of this binary (the closed-form
// tables, the property test, the printed forms): the node that was asked for and the canonical node that
// was built are evaluated at random values of their variables (entries of magnitude 0.3 to 1.5, random
// signs; a square matrix gets 3 I added so that it is invertible) and must agree within 1e-9 relative
// wherever the node asked for is finite (a rewrite such as sqrt(x)^2 = x holds only where both sides are
// defined). A mismatch throws, so the test that built the node fails with the rewrite in its message.
#include "symbolic/eval.hpp"
#include "symbolic/print.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <stdexcept>
#include <tuple>

using namespace mc;

namespace {

struct RewriteMismatch : std::logic_error {
  using std::logic_error::logic_error;
};

long long checkedRewrites = 0;

const Matrix& valueOf(const std::string& name, Index rows, Index cols) {
  static std::map<std::tuple<std::string, Index, Index>, Matrix> values;
  static std::uint64_t state = 20261130;
  auto it = values.find({name, rows, cols});
  if (it != values.end()) return it->second;
  Matrix m(rows, cols);
  for (Index k = 0; k < m.size(); ++k) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    const double u = static_cast<double>(state >> 11) * 0x1.0p-53;
    m.data()[k] = (0.3 + 1.2 * u) * ((state >> 5) & 1 ? -1 : 1);
  }
  if (rows == cols && rows > 1) m += 3 * Matrix::Identity(rows, rows);
  return values.emplace(std::make_tuple(name, rows, cols), m).first->second;
}

void collect(const sym::Expr& e, sym::Values& values) {
  if (e->kind == sym::Kind::Variable) values[e->name] = valueOf(e->name, e->rows, e->cols);
  for (const sym::Expr& a : e->args) collect(a, values);
}

void compareSides(const sym::Rewrite& r) {
  sym::Node asked;
  asked.kind = r.kind;
  asked.rows = r.result->rows;
  asked.cols = r.result->cols;
  asked.args = r.args;
  asked.number = r.number;
  asked.fn = r.fn;
  const auto before = std::make_shared<const sym::Node>(asked);
  sym::Values values;
  collect(before, values);
  const Matrix want = sym::evaluate(before, values);
  const Matrix got = sym::evaluate(r.result, values);
  ++checkedRewrites;
  if (want.rows() != got.rows() || want.cols() != got.cols()) {
    throw RewriteMismatch("rewrite changed the shape: " + sym::textOf(asked) + " -> " + sym::text(r.result));
  }
  const double scale = std::max({1.0, want.cwiseAbs().maxCoeff(), got.cwiseAbs().maxCoeff()});
  for (Index k = 0; k < want.size(); ++k) {
    const double w = want.data()[k], g = got.data()[k];
    if (!std::isfinite(w) || !std::isfinite(scale)) continue;
    if (!(std::abs(w - g) <= 1e-9 * scale)) {
      throw RewriteMismatch("rewrite " + sym::textOf(asked) + " -> " + sym::text(r.result) + ": " + sym::numberText(w) +
                            " before, " + sym::numberText(g) + " after");
    }
  }
}

const bool installed = [] {
  sym::setRewriteCheck(compareSides);
  return true;
}();

}  // namespace

TEST_CASE("the rewrite check is on in this binary and catches a wrong rewrite", "[symbolic][rewrite-check]") {
  REQUIRE(installed);
  const sym::Expr x = sym::variable("x", 3, 1), y = sym::variable("y", 3, 1);
  const long long before = checkedRewrites;
  const sym::Expr s = sym::add(x, y);  // a real rewrite: checked and accepted
  CHECK(checkedRewrites > before);
  // a wrong "rewrite" x + y -> x handed to the check as the constructors would
  CHECK_THROWS_AS(compareSides(sym::Rewrite{sym::Kind::Add, {x, y}, 0, sym::Fn::Exp, x}), RewriteMismatch);
  CHECK_NOTHROW(compareSides(sym::Rewrite{sym::Kind::Add, {x, y}, 0, sym::Fn::Exp, s}));
}
