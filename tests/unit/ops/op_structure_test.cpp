// Every op's row names the structure of its local Jacobian (I, -I, diag(f'(x)), 1ᵀ, xᵀ ⊗ I ...), and
// the description stands for the real Jacobian: expanding it gives the row's explicit Jacobian, on every
// test row of the op table and every base shape. A row without a structure fails here.
#include "mc.hpp"
#include "op_cases.hpp"
#include "ops/structure.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace mc;
using namespace mc::test;

namespace {

std::uint64_t seedOf(const std::string& name, Shape base) {
  std::uint64_t h = 14695981039346656037ULL;  // FNV-1a of the row name, then the shape
  for (char ch : name) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ULL;
  return h ^ static_cast<std::uint64_t>(base.first * 31 + base.second);
}

bool diagonalKind(const std::string& kind) {
  return kind == "identity" || kind == "negative-identity" || kind == "scaled-identity" || kind == "diagonal";
}

}  // namespace

TEST_CASE("op structure: every op's row describes its Jacobian, and the description expands to it", "[ops][structure]") {
  std::set<Op> covered;
  for (const OpCase& row : allOpCases()) covered.insert(row.op);
  for (int i = 0; i < static_cast<int>(Op::Count); ++i) {  // no op escapes the loop below
    const OpInfo& info = opInfo(static_cast<Op>(i));
    CAPTURE(info.name);
    if (info.arity > 0) CHECK(covered.count(static_cast<Op>(i)) == 1);
  }
  for (const OpCase& row : allOpCases()) {
    const OpInfo& info = opInfo(row.op);
    for (const Shape& base : baseShapes()) {
      const std::string& opName = row.name;
      CAPTURE(opName, base.first, base.second);
      Rng rng(seedOf(row.name, base));
      const auto [sa, sb] = row.shapes(base.first, base.second);
      const Matrix a = randomMatrix(sa.first, sa.second, rng, row.domainA);
      const Matrix b = info.arity == 2 ? randomMatrix(sb.first, sb.second, rng, row.domainB) : Matrix();
      const auto [rows, cols] = info.shape(a, b, row.p);
      Matrix y(rows, cols);
      info.forward(a, b, row.p, y);
      const OpArgs args{a, b, row.p, y};
      for (int k = 0; k < info.arity; ++k) {
        CAPTURE(k);
        REQUIRE(info.structure != nullptr);
        JacobianStructure s = info.structure(k, args);
        CHECK(s.kind != "unstructured");
        CHECK_FALSE(s.latex.empty());
        CHECK_FALSE(s.text.empty());
        const Matrix& in = k == 0 ? a : b;
        s.outRows = y.rows();
        s.outCols = y.cols();
        s.inRows = in.rows();
        s.inCols = in.cols();
        const Matrix expected = info.jacobian(k, args);
        const Matrix expanded = expandStructure(s);
        REQUIRE(expanded.rows() == expected.rows());
        REQUIRE(expanded.cols() == expected.cols());
        CHECK((expanded - expected).cwiseAbs().maxCoeff() <= 1e-14);
        // the row's diagonal flag (what the chain of factors relies on) agrees with the structure
        if ((info.diagonalInputs >> k) & 1U) CHECK(diagonalKind(s.kind));
      }
    }
  }
}
