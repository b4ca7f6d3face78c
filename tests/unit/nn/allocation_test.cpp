// A training step re-records the same graph on a cleared tape, so after the first step of a given size
// it must allocate nothing (DESIGN.md). The count comes from replacing malloc, realloc and calloc in this
// test executable (glibc, not under ASan, which brings its own malloc): Eigen's matrices and operator
// new both go through them.
#include "nn/nn.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>

#if defined(__SANITIZE_ADDRESS__)
#define MC_NN_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MC_NN_ASAN 1
#endif
#endif
#if defined(__GLIBC__) && !defined(MC_NN_ASAN)
#define MC_NN_COUNT_ALLOCATIONS 1

extern "C" void* __libc_malloc(std::size_t size);
extern "C" void* __libc_realloc(void* p, std::size_t size);
extern "C" void* __libc_calloc(std::size_t n, std::size_t size);

namespace {
std::atomic<long> gAllocations{0};
std::atomic<bool> gCounting{false};
void count() {
  if (gCounting.load(std::memory_order_relaxed)) gAllocations.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

extern "C" void* malloc(std::size_t size) noexcept {
  count();
  return __libc_malloc(size);
}
extern "C" void* realloc(void* p, std::size_t size) noexcept {
  count();
  return __libc_realloc(p, size);
}
extern "C" void* calloc(std::size_t n, std::size_t size) noexcept {
  count();
  return __libc_calloc(n, size);
}

using namespace mc;
using namespace mc::nn;

namespace {
template <class F>
long allocationsOf(F&& f) {
  gAllocations = 0;
  gCounting = true;
  f();
  gCounting = false;
  return gAllocations.load();
}
void* volatile gSink = nullptr;
}  // namespace

TEST_CASE("the nn allocation counter sees Eigen matrices and operator new", "[nn][allocation]") {
  CHECK(allocationsOf([] {
          Matrix m(30, 30);
          m.setZero();
        }) >= 1);
  CHECK(allocationsOf([] {
          auto* p = new Trainer(parseConfigText("{}"));
          gSink = p;
          delete p;
        }) >= 1);
  CHECK(allocationsOf([] {}) == 0);
}

TEST_CASE("training steps allocate nothing after the first of their size", "[nn][allocation]") {
  const char* configs[] = {
      R"({"layers":[2,8,8,1],"activation":"tanh","output":"tanh","loss":"mse","dataset":{"name":"spiral"}})",
      R"({"layers":[2,8,8,1],"optimizer":{"name":"adam"},"regularization":{"kind":"l2","rate":0.01}})",
      R"({"layers":[2,6,1],"activation":"relu","optimizer":{"name":"momentum"},"regularization":{"kind":"l1","rate":0.01}})",
      R"({"layers":[7,6,3],"features":["x","y","x2","y2","xy","sinx","siny"],"dataset":{"name":"spiral3"}})",
  };
  for (const char* config : configs) {
    CAPTURE(config);
    Trainer t(parseConfigText(config));
    for (Granularity g : {Granularity::Batch, Granularity::Sample, Granularity::Epoch}) {
      CAPTURE(granularityName(g));
      t.step(g, 1);  // sizes the tape for this batch size
      CHECK(allocationsOf([&] { t.step(g, 30); }) == 0);
    }
  }
}
#endif
