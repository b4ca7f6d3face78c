// Printing a parsed program: one canonical form, stable under print -> parse -> print, and the printed
// program computes the same value as the original.
#include "expr/parser.hpp"
#include "expr/printer.hpp"
#include "expr_support.hpp"

#include <cstdint>

using namespace mc;
using namespace mc::test;
using mc::expr::SourceText;

namespace {
std::string canonical(const std::string& source) { return mc::expr::print(mc::expr::parse(SourceText(source))); }

// A small deterministic generator (the same sequence everywhere, unlike std distributions).
struct Lcg {
  std::uint64_t s;
  unsigned next(unsigned n) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<unsigned>((s >> 33) % n);
  }
};

// A random expression over a (scalar), v (vec(3)) and M (mat(3,3)), written in varied styles.
std::string randomExpr(Lcg& g, int depth) {
  static const char* kAtoms[] = {"a", "v", "M", "pi", "2", "0.5", "3", "1e-3", ".25", "10"};
  static const char* kSpace[] = {"", " ", "  "};
  const auto sp = [&] { return std::string(kSpace[g.next(3)]); };
  if (depth == 0) return kAtoms[g.next(10)];
  switch (g.next(12)) {
    case 0: return randomExpr(g, depth - 1) + sp() + "+" + sp() + randomExpr(g, depth - 1);
    case 1: return randomExpr(g, depth - 1) + sp() + "-" + sp() + randomExpr(g, depth - 1);
    case 2: return randomExpr(g, depth - 1) + sp() + (g.next(2) ? "*" : "/") + sp() + randomExpr(g, depth - 1);
    case 3: return randomExpr(g, depth - 1) + sp() + "@" + sp() + randomExpr(g, depth - 1);
    case 4: return randomExpr(g, depth - 1) + "^" + (g.next(2) ? "2" : "-1");
    case 5: return std::string(g.next(2) ? "3" : "2") + (g.next(2) ? "a" : "v");  // juxtaposition
    case 6: return "-" + randomExpr(g, depth - 1);
    case 7: return "(" + randomExpr(g, depth - 1) + ")";
    case 8: return "(" + randomExpr(g, depth - 1) + ")'";
    case 9: {
      static const char* kFns[] = {"sin", "cos", "exp", "tanh", "sigmoid", "abs", "relu", "sum", "mean", "transpose", "ln"};
      return std::string(kFns[g.next(11)]) + "(" + randomExpr(g, depth - 1) + ")";
    }
    case 10: return g.next(2) ? "max(0, " + randomExpr(g, depth - 1) + ")" : "v . " + randomExpr(g, depth - 1);
    default: return "[" + randomExpr(g, depth - 1) + "," + sp() + randomExpr(g, depth - 1) + "]";
  }
}
}  // namespace

TEST_CASE("the canonical form of the paper's expressions", "[expr][print]") {
  CHECK(canonical("3x^2 y") == "3 * x^2 * y\n");
  CHECK(canonical("[ln(x^2), sin(3x)]") == "[ln(x^2), sin(3 * x)]\n");
  CHECK(canonical("max(0, w.x + b)") == "max(0, dot(w, x) + b)\n");
  CHECK(canonical("w · x") == "dot(w, x)\n");
  CHECK(canonical("-x^2") == "-x^2\n");
  CHECK(canonical("(-x)^2") == "(-x)^2\n");
  CHECK(canonical("x - (y - z)") == "x - (y - z)\n");
  CHECK(canonical("(x - y) - z") == "x - y - z\n");
  CHECK(canonical("a^b^c") == "a^b^c\n");
  CHECK(canonical("(a^b)^c") == "(a^b)^c\n");
  CHECK(canonical("x^-1") == "x^-1\n");
  CHECK(canonical("2(x+1)") == "2 * (x + 1)\n");
  CHECK(canonical("1/2x") == "1 / 2 * x\n");  // juxtaposition binds like *
  CHECK(canonical("(x + y)''") == "(x + y)''\n");
  CHECK(canonical("- -x") == "--x\n");
  CHECK(canonical("-(-x)") == "--x\n");
  CHECK(canonical("+x") == "x\n");
  CHECK(canonical("0.1 + 1e-7 + 2.50") == "0.1 + 1e-07 + 2.5\n");
  CHECK(canonical("x: vec(3) = [1, 2, 3] # a comment\nW: mat = [[1,2],\n [3,4]];u = W@W\n") ==
        "x: vec(3) = [1, 2, 3]\nW: mat = [[1, 2], [3, 4]]\nu = W @ W\n");
  CHECK(canonical("y: scalar = -2.5") == "y: scalar = -2.5\n");
}

TEST_CASE("print -> parse -> print is stable and computes the same value", "[expr][print]") {
  const std::string decl = "a: scalar = 0.7\nv: vec(3) = [1, -2, 0.5]\nM: mat(3,3) = [[1, 2, 0], [0, 1, -1], [2, 0, 1]]\n";
  Lcg g{12345};
  int evaluated = 0;
  for (int i = 0; i < 400; ++i) {
    const std::string source = decl + randomExpr(g, 1 + static_cast<int>(g.next(4)));
    CAPTURE(source);
    const std::string once = canonical(source);
    CHECK(canonical(once) == once);
    json first, second;
    try {
      first = calc(source, {{"check", false}, {"graph", false}});
    } catch (const std::invalid_argument&) {
      continue;  // a shape error: the printed program must fail the same way
    }
    second = calc(once, {{"check", false}, {"graph", false}});
    CHECK(first["output"]["value"] == second["output"]["value"]);
    CHECK(first["derivative"]["value"] == second["derivative"]["value"]);
    ++evaluated;
  }
  CHECK(evaluated > 100);  // enough of the random programs have consistent shapes to mean something
}

TEST_CASE("numbers print in the shortest form that reads back exactly", "[expr][print]") {
  for (double x : {0.1, 1.0 / 3.0, 2.5e-300, 6.02214076e23, 123456789.0, 1e-7, 0.0}) {
    CAPTURE(x);
    const std::string text = mc::expr::formatNumber(x);
    CHECK(std::strtod(text.c_str(), nullptr) == x);
    const mc::expr::Program p = mc::expr::parse(SourceText(text));
    REQUIRE(p.statements.size() == 1);
    CHECK(p.statements[0].expr.number == x);
  }
}

TEST_CASE("the printed form of a program at the nesting limit still parses", "[expr][print]") {
  // found by the fuzzer: printing -(-(...)) with parentheses nested twice as deep as the input
  const std::string deep = std::string(mc::expr::kMaxDepth - 2, '-') + "x";
  const std::string once = canonical(deep);
  CHECK(canonical(once) == once);
}
