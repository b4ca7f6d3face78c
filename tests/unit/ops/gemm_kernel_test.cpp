// The wasm build's matrix product kernel (engine/ops/gemm_wasm.cpp), run natively on its plain-double
// stand-in for v128_t: the 4 x 4 blocks, the leftover rows and columns, the transposed view of B and
// accumulation, compared with Eigen's product, plus the summation order it documents (exactly the
// sequential sum over l).
#include "ops/gemm_wasm.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace mc;
using namespace mc::test;

namespace {

// C(i, j) = sum over l in order of A(i, l) B(l, j): the order gemm_wasm.hpp states.
Matrix sequentialProduct(const Matrix& a, const Matrix& b) {
  Matrix c(a.rows(), b.cols());
  for (Index i = 0; i < a.rows(); ++i)
    for (Index j = 0; j < b.cols(); ++j) {
      double s = 0;
      for (Index l = 0; l < a.cols(); ++l) s += a(i, l) * b(l, j);
      c(i, j) = s;
    }
  return c;
}

double relativeGap(const Matrix& x, const Matrix& y) {
  return (x - y).cwiseAbs().maxCoeff() / std::max(1.0, y.cwiseAbs().maxCoeff());
}

}  // namespace

TEST_CASE("wasm product kernel: C = A B and C += A B^T match Eigen for block-sized and leftover shapes", "[gemm]") {
  Rng rng(11);
  const Index shapes[][3] = {{8, 4, 4}, {64, 64, 64}, {9, 7, 5}, {17, 11, 3}, {13, 10, 8}, {1, 64, 64}, {64, 1, 2}, {6, 5, 1}};
  for (const auto& s : shapes) {
    const Index m = s[0], n = s[1], k = s[2];
    INFO("m " << m << ", n " << n << ", k " << k);
    const Matrix a = randomMatrix(m, k, rng), b = randomMatrix(k, n, rng), bt = b.transpose();

    Matrix c(m, n);
    detail::gemmSimd(m, n, k, a.data(), a.rows(), b.data(), 1, b.rows(), c.data(), c.rows(), false);
    CHECK(relativeGap(c, a * b) < 1e-14);
    CHECK(c == sequentialProduct(a, b));  // bit for bit: the documented order, no FMA

    // C += A B with B given as the transpose of bt: B(l, j) = bt(j, l)
    const Matrix start = randomMatrix(m, n, rng);
    Matrix acc = start;
    detail::gemmSimd(m, n, k, a.data(), a.rows(), bt.data(), bt.rows(), 1, acc.data(), acc.rows(), true);
    CHECK(relativeGap(acc, start + a * b) < 1e-14);
  }
}

TEST_CASE("wasm product kernel: C inside a larger matrix (leading dimension) is written only in its block", "[gemm]") {
  Rng rng(12);
  const Matrix a = randomMatrix(10, 6, rng), b = randomMatrix(6, 9, rng);
  Matrix big = Matrix::Constant(14, 9, 7.0);
  detail::gemmSimd(10, 9, 6, a.data(), a.rows(), b.data(), 1, b.rows(), big.data(), big.rows(), false);
  CHECK(relativeGap(big.topRows(10), a * b) < 1e-14);
  CHECK((big.bottomRows(4).array() == 7.0).all());
}
