// Matrix product, transpose, dot product and the bias broadcast of a dense layer (the paper's neuron and the gradient of neuron activation).
#include "ops/gemm_wasm.hpp"
#include "ops/op_helpers.hpp"
#include "ops/structure.hpp"

#include <unsupported/Eigen/KroneckerProduct>

namespace mc {

using namespace detail;

namespace {

// ---- Y = A B (m x n), A (m x k), B (k x n)  =>  dA = dY B^T (m x k),  dB = A^T dY (k x n)
std::pair<Index, Index> matmulShape(const Matrix& a, const Matrix& b, double) {
  if (a.cols() != b.rows()) throwShapeError("matmul", a, "times", b, "inner dimensions differ");
  return {a.rows(), b.cols()};
}
// In the wasm build, products big enough for it go to gemm_wasm's SIMD kernel (Eigen's is scalar there).
void matmulForward(const Matrix& a, const Matrix& b, double, Matrix& y) {
  if (gemmSimdApplies(a.rows(), b.cols(), a.cols())) {
    y.resize(a.rows(), b.cols());
    gemmSimd(a.rows(), b.cols(), a.cols(), a.data(), a.rows(), b.data(), 1, b.rows(), y.data(), y.rows(), false);
    return;
  }
  y.noalias() = a * b;
}
void matmulVjp(int k, const OpArgs& s, const Matrix& gy, Matrix& g) {
  if (k == 0) {
    if (gemmSimdApplies(gy.rows(), s.b.rows(), gy.cols())) {  // dY B^T: B^T(l, j) = B(j, l)
      gemmSimd(gy.rows(), s.b.rows(), gy.cols(), gy.data(), gy.rows(), s.b.data(), s.b.rows(), 1, g.data(), g.rows(), true);
      return;
    }
    g.noalias() += gy * s.b.transpose();
    return;
  }
  if (gemmSimdApplies(s.a.cols(), gy.cols(), s.a.rows())) {  // A^T dY, with A^T copied to columns
    static thread_local Matrix at;
    at = s.a.transpose();
    gemmSimd(at.rows(), gy.cols(), at.cols(), at.data(), at.rows(), gy.data(), 1, gy.rows(), g.data(), g.rows(), true);
    return;
  }
  g.noalias() += s.a.transpose() * gy;
}
void matmulJvp(const OpArgs& s, const Matrix& ta, const Matrix& tb, Matrix& ty) {
  ty.noalias() = ta * s.b;
  ty.noalias() += s.a * tb;
}
// vec(A B) = (B^T kron I_m) vec(A) = (I_n kron A) vec(B)
Matrix matmulJacobian(int k, const OpArgs& s) {
  const Index m = s.a.rows(), n = s.b.cols();
  if (k == 0) return Eigen::kroneckerProduct(s.b.transpose(), Matrix::Identity(m, m));
  return Eigen::kroneckerProduct(Matrix::Identity(n, n), s.a);
}

// ---- Y = A^T (n x m)  =>  dA = dY^T; the Jacobian is the permutation that swaps the indices
std::pair<Index, Index> transposeShape(const Matrix& a, const Matrix&, double) { return {a.cols(), a.rows()}; }
void transposeForward(const Matrix& a, const Matrix&, double, Matrix& y) { y = a.transpose(); }
void transposeVjp(int, const OpArgs&, const Matrix& gy, Matrix& g) { g += gy.transpose(); }
void transposeJvp(const OpArgs&, const Matrix& ta, const Matrix&, Matrix& ty) { ty = ta.transpose(); }
Matrix transposeJacobian(int, const OpArgs& s) {
  const Index m = s.a.rows(), n = s.a.cols();
  Matrix j = Matrix::Zero(m * n, m * n);
  for (Index r = 0; r < m; ++r)
    for (Index c = 0; c < n; ++c) j(c + r * n, r + c * m) = 1;  // Y(c, r) = A(r, c)
  return j;
}

// ---- y = w . x (1x1), w and x columns of one length  =>  dy/dw = x^T, dy/dx = w^T (item 10)
std::pair<Index, Index> dotShape(const Matrix& a, const Matrix& b, double) {
  if (a.cols() != 1 || b.cols() != 1) throwShapeError("dot", a, "dot", b, "both operands must be column vectors");
  if (a.rows() != b.rows()) throwShapeError("dot", a, "dot", b, "lengths differ");
  return {1, 1};
}
void dotForward(const Matrix& a, const Matrix& b, double, Matrix& y) { y(0, 0) = a.col(0).dot(b.col(0)); }
void dotVjp(int k, const OpArgs& s, const Matrix& gy, Matrix& g) { g += gy(0, 0) * (k == 0 ? s.b : s.a); }
void dotJvp(const OpArgs& s, const Matrix& ta, const Matrix& tb, Matrix& ty) {
  ty(0, 0) = ta.col(0).dot(s.b.col(0)) + s.a.col(0).dot(tb.col(0));
}
Matrix dotJacobian(int k, const OpArgs& s) { return (k == 0 ? s.b : s.a).transpose(); }

// ---- Z = A + b 1^T: a bias column added to every column of a batch (m x B)
//   dA = dZ,  db = dZ 1 (the sum over the batch, m x 1);  dZ/db = 1_B kron I_m (identities stacked)
std::pair<Index, Index> addBiasShape(const Matrix& a, const Matrix& b, double) {
  if (b.cols() != 1 || b.rows() != a.rows()) {
    throwShapeError("add bias", a, "plus bias", b, "the bias must be a column with one entry per row");
  }
  return shapeOf(a);
}
void addBiasForward(const Matrix& a, const Matrix& b, double, Matrix& y) { y = a.colwise() + b.col(0); }
void addBiasVjp(int k, const OpArgs&, const Matrix& gy, Matrix& g) {
  if (k == 0) {
    g += gy;
    return;
  }
  // db += dZ 1. Eigen has no WebAssembly packets, and there its row-wise sum walks dZ with a stride
  // (6.3 us for 64 x 64 under Node); adding whole columns, which clang vectorises with -msimd128, takes
  // 2.1 us. Natively Eigen's vectorised row-wise sum is the faster one (0.47 us against 0.82 us).
#ifdef __EMSCRIPTEN__
  for (Index c = 0; c < gy.cols(); ++c) g.col(0) += gy.col(c);
#else
  g.col(0) += gy.rowwise().sum();
#endif
}
void addBiasJvp(const OpArgs&, const Matrix& ta, const Matrix& tb, Matrix& ty) { ty = ta.colwise() + tb.col(0); }
Matrix addBiasJacobian(int k, const OpArgs& s) {
  if (k == 0) return identity(s.a);
  const Index m = s.a.rows(), batch = s.a.cols();
  return Eigen::kroneckerProduct(Matrix::Ones(batch, 1), Matrix::Identity(m, m));
}

// ---- Y = [A; B]: A (m1 x n) on top of B (m2 x n), Y ((m1+m2) x n). Builds a vector from pieces, as in
// the paper's y = [f1(x), f2(x)] (item 9): the Jacobian of y stacks the pieces' Jacobians as row blocks.
//   dA = top m1 rows of dY,  dB = bottom m2 rows;  dvec(Y)/dvec(A) and dvec(Y)/dvec(B) are 0/1 selections
std::pair<Index, Index> stackShape(const Matrix& a, const Matrix& b, double) {
  if (a.cols() != b.cols()) throwShapeError("stack", a, "over", b, "column counts differ");
  return {a.rows() + b.rows(), a.cols()};
}
void stackForward(const Matrix& a, const Matrix& b, double, Matrix& y) {
  y.topRows(a.rows()) = a;
  y.bottomRows(b.rows()) = b;
}
void stackVjp(int k, const OpArgs& s, const Matrix& gy, Matrix& g) {
  if (k == 0) g += gy.topRows(s.a.rows());
  else g += gy.bottomRows(s.b.rows());
}
void stackJvp(const OpArgs& s, const Matrix& ta, const Matrix& tb, Matrix& ty) {
  ty.topRows(s.a.rows()) = ta;
  ty.bottomRows(s.b.rows()) = tb;
}
Matrix stackJacobian(int k, const OpArgs& s) {
  const Matrix& in = k == 0 ? s.a : s.b;
  const Index total = s.y.rows(), offset = k == 0 ? 0 : s.a.rows();
  Matrix j = Matrix::Zero(s.y.size(), in.size());
  for (Index c = 0; c < in.cols(); ++c)
    for (Index r = 0; r < in.rows(); ++r) j(offset + r + c * total, r + c * in.rows()) = 1;  // Y(offset+r, c) = in(r, c)
  return j;
}

// ---- the structures, as the paper names them (items 1, 10, 12)
std::string str(Index n) { return std::to_string(n); }

JacobianStructure matmulStructure(int k, const OpArgs& s) {
  const Index m = s.a.rows(), n = s.b.cols();
  if (k == 0) {
    const std::string lhs = n == 1 ? R"(\mathbf{x}^T)" : "B^T";
    return kroneckerStructure(lhs + R"( \otimes I_{)" + str(m) + "}",
                              "x^T kron I_" + str(m) + ": y_i = W_i . x depends on row i of W only, with slope x^T",
                              kroneckerMatrix(s.b.transpose()), kroneckerIdentity(m));
  }
  if (n == 1) return entriesStructure("matrix", "W", "the matrix W itself: d(W x)/dx = W", s.a);
  return kroneckerStructure(R"(I_{)" + str(n) + R"(} \otimes A)", "I_" + str(n) + " kron A: A applied to every column",
                            kroneckerIdentity(n), kroneckerMatrix(s.a));
}
JacobianStructure transposeStructure(int, const OpArgs& s) {
  return namedStructure("permutation", R"(K_{)" + str(s.a.rows()) + "," + str(s.a.cols()) + "}",
                        "a permutation: y(c, r) = x(r, c) (the commutation matrix)");
}
JacobianStructure dotStructure(int k, const OpArgs& s) {
  return k == 0 ? entriesStructure("row", R"(\mathbf{x}^T)", "the row x^T: d(w . x)/dw = x^T", s.b.transpose())
                : entriesStructure("row", R"(\mathbf{w}^T)", "the row w^T: d(w . x)/dx = w^T", s.a.transpose());
}
JacobianStructure addBiasStructure(int k, const OpArgs& s) {
  const Index batch = s.a.cols();
  if (k == 0 || batch == 1) return namedStructure("identity", "I", "the identity");
  return kroneckerStructure(R"(\vec{1}_{)" + str(batch) + R"(} \otimes I_{)" + str(s.a.rows()) + "}",
                            "identities stacked, one per sample: the bias reaches every column",
                            kroneckerOnesColumn(batch), kroneckerIdentity(s.a.rows()));
}
JacobianStructure stackStructure(int k, const OpArgs& s) {
  JacobianStructure r = k == 0 ? namedStructure("selection", R"(\begin{bmatrix} I \\ 0 \end{bmatrix})", "the top rows of y are a")
                               : namedStructure("selection", R"(\begin{bmatrix} 0 \\ I \end{bmatrix})", "the bottom rows of y are b");
  r.offset = k == 0 ? 0 : s.a.rows();
  return r;
}

}  // namespace

OpInfo makeMatMul() {
  return opRow("matmul", 2, Rule::MatrixProduct, matmulShape, matmulForward, matmulVjp, matmulJvp, matmulJacobian,
               matmulStructure);
}
OpInfo makeTranspose() {
  OpInfo r = opRow("transpose", 1, Rule::Transpose, transposeShape, transposeForward, transposeVjp, transposeJvp,
                   transposeJacobian, transposeStructure);
  r.function = "transpose";
  r.summary = "the transpose (also x')";
  return r;
}
OpInfo makeDot() {
  OpInfo r = opRow("dot", 2, Rule::DotProduct, dotShape, dotForward, dotVjp, dotJvp, dotJacobian, dotStructure);
  r.function = "dot";
  r.summary = "the dot product of two columns (also w . x)";
  return r;
}
OpInfo makeStack() {
  return opRow("stack", 2, Rule::Stack, stackShape, stackForward, stackVjp, stackJvp, stackJacobian, stackStructure);
}
OpInfo makeAddBias() {
  return opRow("add bias", 2, Rule::BiasBroadcast, addBiasShape, addBiasForward, addBiasVjp, addBiasJvp, addBiasJacobian,
               addBiasStructure, 1);
}

}  // namespace mc
