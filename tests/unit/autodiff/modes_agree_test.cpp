// Forward mode (one tangent sweep per input entry) and reverse mode (one backward pass per output
// entry) compute the same Jacobian by different routes: on random seeded compositions they must agree
// to 1e-12. The compositions reuse earlier nodes, so values are shared between paths.
#include "mc.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace mc;
using namespace mc::test;

namespace {

enum Kinds : unsigned { kElementwise = 1, kLayers = 2, kShapes = 4 };

// A random program of `steps` ops on x; every op keeps its input in the op's domain.
class RandomProgram {
 public:
  RandomProgram(Tape& t, Var x, std::uint64_t seed, unsigned kinds) : t_(t), rng_(seed), kinds_(kinds) {
    pool_.push_back(x);
  }

  void run(int steps) {
    for (int i = 0; i < steps; ++i) {
      Var v = step();
      if (v.valid()) pool_.push_back(v);
    }
  }
  const std::vector<Var>& pool() const { return pool_; }

 private:
  Var pick() {  // recent nodes more often, x and old ones too
    const int n = static_cast<int>(pool_.size());
    return rng_.coin() ? pool_[static_cast<std::size_t>(n - 1)] : pool_[static_cast<std::size_t>(rng_.below(n))];
  }
  Var sameShapeAs(Var u) {  // another node of u's shape, or a constant one
    std::vector<Var> matches;
    for (Var v : pool_)
      if (v.rows() == u.rows() && v.cols() == u.cols()) matches.push_back(v);
    if (rng_.coin() || matches.size() < 2) return t_.constant(randomMatrix(u.rows(), u.cols(), rng_));
    return matches[static_cast<std::size_t>(rng_.below(static_cast<int>(matches.size())))];
  }
  Var constantLike(Index rows, Index cols, Domain d = {}) { return t_.constant(randomMatrix(rows, cols, rng_, d)); }

  Var step() {
    Var u = pick();
    const int choice = rng_.below(3);
    if (choice == 0 && (kinds_ & kLayers)) return layerStep(u);
    if (choice == 1 && (kinds_ & kShapes)) return shapeStep(u);
    return elementwiseStep(u);
  }

  Var elementwiseStep(Var u) {
    switch (rng_.below(16)) {
      case 0: return sin(u);
      case 1: return cos(u) * 0.5;
      case 2: return tanh(u);
      case 3: return sigmoid(u);
      case 4: return exp(0.5 * tanh(u));
      case 5: return log(1.0 + square(u));
      case 6: return sqrt(2.0 + square(u));
      case 7: return pow(1.0 + square(tanh(u)), 1.5);
      case 8: return u + sameShapeAs(u);
      case 9: return u - sameShapeAs(u);
      case 10: return u * sameShapeAs(u);
      case 11: return u / (1.5 + sigmoid(sameShapeAs(u)));
      case 12: return u * (0.5 * mean(pick()));  // scalar expansion with a node
      case 13: return u + sum(tanh(pick())) * 0.1;
      case 14: return rng_.coin() ? relu(u) + 0.3 * abs(u) : leakyRelu(u, 0.2);
      default: return -(u * 0.7) + 0.25;
    }
  }

  Var layerStep(Var u) {
    switch (rng_.below(5)) {
      case 0: return tanh(matmul(constantLike(2, u.rows()), u));  // a layer: W u
      case 1: return addBias(u, constantLike(u.rows(), 1));
      case 2: return sigmoid(addBias(matmul(constantLike(3, u.rows()), u), constantLike(3, 1)));
      case 3: {  // a loss on top, then broadcast back so the program continues
        const int k = rng_.below(3);
        Var loss = k == 0   ? mse(u, constantLike(u.rows(), u.cols()))
                   : k == 1 ? binaryCrossEntropyWithLogits(u, constantLike(u.rows(), u.cols(), {0, 1}))
                            : softmaxCrossEntropy(u, constantLike(u.rows(), u.cols(), {0, 1}));
        return u * loss;
      }
      default: return matmul(u, transpose(tanh(u)));  // u u^T-like: x on both sides
    }
  }

  Var shapeStep(Var u) {
    switch (rng_.below(6)) {
      case 0: return transpose(u);
      case 1: return softmax(u);
      case 2: return u.rows() > 1 ? sumRows(u) : sumCols(u);
      case 3: return stack(u, tanh(sameShapeAs(u)));
      case 4: return u.cols() > 1 ? sumCols(u) * 0.5 : stack(u, u * u);
      default: return dot(sumCols(u), sumCols(sin(u))) * u;
    }
  }

  Tape& t_;
  Rng rng_;
  unsigned kinds_;
  std::vector<Var> pool_;
};

void checkModesAgree(std::uint64_t seed, unsigned kinds) {
  Rng shapes(seed * 977);
  const Index rows = 1 + shapes.below(3), cols = 1 + shapes.below(3);
  CAPTURE(seed, rows, cols);
  Tape t;
  Var x = t.variable(randomMatrix(rows, cols, shapes));
  RandomProgram program(t, x, seed, kinds);
  program.run(12);
  const auto& pool = program.pool();
  int compared = 0;
  for (std::size_t i = pool.size() > 4 ? pool.size() - 4 : 1; i < pool.size(); ++i) {
    Var y = pool[i];
    CAPTURE(i, y.rows(), y.cols());
    const Matrix reverse = jacobian(t, y, x, Mode::Reverse);
    const Matrix forward = jacobian(t, y, x, Mode::Forward);
    REQUIRE(reverse.rows() == y.value().size());
    REQUIRE(reverse.cols() == x.value().size());
    REQUIRE(reverse.allFinite());
    CHECK(relError(forward, reverse, 1.0) < 1e-12);
    ++compared;
  }
  CHECK(compared > 0);
}

}  // namespace

TEST_CASE("forward and reverse Jacobians agree on random element-wise compositions", "[autodiff][modes]") {
  const std::uint64_t seed = GENERATE(range(1, 11));
  checkModesAgree(seed, kElementwise);
}

TEST_CASE("forward and reverse Jacobians agree on random layers and losses", "[autodiff][modes]") {
  const std::uint64_t seed = GENERATE(range(1, 11));
  checkModesAgree(seed + 100, kElementwise | kLayers);
}

TEST_CASE("forward and reverse Jacobians agree with transposes, reductions, stacks and softmax",
          "[autodiff][modes]") {
  const std::uint64_t seed = GENERATE(range(1, 11));
  checkModesAgree(seed + 200, kElementwise | kLayers | kShapes);
}

TEST_CASE("forward and reverse Jacobians also agree with central differences on random compositions",
          "[autodiff][modes]") {
  const std::uint64_t seed = GENERATE(range(1, 6));
  Rng shapes(seed);
  Tape t;
  Var x = t.variable(randomMatrix(2, 2, shapes));
  RandomProgram program(t, x, seed + 300, kElementwise | kLayers | kShapes);
  program.run(8);
  Var y = program.pool().back();
  CAPTURE(seed, y.rows(), y.cols());
  const FdReport report = checkJacobian(t, y, x, jacobian(t, y, x, Mode::Forward), 1e-5);
  CAPTURE(report.maxAbsError, report.worstRow, report.worstCol);
  CHECK(report.maxRelError < 1e-6);
}

TEST_CASE("Auto mode picks reverse for few outputs and forward for few inputs", "[autodiff][modes]") {
  Tape t;
  Var x = t.variable(Matrix::Ones(5, 1));
  Var few = sum(x);
  Var many = matmul(t.constant(Matrix::Ones(8, 1)), transpose(x));  // 8x5 from 5 inputs
  CHECK(cheaperMode(few, x) == Mode::Reverse);
  CHECK(cheaperMode(many, x) == Mode::Forward);
  CHECK(std::string(modeName(Mode::Forward)) == "forward");
  CHECK(jacobian(t, many, x) == jacobian(t, many, x, Mode::Reverse));
}
