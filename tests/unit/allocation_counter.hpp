#pragma once
// Counts heap allocations by replacing malloc, realloc and calloc (glibc only, and not under ASan, which
// brings its own malloc): Eigen's matrices and operator new both go through them. The replacements are
// definitions: include this header in ONE source file per test executable. Where counting is possible it
// defines MC_COUNT_ALLOCATIONS and allocationsOf(f), the number of allocations f makes.
#include <atomic>
#include <cstdlib>

// gcc says ASan is on with __SANITIZE_ADDRESS__, clang with __has_feature.
#if defined(__SANITIZE_ADDRESS__)
#define MC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MC_ASAN 1
#endif
#endif

#if defined(__GLIBC__) && !defined(MC_ASAN)
#define MC_COUNT_ALLOCATIONS 1

extern "C" void* __libc_malloc(std::size_t size);
extern "C" void* __libc_realloc(void* p, std::size_t size);
extern "C" void* __libc_calloc(std::size_t n, std::size_t size);

namespace {
std::atomic<long> gAllocations{0};
std::atomic<bool> gCounting{false};
void count() {
  if (gCounting.load(std::memory_order_relaxed)) gAllocations.fetch_add(1, std::memory_order_relaxed);
}

// Heap allocations made by f.
template <class F>
long allocationsOf(F&& f) {
  gAllocations = 0;
  gCounting = true;
  f();
  gCounting = false;
  return gAllocations.load();
}

void* volatile gSink = nullptr;  // a pointer stored here escapes, so its allocation cannot be optimised away
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
#endif
