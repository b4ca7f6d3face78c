// Closed forms of the paper ("The Matrix Calculus You Need For Deep Learning", Parr & Howard, section
// numbers) and of the Matrix Cookbook (Petersen & Pedersen, 15 Nov 2012 edition, equation numbers),
// each written here independently with Eigen and compared with the engine's closed form at three
// seeded random points (tolerance 1e-10 relative); for many the printed form is compared with the text
// a person would write. A trace tr(M) is written sum(M * I3) with I3 a literal identity written in the program.
#include "symbolic_support.hpp"

#include <functional>
#include <map>

using namespace mc;
using namespace mc::test;

namespace {

using V = std::map<std::string, Matrix>;

struct Case {
  const char* cite;
  const char* source;
  const char* wrt;
  std::function<Matrix(const V&)> expected;  // gradient shaped like wrt, or the m x n Jacobian
  const char* text;                           // the printed form, or nullptr
};

const char* kI3 = "[[1, 0, 0], [0, 1, 0], [0, 0, 1]]";

Matrix I(Index n) { return Matrix::Identity(n, n); }
Matrix sig(const Matrix& z) { return z.unaryExpr([](double t) { return 1 / (1 + std::exp(-t)); }); }
Matrix step(const Matrix& z) { return z.unaryExpr([](double t) { return t > 0 ? 1.0 : 0.0; }); }

const std::vector<Case>& cases() {
  static const std::vector<Case> list = {
      {"Cookbook (69)", "a: vec(3)\nx: vec(3)\na' @ x", "x", [](const V& v) { return v.at("a"); }, "a"},
      {"Cookbook (69)", "a: vec(3)\nx: vec(3)\nx' @ a", "x", [](const V& v) { return v.at("a"); }, "a"},
      {"Cookbook (70)", "a: vec(3)\nb: vec(2)\nX: mat(3,2)\na' @ X @ b", "X",
       [](const V& v) { return Matrix(v.at("a") * v.at("b").transpose()); }, "a @ b'"},
      {"Cookbook (71)", "a: vec(2)\nb: vec(3)\nX: mat(3,2)\na' @ X' @ b", "X",
       [](const V& v) { return Matrix(v.at("b") * v.at("a").transpose()); }, "b @ a'"},
      {"Cookbook (72)", "a: vec(3)\nX: mat(3,3)\na' @ X @ a", "X",
       [](const V& v) { return Matrix(v.at("a") * v.at("a").transpose()); }, "a @ a'"},
      {"Cookbook (77)", "b: vec(2)\nc: vec(2)\nX: mat(3,2)\nb' @ X' @ X @ c", "X",
       [](const V& v) { return Matrix(v.at("X") * (v.at("b") * v.at("c").transpose() + v.at("c") * v.at("b").transpose())); },
       nullptr},
      {"Cookbook (78)", "B: mat(2,3)\nb: vec(2)\nC: mat(2,4)\nD: mat(4,3)\nd: vec(4)\nx: vec(3)\n(B @ x + b)' @ C @ (D @ x + d)", "x",
       [](const V& v) {
         const Matrix& x = v.at("x");
         return Matrix(v.at("B").transpose() * v.at("C") * (v.at("D") * x + v.at("d")) +
                       v.at("D").transpose() * v.at("C").transpose() * (v.at("B") * x + v.at("b")));
       }, nullptr},
      {"Cookbook (81)", "B: mat(3,3)\nx: vec(3)\nx' @ B @ x", "x",
       [](const V& v) { return Matrix((v.at("B") + v.at("B").transpose()) * v.at("x")); }, "(B + B') @ x"},
      {"Cookbook (82)", "b: vec(2)\nc: vec(2)\nD: mat(3,3)\nX: mat(3,2)\nb' @ X' @ D @ X @ c", "X",
       [](const V& v) {
         const Matrix& X = v.at("X");
         return Matrix(v.at("D").transpose() * X * v.at("b") * v.at("c").transpose() +
                       v.at("D") * X * v.at("c") * v.at("b").transpose());
       }, nullptr},
      {"Cookbook (83)", "b: vec(2)\nc: vec(3)\nD: mat(3,3)\nX: mat(3,2)\n(X @ b + c)' @ D @ (X @ b + c)", "X",
       [](const V& v) {
         return Matrix((v.at("D") + v.at("D").transpose()) * (v.at("X") * v.at("b") + v.at("c")) * v.at("b").transpose());
       }, "(D + D') @ (X @ b + c) @ b'"},
      {"Cookbook (84), W not symmetric", "x: vec(3)\nA: mat(3,2)\ns: vec(2)\nW: mat(3,3)\n(x - A @ s)' @ W @ (x - A @ s)", "s",
       [](const V& v) {
         return Matrix(-v.at("A").transpose() * (v.at("W") + v.at("W").transpose()) * (v.at("x") - v.at("A") * v.at("s")));
       }, nullptr},
      {"Cookbook (85), W not symmetric", "x: vec(3)\ns: vec(3)\nW: mat(3,3)\n(x - s)' @ W @ (x - s)", "x",
       [](const V& v) { return Matrix((v.at("W") + v.at("W").transpose()) * (v.at("x") - v.at("s"))); }, "(W + W') @ (x - s)"},
      {"Cookbook (86), W not symmetric", "x: vec(3)\ns: vec(3)\nW: mat(3,3)\n(x - s)' @ W @ (x - s)", "s",
       [](const V& v) { return Matrix(-(v.at("W") + v.at("W").transpose()) * (v.at("x") - v.at("s"))); }, nullptr},
      {"Cookbook (88), W not symmetric", "x: vec(3)\nA: mat(3,2)\ns: vec(2)\nW: mat(3,3)\n(x - A @ s)' @ W @ (x - A @ s)", "A",
       [](const V& v) {
         return Matrix(-(v.at("W") + v.at("W").transpose()) * (v.at("x") - v.at("A") * v.at("s")) * v.at("s").transpose());
       }, nullptr},
      {"Cookbook (100)", "X: mat(3,3)\nA: mat(3,3)\nsum((X @ A) * I3)", "X",
       [](const V& v) { return Matrix(v.at("A").transpose()); }, "A'"},
      {"Cookbook (101)", "A: mat(3,2)\nX: mat(2,4)\nB: mat(4,3)\nsum((A @ X @ B) * I3)", "X",
       [](const V& v) { return Matrix(v.at("A").transpose() * v.at("B").transpose()); }, "A' @ B'"},
      {"Cookbook (103)", "X: mat(3,3)\nA: mat(3,3)\nsum((X' @ A) * I3)", "X", [](const V& v) { return v.at("A"); }, "A"},
      {"Cookbook (108)", "X: mat(3,2)\nB: mat(3,3)\nsum((X' @ B @ X) * [[1, 0], [0, 1]])", "X",
       [](const V& v) { return Matrix((v.at("B") + v.at("B").transpose()) * v.at("X")); }, "(B + B') @ X"},
      {"Cookbook (111)", "X: mat(3,3)\nB: mat(3,3)\nsum((X @ B @ X') * I3)", "X",
       [](const V& v) { return Matrix(v.at("X") * v.at("B").transpose() + v.at("X") * v.at("B")); }, nullptr},
      {"Cookbook (115)", "X: mat(3,3)\nsum((X' @ X) * I3)", "X", [](const V& v) { return Matrix(2 * v.at("X")); }, "2 * X"},
      {"Cookbook (119)", "A: mat(3,2)\nX: mat(2,2)\nB: mat(2,4)\nC: mat(3,4)\nsum(((A @ X @ B + C) @ (A @ X @ B + C)') * I3)", "X",
       [](const V& v) {
         return Matrix(2 * v.at("A").transpose() * (v.at("A") * v.at("X") * v.at("B") + v.at("C")) * v.at("B").transpose());
       }, "2 * A' @ (A @ X @ B + C) @ B'"},
      {"Cookbook (131): ||x||^2", "x: vec(3)\nx' @ x", "x", [](const V& v) { return Matrix(2 * v.at("x")); }, "2 * x"},
      {"Cookbook (129) with a = 0: ||x||", "x: vec(3)\nsqrt(x' @ x)", "x",
       [](const V& v) { return Matrix(v.at("x") / v.at("x").norm()); }, "x / norm(x)"},
      {"Frobenius norm squared, sum(X^2) = tr(X' X): Cookbook (115)", "X: mat(2,3)\nsum(X^2)", "X", [](const V& v) { return Matrix(2 * v.at("X")); }, "2 * X"},
      {"paper 4.4: element-wise product, then sum", "w: vec(3)\nx: vec(3)\nsum(w * x)", "w", [](const V& v) { return v.at("x"); }, "x"},
      {"paper 4.5: sum reduction", "x: vec(3)\nsum(x)", "x", [](const V&) { return Matrix(Matrix::Ones(3, 1)); }, "ones(3, 1)"},
      {"paper 4.5: dot product", "w: vec(3)\nx: vec(3)\nw . x", "w", [](const V& v) { return v.at("x"); }, "x"},
      {"paper 5: a neuron's activation, by w", "w: vec(3)\nx: vec(3)\nb: scalar\nrelu(w . x + b)", "w",
       [](const V& v) { return Matrix(step(v.at("w").transpose() * v.at("x") + v.at("b"))(0, 0) * v.at("x")); },
       "(w . x + b > 0) * x"},
      {"paper 5: a neuron's activation, by b", "w: vec(3)\nx: vec(3)\nb: scalar\nrelu(w . x + b)", "b",
       [](const V& v) { return step(v.at("w").transpose() * v.at("x") + v.at("b")); }, "(w . x + b > 0)"},
      {"paper 6: the gradient of the neural network loss", "X: mat(5,3)\nw: vec(3)\nb: scalar\ny: vec(5)\nz = X @ w + b\nmean((relu(z) - y)^2)", "w",
       [](const V& v) {
         const Matrix z = (v.at("X") * v.at("w")).array() + v.at("b")(0, 0);
         const Matrix r = z.cwiseMax(0);
         return Matrix(2.0 / 5 * v.at("X").transpose() * (r - v.at("y")).cwiseProduct(step(z)));
       }, "(2 / 5) * X' @ ((relu(z) - y) * (z > 0))"},
      {"least squares (paper 6 with a linear model)", "A: mat(4,3)\nx: vec(3)\nb: vec(4)\nsum((A @ x - b)^2)", "x",
       [](const V& v) { return Matrix(2 * v.at("A").transpose() * (v.at("A") * v.at("x") - v.at("b"))); }, "2 * A' @ (A @ x - b)"},
      {"paper 4.2: the vector chain rule", "x: scalar\n[ln(x^2), sin(3x)]", "x",
       [](const V& v) {
         const double x = v.at("x")(0, 0);
         Matrix j(2, 1);
         j << 2 / x, 3 * std::cos(3 * x);
         return j;
       }, "[2 / x, 3 * cos(3 * x)]"},
      {"paper 4.3: element-wise product, by w", "w: vec(3)\nx: vec(3)\nw * x", "w",
       [](const V& v) { return Matrix(v.at("x").col(0).asDiagonal()); }, "diag(x)"},
      {"paper 4.3: element-wise sum, by x", "x: vec(3)\ny: vec(3)\nx + y", "x", [](const V&) { return I(3); }, "eye(3)"},
      {"paper 4.2: element-wise exp", "x: vec(3)\nexp(x)", "x",
       [](const V& v) { return Matrix(v.at("x").array().exp().matrix().col(0).asDiagonal()); }, "diag(exp(x))"},
      {"paper 4.3 and 4.5: affine layer with sigmoid, by x", "W: mat(2,3)\nx: vec(3)\nb: vec(2)\nsigmoid(W @ x + b)", "x",
       [](const V& v) {
         const Matrix s = sig(v.at("W") * v.at("x") + v.at("b"));
         return Matrix(s.cwiseProduct((1 - s.array()).matrix()).col(0).asDiagonal() * v.at("W"));
       }, "diag(sigmoid(z) * (1 - sigmoid(z))) @ W"},  // z = W @ x + b, named by the answer
      {"paper 4.5 and 4.2: sum of exp", "x: vec(3)\nsum(exp(x))", "x", [](const V& v) { return Matrix(v.at("x").array().exp()); }, "exp(x)"},
      {"paper 4.2: log", "x: vec(3)\nsum(log(x))", "x", [](const V& v) { return Matrix(v.at("x").array().inverse()); }, "1 / x"},
      {"tanh' = 1 - tanh^2", "x: vec(3)\nsum(tanh(x))", "x",
       [](const V& v) { return Matrix(1 - v.at("x").array().tanh().square()); }, "1 - tanh(x)^2"},
      {"sigmoid' = s (1 - s)", "x: vec(3)\nsum(sigmoid(x))", "x",
       [](const V& v) {
         const Matrix s = sig(v.at("x"));
         return Matrix(s.cwiseProduct((1 - s.array()).matrix()));
       }, "sigmoid(x) * (1 - sigmoid(x))"},
      // the language's tr, norm, logsumexp and softmax (written with the ops there are)
      {"Cookbook (101) with tr", "A: mat(3,2)\nX: mat(2,4)\nB: mat(4,3)\ntr(A @ X @ B)", "X",
       [](const V& v) { return Matrix(v.at("A").transpose() * v.at("B").transpose()); }, "A' @ B'"},
      {"Cookbook (129) with norm", "x: vec(3)\nnorm(x)", "x", [](const V& v) { return Matrix(v.at("x") / v.at("x").norm()); }, "x / norm(x)"},
      {"logsumexp: its gradient is the softmax", "x: vec(3)\nlogsumexp(x)", "x",
       [](const V& v) {
         const Matrix e = v.at("x").array().exp();
         return Matrix(e / e.sum());
       }, "softmax(x)"},
      {"softmax: J = diag(s) - s s'", "x: vec(3)\nsoftmax(x)", "x",
       [](const V& v) {
         const Matrix e = v.at("x").array().exp();
         const Matrix s = e / e.sum();
         return Matrix(Matrix(s.col(0).asDiagonal()) - s * s.transpose());
       }, nullptr},
      {"paper 4.4 generalised: a bias column over a batch, by b", "W: mat(2,3)\nX: mat(3,4)\nb: vec(2)\nsum(tanh(W @ X + b))", "b",
       [](const V& v) {
         const Matrix z = (v.at("W") * v.at("X")).colwise() + v.at("b").col(0);
         return Matrix((1 - z.array().tanh().square()).matrix().rowwise().sum());
       }, "(1 - tanh(W @ X + b)^2) @ ones(4, 1)"},
      {"indexing, 1-based: x[2]^2 + x[1] x[3]", "x: vec(3)\nx[2]^2 + x[1] * x[3]", "x",
       [](const V& v) {
         const Matrix& x = v.at("x");
         Matrix g(3, 1);
         g << x(2, 0), 2 * x(1, 0), x(0, 0);
         return g;
       }, nullptr},
  };
  return list;
}

std::string sourceOf(const Case& c) {
  std::string s = c.source;
  const auto at = s.find("I3");
  if (at != std::string::npos) s.replace(at, 2, kI3);
  return s;
}

V randomValues(const expr::Compiled& compiled, std::uint64_t seed) {
  V v;
  for (const expr::Binding& b : compiled.variables) {
    Matrix m = b.var.value();
    for (Index k = 0; k < m.size(); ++k) {
      seed = seed * 6364136223846793005ull + 1442695040888963407ull;
      m.data()[k] = 0.3 + 1.5 * static_cast<double>(seed >> 11) * 0x1.0p-53;  // positive: log and sqrt
      if ((seed >> 7) % 3 == 0 && b.name != "x") m.data()[k] = -m.data()[k];
    }
    v[b.name] = m;
  }
  return v;
}

Matrix closedAt(const sym::Derivation& d, V values) {
  for (const sym::Definition& def : d.where) values[def.name] = sym::evaluate(def.value, values);
  return sym::evaluate(d.derivative, values);
}

}  // namespace

TEST_CASE("closed forms of the paper and the Matrix Cookbook, at random points", "[symbolic][closed-forms]") {
  REQUIRE(cases().size() >= 30);
  for (const Case& c : cases()) {
    CAPTURE(c.cite, c.source, c.wrt);
    const auto d = diffOf(sourceOf(c), c.wrt);
    CAPTURE(sym::text(d.derivation.derivative));
    for (std::uint64_t seed : {1u, 2u, 3u}) {
      const V values = randomValues(d.compiled, seed);
      const Matrix got = closedAt(d.derivation, values);
      const Matrix want = c.expected(values);
      REQUIRE(got.rows() == want.rows());
      REQUIRE(got.cols() == want.cols());
      const double scale = std::max(1.0, want.cwiseAbs().maxCoeff());
      CHECK((got - want).cwiseAbs().maxCoeff() <= 1e-10 * scale);
    }
  }
}

TEST_CASE("closed forms print as a person writes them", "[symbolic][closed-forms]") {
  int printed = 0;
  for (const Case& c : cases()) {
    if (c.text == nullptr) continue;
    ++printed;
    CAPTURE(c.cite, c.source, c.wrt);
    CHECK(closedText(sourceOf(c), c.wrt) == c.text);
  }
  CHECK(printed >= 12);
}

TEST_CASE("every closed form of the table passes its own check against reverse mode and differences", "[symbolic][closed-forms]") {
  for (const Case& c : cases()) {
    CAPTURE(c.cite, c.source, c.wrt);
    auto d = diffOf(sourceOf(c), c.wrt);
    const sym::Check check = sym::verify(*d.tape, d.output, d.wrt, d.derivation, d.names, 3, 5);
    CAPTURE(check.note, check.maxRelError, check.maxRelErrorNumeric);
    CHECK(check.passed);
    CHECK(check.points >= 3);
  }
}
