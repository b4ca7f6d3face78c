// Training speed of the engine (tape: forward, backward, optimiser step) against a hand-written fused
// Eigen implementation of the same network (forward, backward and update written out, no tape), in the
// same binary and the same run, plus heap allocations per step counted by a replaced operator new.
//
//   W1: 2-8-8-1 tanh (tanh output), MSE, SGD lr 0.03, batch 10, spiral 500 points (250 train), seed 1
//   W2: 2-64-64-1 relu (linear output), MSE, SGD lr 0.03, batch 64, the same data
#include "nn/trainer.hpp"

#include <Eigen/Core>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>

// ---- heap allocations: operator new is replaced (C++ containers, strings), and malloc itself is
// interposed (glibc) because Eigen allocates matrices with std::malloc, not operator new.
static std::atomic<long> gNews{0};
static std::atomic<long> gMallocs{0};
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void __libc_free(void*);
void* malloc(std::size_t size) {
  gMallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}
void* calloc(std::size_t n, std::size_t size) {
  gMallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(n, size);
}
void* realloc(void* p, std::size_t size) {
  gMallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, size);
}
void free(void* p) { __libc_free(p); }
}
void* operator new(std::size_t size) {
  gNews.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

using Clock = std::chrono::steady_clock;
using mc::Matrix;
using mc::Index;

namespace {

struct Workload {
  const char* name;
  int hidden;
  const char* activation;
  const char* output;
  int batch;
  long steps;  // per timing round
};

std::string configFor(const Workload& w) {
  return std::string(R"({"layers":[2,)") + std::to_string(w.hidden) + "," + std::to_string(w.hidden) +
         R"(,1],"activation":")" + w.activation + R"(","output":")" + w.output + R"(","loss":"mse","batch":)" +
         std::to_string(w.batch) +
         R"(,"init":"xavier","seed":1,"optimizer":{"name":"sgd","lr":0.03},)"
         R"("dataset":{"name":"spiral","n":500,"noise":0,"seed":1,"train_fraction":0.5}})";
}

// The same network written out by hand: buffers allocated once, forward / backward / update fused.
class FusedMlp {
 public:
  FusedMlp(const mc::nn::Network& net, bool tanhHidden, bool tanhOutput, int batch, double lr)
      : tanhHidden_(tanhHidden), tanhOutput_(tanhOutput), lr_(lr) {
    for (int l = 0; l < 3; ++l) {
      W_[l] = net.layer(l).weight;
      b_[l] = net.layer(l).bias;
      dW_[l].resizeLike(W_[l]);
      db_[l].resizeLike(b_[l]);
      Z_[l].resize(W_[l].rows(), batch);
      A_[l].resize(W_[l].rows(), batch);
      dZ_[l].resize(W_[l].rows(), batch);
    }
  }

  // One SGD step on X (2 x B) with targets T (1 x B); returns the loss before the update.
  double step(const Matrix& X, const Matrix& T) {
    const Matrix* in = &X;
    for (int l = 0; l < 3; ++l) {
      Z_[l].noalias() = W_[l] * *in;
      Z_[l].colwise() += b_[l].col(0);
      const bool useTanh = l < 2 ? tanhHidden_ : tanhOutput_;
      if (l == 2 && !tanhOutput_) A_[l] = Z_[l];
      else if (useTanh) A_[l] = Z_[l].array().tanh();
      else A_[l] = Z_[l].cwiseMax(0.0);
      in = &A_[l];
    }
    const double n = static_cast<double>(T.size());
    const double loss = (A_[2] - T).squaredNorm() / n;
    // dC/dA3 = (2/N)(A3 - T); through the output activation
    if (tanhOutput_) dZ_[2] = ((2 / n) * (A_[2] - T).array() * (1 - A_[2].array().square())).matrix();
    else dZ_[2] = (2 / n) * (A_[2] - T);
    for (int l = 2; l >= 0; --l) {
      const Matrix& prev = l == 0 ? X : A_[l - 1];
      dW_[l].noalias() = dZ_[l] * prev.transpose();
      db_[l] = dZ_[l].rowwise().sum();
      if (l > 0) {
        dZ_[l - 1].noalias() = W_[l].transpose() * dZ_[l];
        if (tanhHidden_) dZ_[l - 1].array() *= 1 - A_[l - 1].array().square();
        else dZ_[l - 1].array() *= (Z_[l - 1].array() > 0).cast<double>();
      }
    }
    for (int l = 0; l < 3; ++l) {
      W_[l].noalias() -= lr_ * dW_[l];
      b_[l].noalias() -= lr_ * db_[l];
    }
    return loss;
  }
  const Matrix& weightGrad(int l) const { return dW_[l]; }
  const Matrix& biasGrad(int l) const { return db_[l]; }

 private:
  bool tanhHidden_, tanhOutput_;
  double lr_;
  Matrix W_[3], b_[3], dW_[3], db_[3], Z_[3], A_[3], dZ_[3];
};

double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// Best of `rounds` timings of `steps` calls (the least disturbed by the other jobs on the machine).
template <class F>
double bestRate(long steps, int rounds, F&& f) {
  double best = 0;
  for (int r = 0; r < rounds; ++r) {
    const auto t0 = Clock::now();
    for (long i = 0; i < steps; ++i) f(i);
    const double rate = static_cast<double>(steps) / seconds(t0, Clock::now());
    if (rate > best) best = rate;
  }
  return best;
}

void run(const Workload& w, int rounds) {
  using namespace mc::nn;
  Trainer trainer(parseConfigText(configFor(w)));
  const auto& train = trainer.data().train;

  // Fused network from the engine's initial weights; batches cycle through the training set in order.
  FusedMlp fused(trainer.network(), std::string(w.activation) == "tanh", std::string(w.output) == "tanh", w.batch, 0.03);
  const Index batches = static_cast<Index>(train.size()) / w.batch;
  std::vector<Matrix> xs(static_cast<std::size_t>(batches)), ts(static_cast<std::size_t>(batches));
  for (Index k = 0; k < batches; ++k) {
    xs[static_cast<std::size_t>(k)].resize(2, w.batch);
    ts[static_cast<std::size_t>(k)].resize(1, w.batch);
    for (int j = 0; j < w.batch; ++j) {
      const Point& p = train[static_cast<std::size_t>(k * w.batch + j)];
      xs[static_cast<std::size_t>(k)](0, j) = p.x;
      xs[static_cast<std::size_t>(k)](1, j) = p.y;
      ts[static_cast<std::size_t>(k)](0, j) = p.label;
    }
  }

  // Sanity: both compute the same gradient on the first batch from the same weights.
  mc::Tape tape;
  const std::vector<Point> first(train.begin(), train.begin() + w.batch);
  const StepRecording rec = trainer.recordAt(tape, first);
  FusedMlp probe(trainer.network(), std::string(w.activation) == "tanh", std::string(w.output) == "tanh", w.batch, 0.03);
  const double probeLoss = probe.step(xs[0], ts[0]);
  double gradDiff = std::abs(probeLoss - rec.dataLoss.value()(0, 0));
  for (int l = 0; l < 3; ++l) {
    gradDiff = std::max(gradDiff, (probe.weightGrad(l) - rec.parameters[static_cast<std::size_t>(2 * l)].var.grad()).cwiseAbs().maxCoeff());
    gradDiff = std::max(gradDiff, (probe.biasGrad(l) - rec.parameters[static_cast<std::size_t>(2 * l + 1)].var.grad()).cwiseAbs().maxCoeff());
  }

  // Warm up (the first engine step sizes the tape), then count allocations over many steps.
  trainer.step(Granularity::Batch, 1);
  fused.step(xs[0], ts[0]);
  const long engineSteps = w.steps / 10;
  const auto perStep = [&](std::atomic<long>& counter, auto&& f) {
    const long before = counter.load();
    for (long i = 0; i < engineSteps; ++i) f(i);
    return static_cast<double>(counter.load() - before) / static_cast<double>(engineSteps);
  };
  const auto engineStep = [&](long) { trainer.step(Granularity::Batch, 1); };
  const auto fusedStep = [&](long i) {
    fused.step(xs[static_cast<std::size_t>(i % batches)], ts[static_cast<std::size_t>(i % batches)]);
  };
  const double engineNews = perStep(gNews, engineStep), engineAllocs = perStep(gMallocs, engineStep);
  const double fusedNews = perStep(gNews, fusedStep), fusedAllocs = perStep(gMallocs, fusedStep);

  // Interleave the rounds so both see the same machine load.
  double engineRate = 0, fusedRate = 0;
  for (int r = 0; r < rounds; ++r) {
    engineRate = std::max(engineRate, bestRate(w.steps, 1, [&](long) { trainer.step(Granularity::Batch, 1); }));
    fusedRate = std::max(fusedRate, bestRate(w.steps, 1, [&](long i) {
      fused.step(xs[static_cast<std::size_t>(i % batches)], ts[static_cast<std::size_t>(i % batches)]);
    }));
  }
  const StepResult last = trainer.step(Granularity::Batch, 1);
  std::printf("%s  2-%d-%d-1 %s, batch %d: engine %9.0f steps/s (%6.2f us/step)  fused Eigen %9.0f steps/s (%6.2f us/step)"
              "  ratio %.2f\n",
              w.name, w.hidden, w.hidden, w.activation, w.batch, engineRate, 1e6 / engineRate, fusedRate, 1e6 / fusedRate,
              engineRate / fusedRate);
  std::printf("    heap allocations per step after the first (operator new / all mallocs): engine %.2f / %.2f, fused %.2f / %.2f\n"
              "    engine vs fused gradient on the first batch: max |diff| %.1e;  engine loss after %ld steps %.4f\n",
              engineNews, engineAllocs, fusedNews, fusedAllocs, gradDiff, trainer.stepCount(), last.loss);
  std::printf("BENCH %s native-engine-allocs-per-step %.2f\n", w.name, engineAllocs);
  std::printf("BENCH %s native-engine %.0f\nBENCH %s native-fused %.0f\n", w.name, engineRate, w.name, fusedRate);
}

// Allocations per step across the features a step can use (optimisers, losses, regularisation, output
// activations, granularities), after one warm-up step of the same granularity.
void allocationSweep() {
  using namespace mc::nn;
  const char* configs[] = {
      R"({"layers":[2,8,8,1],"optimizer":{"name":"momentum"},"loss":"bce"})",
      R"({"layers":[2,8,8,1],"optimizer":{"name":"adam"},"regularization":{"kind":"l2","rate":0.01}})",
      R"({"layers":[2,8,8,1],"activation":"relu","optimizer":{"name":"adam"},"regularization":{"kind":"l1","rate":0.01}})",
      R"({"layers":[7,6,3],"activation":"leaky_relu","features":["x","y","x2","y2","xy","sinx","siny"],"dataset":{"name":"spiral3"}})",
      R"({"layers":[2,6,3],"output":"softmax","loss":"mse","dataset":{"name":"spiral3"}})",
      R"({"layers":[2,8,1],"activation":"sigmoid","dataset":{"name":"reg-gauss"}})",
  };
  std::printf("heap allocations per step after the first, other configurations (mallocs: batch / sample / epoch):\n");
  for (const char* c : configs) {
    Trainer t(parseConfigText(c));
    double perStep[3];
    const Granularity gs[3] = {Granularity::Batch, Granularity::Sample, Granularity::Epoch};
    for (int g = 0; g < 3; ++g) {
      t.step(gs[g], 1);
      const long before = gMallocs.load();
      const StepResult& r = t.step(gs[g], 20);
      perStep[g] = static_cast<double>(gMallocs.load() - before) / r.updates;
    }
    std::printf("    %.2f / %.2f / %.2f  %s\n", perStep[0], perStep[1], perStep[2], c);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 5;
  std::printf("native training steps/s (forward + backward + update), best of %d rounds\n", rounds);
  run({"W1", 8, "tanh", "tanh", 10, 20000}, rounds);
  run({"W2", 64, "relu", "linear", 64, 2000}, rounds);
  allocationSweep();
  return 0;
}
