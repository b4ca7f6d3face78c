// Training loops re-record the same graph on a cleared tape every step: after the first steps that
// must allocate nothing (DESIGN.md: performance comes from not allocating in the training loop).
// The count comes from allocation_counter.hpp (glibc only).
#include "mc.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include "allocation_counter.hpp"

using namespace mc;
using namespace mc::test;

namespace {

enum class Net { TanhMse, ReluBce, SigmoidSoftmaxCe };

// A two-layer network trained by plain gradient descent, the graph recorded afresh every step.
struct Trainer {
  Net net;
  Index inputs, hidden, outputs, batch;
  Matrix w1, b1, w2, b2, x, y;
  Tape t;
  double lastLoss = 0;

  Trainer(Net kind, Index in, Index hid, Index out, Index n) : net(kind), inputs(in), hidden(hid), outputs(out), batch(n) {
    Rng rng(42);
    w1 = randomMatrix(hidden, inputs, rng, {-0.5, 0.5});
    b1 = randomMatrix(hidden, 1, rng, {-0.1, 0.1});
    w2 = randomMatrix(outputs, hidden, rng, {-0.5, 0.5});
    b2 = randomMatrix(outputs, 1, rng, {-0.1, 0.1});
    x = randomMatrix(inputs, batch, rng);
    y = randomMatrix(outputs, batch, rng, {0, 1});
  }

  void step() {
    t.clear();
    Var vw1 = t.variable(w1, "W1"), vb1 = t.variable(b1, "b1");
    Var vw2 = t.variable(w2, "W2"), vb2 = t.variable(b2, "b2");
    Var input = t.constant(x, "x"), target = t.constant(y, "y");
    Var z1 = addBias(matmul(vw1, input), vb1);
    t.setLabel(z1, "layer 1 / affine (a label longer than the small-string buffer)");
    Var a1 = net == Net::TanhMse ? tanh(z1) : net == Net::ReluBce ? relu(z1) : sigmoid(z1);
    Var z2 = addBias(matmul(vw2, a1), vb2);
    Var loss = net == Net::TanhMse ? mse(z2, target)
               : net == Net::ReluBce ? binaryCrossEntropyWithLogits(z2, target)
                                     : softmaxCrossEntropy(z2, target);
    t.setLabel(loss, "loss");
    t.backward(loss);
    lastLoss = loss.value()(0, 0);
    const double rate = 0.1;
    w1 -= rate * vw1.grad();
    b1 -= rate * vb1.grad();
    w2 -= rate * vw2.grad();
    b2 -= rate * vb2.grad();
  }
};

void checkNoAllocation(Trainer& trainer) {
#if defined(MC_COUNT_ALLOCATIONS)
  CHECK(allocationsOf([&] { trainer.step(); }) > 0);  // the first step sizes the tape's storage
#endif
  for (int i = 0; i < 2; ++i) trainer.step();
  const double before = trainer.lastLoss;
#if defined(MC_COUNT_ALLOCATIONS)
  const long allocations = allocationsOf([&] {
    for (int i = 0; i < 20; ++i) trainer.step();
  });
  CHECK(allocations == 0);
#else
  for (int i = 0; i < 20; ++i) trainer.step();
  WARN("allocation counting needs glibc; only the training itself was checked");
#endif
  CHECK(trainer.lastLoss < before);  // the steps did train
}

}  // namespace

TEST_CASE("a training step allocates nothing once warm: tanh layer, MSE loss", "[tape][allocation]") {
  Trainer small(Net::TanhMse, 2, 8, 1, 10);
  checkNoAllocation(small);
  Trainer wide(Net::TanhMse, 2, 64, 1, 64);  // large enough for Eigen's blocked matrix product
  checkNoAllocation(wide);
}

TEST_CASE("a training step allocates nothing once warm: ReLU layer, BCE from logits", "[tape][allocation]") {
  Trainer small(Net::ReluBce, 2, 8, 1, 10);
  checkNoAllocation(small);
  Trainer wide(Net::ReluBce, 2, 64, 1, 64);
  checkNoAllocation(wide);
}

TEST_CASE("a training step allocates nothing once warm: sigmoid layer, softmax cross-entropy",
          "[tape][allocation]") {
  Trainer small(Net::SigmoidSoftmaxCe, 2, 8, 3, 10);
  checkNoAllocation(small);
  Trainer wide(Net::SigmoidSoftmaxCe, 4, 64, 5, 64);
  checkNoAllocation(wide);
}

#if defined(MC_COUNT_ALLOCATIONS)
TEST_CASE("the allocation counter sees Eigen matrices and operator new", "[allocation]") {
  CHECK(allocationsOf([] {
          Matrix m(30, 30);
          m.setZero();
        }) >= 1);
  CHECK(allocationsOf([] {
          double* p = new double[64];
          gSink = p;
          delete[] p;
        }) >= 1);
  CHECK(allocationsOf([] {}) == 0);
}
#endif
