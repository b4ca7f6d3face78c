// See gemm_wasm.hpp. Natively gemmSimdApplies is false and Eigen's product is used; the kernel is still
// compiled there, on a two-double struct in place of v128_t, so the core tests check its blocking.
#include "ops/gemm_wasm.hpp"

#if defined(__EMSCRIPTEN__) && defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define MC_GEMM_WASM_SIMD 1
#endif

namespace mc::detail {

#ifdef MC_GEMM_WASM_SIMD
bool gemmSimdApplies(Index m, Index n, Index k) { return m >= 4 && n >= 4 && k >= 1; }
#else
bool gemmSimdApplies(Index, Index, Index) { return false; }
struct v128_t {
  double lane[2];
};
inline v128_t wasm_f64x2_splat(double x) { return {{x, x}}; }
inline v128_t wasm_f64x2_add(v128_t a, v128_t b) { return {{a.lane[0] + b.lane[0], a.lane[1] + b.lane[1]}}; }
inline v128_t wasm_f64x2_mul(v128_t a, v128_t b) { return {{a.lane[0] * b.lane[0], a.lane[1] * b.lane[1]}}; }
inline v128_t wasm_v128_load(const double* p) { return {{p[0], p[1]}}; }
inline void wasm_v128_store(double* p, v128_t v) {
  p[0] = v.lane[0];
  p[1] = v.lane[1];
}
#endif

void gemmSimd(Index m, Index n, Index k, const double* a, Index lda, const double* b, Index bRowStride,
              Index bColStride, double* c, Index ldc, bool accumulate) {
  for (Index j = 0; j < n; j += 4) {
    const Index nb = n - j < 4 ? n - j : 4;
    Index i = 0;
    if (nb == 4) {
      for (; i + 4 <= m; i += 4) {  // a 4 x 4 block of C in 8 f64x2 accumulators
        v128_t acc[2][4];
        for (auto& row : acc)
          for (auto& x : row) x = wasm_f64x2_splat(0.0);
        for (Index l = 0; l < k; ++l) {
          const double* al = a + l * lda + i;
          const v128_t a0 = wasm_v128_load(al), a1 = wasm_v128_load(al + 2);
          const double* bl = b + l * bRowStride + j * bColStride;
          for (int q = 0; q < 4; ++q) {
            const v128_t bq = wasm_f64x2_splat(bl[q * bColStride]);
            acc[0][q] = wasm_f64x2_add(acc[0][q], wasm_f64x2_mul(a0, bq));
            acc[1][q] = wasm_f64x2_add(acc[1][q], wasm_f64x2_mul(a1, bq));
          }
        }
        for (int q = 0; q < 4; ++q) {
          double* cq = c + (j + q) * ldc + i;
          if (accumulate) {
            wasm_v128_store(cq, wasm_f64x2_add(wasm_v128_load(cq), acc[0][q]));
            wasm_v128_store(cq + 2, wasm_f64x2_add(wasm_v128_load(cq + 2), acc[1][q]));
          } else {
            wasm_v128_store(cq, acc[0][q]);
            wasm_v128_store(cq + 2, acc[1][q]);
          }
        }
      }
    }
    for (; i < m; ++i) {  // the rows (or columns) left over, one entry at a time, in the same order
      for (Index q = 0; q < nb; ++q) {
        double s = 0;
        for (Index l = 0; l < k; ++l) s += a[l * lda + i] * b[l * bRowStride + (j + q) * bColStride];
        double& out = c[(j + q) * ldc + i];
        out = accumulate ? out + s : s;
      }
    }
  }
}

}  // namespace mc::detail
