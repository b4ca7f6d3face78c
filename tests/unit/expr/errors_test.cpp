// Bad programs: each gives one exact message naming the position (1-based column on one line,
// line:column on several) and, where shapes are involved, the operands' text and shapes.
#include "expr/compiler.hpp"
#include "expr/parser.hpp"
#include "expr_support.hpp"
#include "ops/op.hpp"

#include <algorithm>
#include <vector>

using namespace mc;
using namespace mc::test;

namespace {
struct BadInput {
  const char* source;
  const char* message;
};

// The error of a program, or "" if it has none.
std::string errorOf(const std::string& source) {
  try {
    calc(source, {{"graph", false}});
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("bad programs give exact messages with positions and shapes", "[expr][errors]") {
  static const BadInput kCases[] = {
      {"x: vec(3) = [1, 2, 3]\nW: mat(2,3) = [[1, 2, 3], [4, 5, 6]]\nx + W", "at 3:3: x (3x1) + W (2x3): shapes differ"},
      {"x: vec(3) = [1,2,3]; W: mat(2,3) = [[1,2,3],[4,5,6]]; x + W", "at 57: x (3x1) + W (2x3): shapes differ"},
      {"x: vec(3) = [1, 2, 3]; W: mat(2,3) = [[1,2,3],[4,5,6]]; x * W'", "at 59: x (3x1) * W' (3x2): shapes differ"},
      {"x: scalar = 1; W: scalar = 2; x + z", "unknown name 'z' at 35; declared: x, W"},
      {"x + 1", "unknown name 'x' at 1; declared: none"},
      {"x: vec(3) = [1, 2, 3]; y = sin(x + 1", "expected ',' or ')' at 37, found end of input"},
      {"x: scalar = 1; (x + 1", "expected ')' at 22, found end of input"},
      {"x: scalar = 1\nx^2 +", "expected an expression at 2:6, found end of input"},
      {"x: scalar = 1\nx $ 2", "at 2:3: unexpected character '$'"},
      {"x: scalar = 1\nx * 1e999", "at 2:5: number out of range: 1e999"},
      {"x: vec(3) = [1, 2, 3]\nx[4]", "at 2:2: x[4]: x (3x1) has no entry (4, 1); indices count from 1"},
      {"A: mat(2,2) = [[1, 2], [3, 4]]\nA[1]", "at 2:2: A (2x2) is a matrix: write A[i, j]"},
      {"x: scalar = 1\neye(0)", "at 2:5: eye's size must be a whole number from 1 to 10000, such as eye(3)"},
      {"A: mat(2,3) = [[1, 2, 3], [4, 5, 6]]\ntr(A)", "at 2:1: tr(A (2x3)): the trace needs a square matrix"},
      {"x: scalar = 1\nsin(x, 2)", "at 2:1: sin takes 1 argument, given 2"},
      {"x: scalar = 1\ndot(x)", "at 2:1: dot takes 2 arguments, given 1"},
      {"x: scalar = 1\nx: scalar = 2", "at 2:1: 'x' is already declared at 1:1"},
      {"x: scalar = 1\nu = x\nu = 2x", "at 3:1: 'u' is already defined at 2:1"},
      {"x: vec(3) = [1, 2]", "at 13: x is declared vec(3) (3x1), but its value is 2x1"},
      {"W: mat(2,2) = [[1, 2], [3]]", "at 24: row 2 has 1 entry, row 1 has 2"},
      {"x: vector(3) = [1, 2, 3]", "expected a type (scalar, vec(n) or mat(m,n)) at 4, found 'vector'"},
      {"x: vec(0) = []", "at 8: a size must be a whole number from 1 to 10000, found number 0"},
      {"x: vec(2.5)", "at 8: a size must be a whole number from 1 to 10000, found number 2.5"},
      {"x: mat(200,200)", "at 4: x would have 40000 entries; at most 10000"},
      {"x: scalar = 2\ny: scalar = 3\nx^y",
       "at 3:2: the exponent must be a constant number, but y depends on a variable (for x^y write exp(y * log(x)))"},
      {"x: scalar = 1\n(-2)^x", "at 2:5: c^x needs a positive base c, found -2"},
      {"x: vec(2) = [1, 2]\ny: vec(3) = [1, 2, 3]\ndot(x, y)", "at 3:1: dot(x (2x1), y (3x1)): lengths differ"},
      {"W: mat(2,2) = [[1, 2], [3, 4]]\nW . W", "at 2:3: dot(W (2x2), W (2x2)): both operands must be column vectors"},
      {"x: vec(2) = [1, 2]\nW: mat(2,2) = [[1, 2], [3, 4]]\n[x, W]",
       "at 3:5: [x, W] stacks its entries, but W (2x2) has 2 columns and the entries before it have 1"},
      {"W: mat(2,3) = [[1, 2, 3], [4, 5, 6]]\nx: vec(2) = [1, 2]\nW @ x",
       "at 3:3: W (2x3) @ x (2x1): inner dimensions differ (3 vs 2)"},
      {"x: vec(2) = [1, 2]\ny: vec(3) = [1, 2, 3]\nmax(x, y)", "at 3:1: max(x (2x1), y (3x1)): shapes differ"},
      {"x: scalar = 1\n(x + 1))", "expected a new line or ';' at 2:8, found ')'"},
      {"sin: scalar = 1", "at 1: 'sin' is a function and cannot be declared"},
      {"pi = 3", "at 1: 'pi' is a constant and cannot be defined"},
      {"x: vec(2) = [1, y]", "at 17: a declared value is made of numbers; 'y' is a name"},
      {"x: vec\nsum(x)", "at 1:1: 'x' has no value: write one (x: vec(2) = [1, 2]) or give it in the request's values"},
      {"x: scalar = 1\nx + 1 = 3", "at 2:7: '=' must follow a single name, as in u = x^2"},
      {"x: scalar = 1\nsin x", "at 2:1: sin is a function: write sin(...)"},
      {"x: scalar = 1\n[]", "at 2:1: an empty list [] has no value"},
      {"x: vec(2) = [1, 2]\n[[1, 2], x]", "at 2:10: a list mixes rows [...] and single entries; write every row in brackets"},
      {"x: scalar = 1\nx(2)", "'x' at 2:1 is a variable, not a function: to multiply, write x*(...)"},
      // what developers type from other languages, and what to write instead
      {"x: vec(3) = [1, 2, 3]\nA: mat(3,3) = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]\nx' * A * x",
       "at 3:4: x' (1x3) * A (3x3): shapes differ; * is element-wise: the matrix product is @ (x' @ A)"},
      {"x: scalar = 1\nx**2", "at 2:2: the power is ^: write x^2, not x**2"},
      {"x: vec(2) = [1, 2]\nx^T", "at 2:2: the transpose is x' (or transpose(x)), not x^T"},
      {"v: vec(2) = [1, 2]\n||v||", "at 2:1: '|' is not in the language: for ||v|| write sqrt(sum(v^2)) (sum(v^2) for ||v||^2), for |x| write abs(x)"},
      {"x: vec(1000) = [1]", "at 16: x is declared vec(1000) (1000x1), but its value is 1x1"},
      {"x: scalar = 1; x +* 2", "expected an expression at 19, found '*'"},
      // found by the fuzzer: a row that is itself a matrix
      {"[[[1, 2], [3, 4]]]", "at 2: row 1 is [[1, 2], [3, 4]] (2x2); the entries of a row must be scalars (or columns)"},
      {"x: scalar = 1\n[[[1, 2], [3, 4]], [x, x]]",
       "at 2:2: row 1 is [[1, 2], [3, 4]] (2x2); the entries of a row must be scalars (or columns)"},
  };
  for (const BadInput& c : kCases) {
    CAPTURE(c.source);
    CHECK(errorOf(c.source) == c.message);
  }
}

// The list in the message is made from the op rows, so it is checked against every op: each op that
// names a function in the language is listed and callable, with its arity, and gives its op's value.
TEST_CASE("an unknown function's message lists every op's function and the language's own", "[expr][errors]") {
  // the language's own functions, composed of ops (expr/functions.cpp), and ln, the other name of log
  std::vector<std::string> names = {"diag", "eye", "ln", "logsumexp", "max", "norm", "ones", "softmax", "tr"};
  for (int i = 0; i < static_cast<int>(Op::Count); ++i) {
    const OpInfo& info = opInfo(static_cast<Op>(i));
    if (info.function == nullptr) continue;
    const std::string f = info.function;
    CAPTURE(f);
    names.push_back(f);
    // callable with its arity; a 1x1 argument folds through the op's forward, a variable records the op
    const std::string call = f + (info.arity == 1 ? "(x)" : "(x, x)");
    const json answer = calc("x: vec(1) = [0.75]\n" + call, {{"graph", false}});
    Matrix expected(1, 1);
    const Matrix x = Matrix::Constant(1, 1, 0.75);
    info.forward(x, info.arity == 2 ? x : Matrix(), 0, expected);
    checkClose(valueOf(answer), expected, 1e-15);
    const json folded = calc("x: scalar = 1\n" + f + (info.arity == 1 ? "(0.75)" : "(0.75, 0.75)") + " + x", {{"graph", false}});
    checkClose(valueOf(folded), Matrix((expected.array() + 1.0).matrix()), 1e-15);
    CHECK(errorOf("x: scalar = 1\n" + f + (info.arity == 1 ? "(x, x)" : "(x)")) ==
          "at 2:1: " + f + " takes " + std::to_string(info.arity) + (info.arity == 1 ? " argument" : " arguments") +
              ", given " + (info.arity == 1 ? "2" : "1"));
  }
  std::sort(names.begin(), names.end());
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  CHECK(errorOf("x: scalar = 1\nfoo(x)") == "unknown function 'foo' at 2:1; functions: " + list);
}

TEST_CASE("an error's offset is the byte where the message points", "[expr][errors]") {
  const std::string source = "x: scalar = 1; x + z";
  try {
    const mc::expr::SourceText text(source);
    Tape tape;
    mc::expr::compile(mc::expr::parse(text), text, tape);
    FAIL("no error");
  } catch (const mc::expr::ExprError& e) {
    CHECK(e.offset == 19);
    CHECK(source.substr(static_cast<std::size_t>(e.offset), 1) == "z");
  }
}

TEST_CASE("nesting beyond the limit is an error, not a stack overflow", "[expr][errors]") {
  const int n = mc::expr::kMaxDepth + 5;
  const std::string deepParens = "x: scalar = 1\n" + std::string(n, '(') + "x" + std::string(n, ')');
  CHECK(errorOf(deepParens).find("nested too deeply") != std::string::npos);
  std::string longChain = "x: scalar = 1\nx";
  for (int i = 0; i < 2 * n; ++i) longChain += " + x";  // no recursion in the parser, but a deep tree
  CHECK(errorOf(longChain).find("nested too deeply") != std::string::npos);
  const std::string minuses = "x: scalar = 1\n" + std::string(n, '-') + "x";
  CHECK(errorOf(minuses).find("nested too deeply") != std::string::npos);
}

TEST_CASE("values too large for the calculator are refused with their shapes", "[expr][errors]") {
  // a 10000 x 10000 outer product would take 800 MB
  std::string big = "x: vec(10000) = [";
  for (int i = 0; i < 10000; ++i) big += (i ? ", 1" : "1");
  big += "]\nx @ x'";
  CHECK(errorOf(big) == "at 2:3: x @ x' would be 10000x10000; at most 1000000 entries");
}

TEST_CASE("a program's total size is bounded, whatever its text", "[expr][errors]") {
  // each line doubles the vector: 2^10 x 1000 entries would be about 8 GB over the whole tape
  std::string doubling = "x: vec(1000) = [";
  for (int i = 0; i < 1000; ++i) doubling += (i ? ", 0.5" : "0.5");
  doubling += "]\nu0 = x";
  for (int i = 1; i <= 30; ++i) doubling += "\nu" + std::to_string(i) + " = [u" + std::to_string(i - 1) + ", u" + std::to_string(i - 1) + "]";
  const std::string message = errorOf(doubling);
  CHECK(message.find("would be") != std::string::npos);  // stopped at the first value over the limit
  std::string many = "x: vec(1000) = [";
  for (int i = 0; i < 1000; ++i) many += (i ? ", 1" : "1");
  many += "]\nW = x @ x'";  // 1000 x 1000 = 1e6 entries each
  for (int i = 1; i <= 8; ++i) many += "\nW" + std::to_string(i) + " = x @ x'";
  CHECK(errorOf(many).find("the program is too large to compute here") != std::string::npos);
}
