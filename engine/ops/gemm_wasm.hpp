#pragma once
// Matrix products for the WebAssembly build. Eigen 3.4 has no WebAssembly SIMD packets, so there its
// product kernel is scalar; this one works on f64x2 vectors (4 x 4 blocks of C, 8 accumulators).
// Every entry of C is the sum over l in order 0, 1, ..., k-1 (multiply, then add: no FMA).
#include "core/matrix.hpp"

namespace mc::detail {

// True in the wasm build with -msimd128 when the kernel is worth using at this size; false natively
// (there gemmSimd runs the same blocking on plain doubles, for tests only).
bool gemmSimdApplies(Index m, Index n, Index k);

// C (m x n) = or += A B, with A and C column-major (leading dimensions lda, ldc) and
// B(l, j) = b[l * bRowStride + j * bColStride] (so B may be a transposed view).
void gemmSimd(Index m, Index n, Index k, const double* a, Index lda, const double* b, Index bRowStride,
              Index bColStride, double* c, Index ldc, bool accumulate);

}  // namespace mc::detail
