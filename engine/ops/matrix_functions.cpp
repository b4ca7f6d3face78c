// Functions of a whole matrix: determinant, log-determinant, inverse, Kronecker product and vec.
// The rules are the Matrix Cookbook's (Petersen & Pedersen, 15 Nov 2012; equation numbers in brackets).
// A matrix that is singular to working precision is refused by inv and logdet when the op is recorded
// (its shape check), so a bad call leaves the tape as it was; det of a singular matrix is 0, and its
// gradient, the cofactor matrix, exists there too.
#include "ops/lu.hpp"
#include "ops/op_helpers.hpp"

#include <cmath>
#include <string>

namespace mc {

using namespace detail;

namespace {

void requireSquare(const char* op, const Matrix& a) {
  if (a.rows() != a.cols() || a.size() == 0) throwShapeError(op, a, "needs a square matrix (n x n)");
}

void requireInvertible(const char* op, const Matrix& a) {
  requireSquare(op, a);
  if (factorLu(a).singular) {
    const std::string n = std::to_string(a.rows());
    throw ShapeError(std::string(op) + ": det(X) is 0: X (" + shapeText(a) +
                     ") is singular, so it has no inverse and no log-determinant; give an invertible matrix "
                     "(e.g. add 0.1 * eye(" + n + ") to it)");
  }
}

// The cofactor matrix C (C_ij = (-1)^(i+j) det of X without row i and column j), so that
// d det(X) / dX = C = det(X) X^-T where X is invertible [49]; by minors where it is not.
Matrix cofactors(const Matrix& a) {
  const Index n = a.rows();
  if (n == 1) return Matrix::Ones(1, 1);
  const LuFactors lu = factorLu(a);
  if (!lu.singular) return determinantOf(lu) * inverseOf(lu).transpose();
  Matrix c(n, n);
  Matrix minor(n - 1, n - 1);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < n; ++j) {
      for (Index r = 0, mr = 0; r < n; ++r) {
        if (r == i) continue;
        for (Index s = 0, ms = 0; s < n; ++s) {
          if (s != j) minor(mr, ms++) = a(r, s);
        }
        ++mr;
      }
      c(i, j) = ((i + j) % 2 ? -1.0 : 1.0) * determinantOf(factorLu(minor));
    }
  return c;
}

Matrix inverseTranspose(const Matrix& a) { return inverseOf(factorLu(a)).transpose(); }

// vec(M)^T as a 1 x size row
Matrix vecRow(const Matrix& m) { return vec(m).transpose(); }

std::pair<Index, Index> scalarOfSquare(const char* op, const Matrix& a) {
  requireSquare(op, a);
  return {1, 1};
}

// ---- y = det(X) (1x1):  dy/dX = det(X) X^-T [49];  dy = det(X) tr(X^-1 dX) [46]
std::pair<Index, Index> detShape(const Matrix& a, const Matrix&, double) { return scalarOfSquare("det", a); }
void detForward(const Matrix& a, const Matrix&, double, Matrix& y) { y(0, 0) = determinantOf(factorLu(a)); }
void detVjp(int, const OpArgs& s, const Matrix& gy, Matrix& g) { g += gy(0, 0) * cofactors(s.a); }
void detJvp(const OpArgs& s, const Matrix& ta, const Matrix&, Matrix& ty) { ty(0, 0) = cofactors(s.a).cwiseProduct(ta).sum(); }
Matrix detJacobian(int, const OpArgs& s) { return vecRow(cofactors(s.a)); }

// ---- y = log|det(X)| (1x1):  dy/dX = X^-T [57];  dy = tr(X^-1 dX)
std::pair<Index, Index> logdetShape(const Matrix& a, const Matrix&, double) {
  requireInvertible("logdet", a);
  return {1, 1};
}
void logdetForward(const Matrix& a, const Matrix&, double, Matrix& y) { y(0, 0) = logAbsDeterminantOf(factorLu(a)); }
void logdetVjp(int, const OpArgs& s, const Matrix& gy, Matrix& g) { g += gy(0, 0) * inverseTranspose(s.a); }
void logdetJvp(const OpArgs& s, const Matrix& ta, const Matrix&, Matrix& ty) {
  ty(0, 0) = inverseTranspose(s.a).cwiseProduct(ta).sum();
}
Matrix logdetJacobian(int, const OpArgs& s) { return vecRow(inverseTranspose(s.a)); }

// ---- Y = X^-1 (n x n):  dY = -X^-1 dX X^-1 [59];  adjoint dX = -Y^T dY Y^T;  d vec(Y) = -(Y^T kron Y) d vec(X)
std::pair<Index, Index> inverseShape(const Matrix& a, const Matrix&, double) {
  requireInvertible("inv", a);
  return shapeOf(a);
}
void inverseForward(const Matrix& a, const Matrix&, double, Matrix& y) { y = inverseOf(factorLu(a)); }
void inverseVjp(int, const OpArgs& s, const Matrix& gy, Matrix& g) { g.noalias() -= s.y.transpose() * gy * s.y.transpose(); }
void inverseJvp(const OpArgs& s, const Matrix& ta, const Matrix&, Matrix& ty) { ty.noalias() = -(s.y * ta * s.y); }
Matrix inverseJacobian(int, const OpArgs& s) {
  const Index n = s.y.rows();
  Matrix j(n * n, n * n);
  for (Index c = 0; c < n; ++c)
    for (Index r = 0; r < n; ++r) j.block(r * n, c * n, n, n) = -s.y(c, r) * s.y;  // -(Y^T kron Y)
  return j;
}

// ---- Y = A kron B: A (m x n), B (p x q), Y (mp x nq), Y(i p + k, j q + l) = A(i, j) B(k, l) [520]
//   adjoints: dA(i, j) = <dY block (i, j), B>,  dB = sum over blocks of A(i, j) dY block (i, j);
//   tangent dY = dA kron B + A kron dB
std::pair<Index, Index> kronShape(const Matrix& a, const Matrix& b, double) { return {a.rows() * b.rows(), a.cols() * b.cols()}; }
Matrix kronOf(const Matrix& a, const Matrix& b) {
  Matrix y(a.rows() * b.rows(), a.cols() * b.cols());
  for (Index j = 0; j < a.cols(); ++j)
    for (Index i = 0; i < a.rows(); ++i) y.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
  return y;
}
void kronForward(const Matrix& a, const Matrix& b, double, Matrix& y) { y = kronOf(a, b); }
void kronVjp(int k, const OpArgs& s, const Matrix& gy, Matrix& g) {
  const Index p = s.b.rows(), q = s.b.cols();
  for (Index j = 0; j < s.a.cols(); ++j)
    for (Index i = 0; i < s.a.rows(); ++i) {
      const auto block = gy.block(i * p, j * q, p, q);
      if (k == 0) g(i, j) += block.cwiseProduct(s.b).sum();
      else g += s.a(i, j) * block;
    }
}
void kronJvp(const OpArgs& s, const Matrix& ta, const Matrix& tb, Matrix& ty) {
  ty = kronOf(ta, s.b);
  if (tb.size() != 0) ty += kronOf(s.a, tb);
}
Matrix kronJacobian(int k, const OpArgs& s) {
  const Index m = s.a.rows(), n = s.a.cols(), p = s.b.rows(), q = s.b.cols(), rows = m * p;
  Matrix jac = Matrix::Zero(s.y.size(), k == 0 ? m * n : p * q);
  for (Index j = 0; j < n; ++j)
    for (Index i = 0; i < m; ++i)
      for (Index l = 0; l < q; ++l)
        for (Index r = 0; r < p; ++r) {
          const Index out = (i * p + r) + (j * q + l) * rows;
          if (k == 0) jac(out, i + j * m) = s.b(r, l);
          else jac(out, r + l * p) = s.a(i, j);
        }
  return jac;
}

// ---- y = vec(X): the columns of X stacked into one column (mn x 1); its Jacobian is I, the adjoint
// is the gradient laid back into X's shape (the Cookbook's vec, section 10.2.2)
std::pair<Index, Index> vecShape(const Matrix& a, const Matrix&, double) { return {a.size(), 1}; }
void vecForward(const Matrix& a, const Matrix&, double, Matrix& y) { y.col(0) = vec(a); }
void vecVjp(int, const OpArgs& s, const Matrix& gy, Matrix& g) {
  g += Eigen::Map<const Matrix>(gy.data(), s.a.rows(), s.a.cols());
}
void vecJvp(const OpArgs&, const Matrix& ta, const Matrix&, Matrix& ty) { ty.col(0) = vec(ta); }
Matrix vecJacobian(int, const OpArgs& s) { return identity(s.a); }

}  // namespace

OpInfo makeDet() { return {"det", 1, Rule::Determinant, detShape, detForward, detVjp, detJvp, detJacobian}; }
OpInfo makeLogdet() {
  return {"logdet", 1, Rule::LogDeterminant, logdetShape, logdetForward, logdetVjp, logdetJvp, logdetJacobian};
}
OpInfo makeInverse() { return {"inv", 1, Rule::Inverse, inverseShape, inverseForward, inverseVjp, inverseJvp, inverseJacobian}; }
OpInfo makeKron() { return {"kron", 2, Rule::Kronecker, kronShape, kronForward, kronVjp, kronJvp, kronJacobian}; }
OpInfo makeVec() { return {"vec", 1, Rule::Vec, vecShape, vecForward, vecVjp, vecJvp, vecJacobian}; }

}  // namespace mc
