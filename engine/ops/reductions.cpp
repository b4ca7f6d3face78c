// Sum reductions (the paper's vector sum reduction): y = sum(x) has the gradient 1^T, a row of ones.
#include "ops/op_helpers.hpp"
#include "ops/structure.hpp"

#include <unsupported/Eigen/KroneckerProduct>

namespace mc {

using namespace detail;

namespace {

// ---- y = sum of all entries (1x1): dy/dvec(x) = 1^T
std::pair<Index, Index> scalarShape(const Matrix&, const Matrix&, double) { return {1, 1}; }
void sumForward(const Matrix& a, const Matrix&, double, Matrix& y) { y(0, 0) = a.sum(); }
void sumVjp(int, const OpArgs&, const Matrix& gy, Matrix& g) { g.array() += gy(0, 0); }
void sumJvp(const OpArgs&, const Matrix& ta, const Matrix&, Matrix& ty) { ty(0, 0) = ta.sum(); }
Matrix sumJacobian(int, const OpArgs& s) { return Matrix::Ones(1, s.a.size()); }

// ---- y = mean of all entries (1x1): dy/dvec(x) = (1/N) 1^T; the mean of nothing is an error, not NaN
std::pair<Index, Index> meanShape(const Matrix& a, const Matrix&, double) {
  if (a.size() == 0) throwShapeError("mean", a, "empty operand");
  return {1, 1};
}
void meanForward(const Matrix& a, const Matrix&, double, Matrix& y) { y(0, 0) = a.mean(); }
void meanVjp(int, const OpArgs& s, const Matrix& gy, Matrix& g) {
  g.array() += gy(0, 0) / static_cast<double>(s.a.size());
}
void meanJvp(const OpArgs&, const Matrix& ta, const Matrix&, Matrix& ty) { ty(0, 0) = ta.mean(); }
Matrix meanJacobian(int, const OpArgs& s) {
  return Matrix::Constant(1, s.a.size(), 1.0 / static_cast<double>(s.a.size()));
}

// ---- sumRows: the rows added together, (m x n) -> (1 x n): y_j = sum_i x_ij
std::pair<Index, Index> sumRowsShape(const Matrix& a, const Matrix&, double) { return {1, a.cols()}; }
void sumRowsForward(const Matrix& a, const Matrix&, double, Matrix& y) { y = a.colwise().sum(); }
void sumRowsVjp(int, const OpArgs&, const Matrix& gy, Matrix& g) { g.rowwise() += gy.row(0); }
void sumRowsJvp(const OpArgs&, const Matrix& ta, const Matrix&, Matrix& ty) { ty = ta.colwise().sum(); }
Matrix sumRowsJacobian(int, const OpArgs& s) {
  const Index m = s.a.rows(), n = s.a.cols();
  return Eigen::kroneckerProduct(Matrix::Identity(n, n), Matrix::Ones(1, m));  // I_n kron 1_m^T
}

// ---- sumCols: the columns added together, (m x n) -> (m x 1): y_i = sum_j x_ij
std::pair<Index, Index> sumColsShape(const Matrix& a, const Matrix&, double) { return {a.rows(), 1}; }
void sumColsForward(const Matrix& a, const Matrix&, double, Matrix& y) { y = a.rowwise().sum(); }
void sumColsVjp(int, const OpArgs&, const Matrix& gy, Matrix& g) { g.colwise() += gy.col(0); }
void sumColsJvp(const OpArgs&, const Matrix& ta, const Matrix&, Matrix& ty) { ty = ta.rowwise().sum(); }
Matrix sumColsJacobian(int, const OpArgs& s) {
  const Index m = s.a.rows(), n = s.a.cols();
  return Eigen::kroneckerProduct(Matrix::Ones(1, n), Matrix::Identity(m, m));  // 1_n^T kron I_m
}

// ---- the structures (item 8)
JacobianStructure sumStructure(int, const OpArgs&) {
  return namedStructure("ones-row", R"(\vec{1}^{\,T})", "a row of ones: every entry counts once");
}
JacobianStructure meanStructure(int, const OpArgs& s) {
  JacobianStructure r = namedStructure("ones-row", R"(\tfrac{1}{N}\vec{1}^{\,T})", "a row of 1/N: every entry counts 1/N");
  r.scale = 1.0 / static_cast<double>(s.a.size());
  return r;
}
JacobianStructure sumRowsStructure(int, const OpArgs& s) {
  const Index m = s.a.rows(), n = s.a.cols();
  return kroneckerStructure(R"(I_{)" + std::to_string(n) + R"(} \otimes \vec{1}^{\,T}_{)" + std::to_string(m) + "}",
                            "each output sums one column of the input", kroneckerIdentity(n), kroneckerOnesRow(m));
}
JacobianStructure sumColsStructure(int, const OpArgs& s) {
  const Index m = s.a.rows(), n = s.a.cols();
  return kroneckerStructure(R"(\vec{1}^{\,T}_{)" + std::to_string(n) + R"(} \otimes I_{)" + std::to_string(m) + "}",
                            "each output sums one row of the input", kroneckerOnesRow(n), kroneckerIdentity(m));
}

}  // namespace

OpInfo makeSum() {
  OpInfo r = opRow("sum", 1, Rule::SumReduction, scalarShape, sumForward, sumVjp, sumJvp, sumJacobian, sumStructure);
  r.function = "sum";
  r.summary = "the sum of every entry";
  return r;
}
OpInfo makeMean() {
  OpInfo r = opRow("mean", 1, Rule::MeanReduction, meanShape, meanForward, meanVjp, meanJvp, meanJacobian, meanStructure);
  r.function = "mean";
  r.summary = "the mean of every entry";
  return r;
}
OpInfo makeSumRows() {
  return opRow("sum rows", 1, Rule::SumReduction, sumRowsShape, sumRowsForward, sumRowsVjp, sumRowsJvp, sumRowsJacobian,
               sumRowsStructure);
}
OpInfo makeSumCols() {
  return opRow("sum columns", 1, Rule::SumReduction, sumColsShape, sumColsForward, sumColsVjp, sumColsJvp, sumColsJacobian,
               sumColsStructure);
}

}  // namespace mc
