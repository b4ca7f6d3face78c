// Softmax and the losses. The cross-entropies are fused with their output activation because computing
// log(sigmoid(z)) or log(softmax(z)) in two steps overflows or loses every digit for large |z|.
#include "ops/op_helpers.hpp"
#include "ops/structure.hpp"

#include <cmath>

namespace mc {

using namespace detail;

namespace {

std::pair<Index, Index> lossShape(const char* op, const Matrix& a, const Matrix& b) {
  sameShape(op, "against", a, b);
  if (a.size() == 0) throwShapeError(op, a, "against", b, "empty operands");
  return {1, 1};
}

// d loss / d input_k for every entry, shaped like the input (allocates: used by jvp and jacobian only).
template <class Grad>
void lossJvp(const OpArgs& s, const Matrix& ta, const Matrix& tb, Matrix& ty, Grad grad) {
  ty(0, 0) = grad(0, s).cwiseProduct(ta).sum() + grad(1, s).cwiseProduct(tb).sum();
}

// ---- softmax of every column: s = e^z / sum e^z;  ds/dz = diag(s) - s s^T per column
void softmaxForward(const Matrix& a, const Matrix&, double, Matrix& y) {
  for (Index c = 0; c < a.cols(); ++c) {
    const double top = a.col(c).maxCoeff();  // shift: exp never overflows
    y.col(c) = (a.col(c).array() - top).exp();
    y.col(c) /= y.col(c).sum();
  }
}
std::pair<Index, Index> softmaxShape(const Matrix& a, const Matrix&, double) {
  if (a.rows() == 0) throwShapeError("softmax", a, "empty operand");  // no max to shift by
  return shapeOf(a);
}
void softmaxVjp(int, const OpArgs& s, const Matrix& gy, Matrix& g) {
  for (Index c = 0; c < s.y.cols(); ++c) {
    const double inner = gy.col(c).dot(s.y.col(c));
    g.col(c).array() += s.y.col(c).array() * (gy.col(c).array() - inner);
  }
}
void softmaxJvp(const OpArgs& s, const Matrix& ta, const Matrix&, Matrix& ty) {
  for (Index c = 0; c < s.y.cols(); ++c) {
    const double inner = ta.col(c).dot(s.y.col(c));
    ty.col(c) = (s.y.col(c).array() * (ta.col(c).array() - inner)).matrix();
  }
}
Matrix softmaxJacobian(int, const OpArgs& s) {
  const Index m = s.y.rows();
  Matrix j = Matrix::Zero(s.y.size(), s.y.size());
  for (Index c = 0; c < s.y.cols(); ++c) {
    const auto col = s.y.col(c);
    j.block(c * m, c * m, m, m) = Matrix(col.asDiagonal()) - col * col.transpose();
  }
  return j;
}

// ---- C = (1/N) sum (a - b)^2 over all N entries (item 11);  dC/da = (2/N)(a - b), dC/db = -(2/N)(a - b)
std::pair<Index, Index> mseShape(const Matrix& a, const Matrix& b, double) { return lossShape("mse", a, b); }
void mseForward(const Matrix& a, const Matrix& b, double, Matrix& y) {
  y(0, 0) = (a - b).squaredNorm() / static_cast<double>(a.size());
}
void mseVjp(int k, const OpArgs& s, const Matrix& gy, Matrix& g) {
  const double c = gy(0, 0) * 2.0 / static_cast<double>(s.a.size()) * (k == 0 ? 1 : -1);
  g.array() += c * (s.a - s.b).array();
}
Matrix mseGrad(int k, const OpArgs& s) { return (k == 0 ? 2.0 : -2.0) / static_cast<double>(s.a.size()) * (s.a - s.b); }
void mseJvp(const OpArgs& s, const Matrix& ta, const Matrix& tb, Matrix& ty) { lossJvp(s, ta, tb, ty, mseGrad); }

// ---- binary cross-entropy from logits z with targets t in [0, 1], mean over all N entries:
//   C = (1/N) sum max(z,0) - z t + log(1 + e^-|z|)   (the stable form of -t log s - (1-t) log(1-s))
//   dC/dz = (1/N)(sigmoid(z) - t),  dC/dt = -(1/N) z
std::pair<Index, Index> bceShape(const Matrix& a, const Matrix& b, double) {
  return lossShape("binary cross-entropy", a, b);
}
void bceForward(const Matrix& a, const Matrix& b, double, Matrix& y) {
  const double total = a.binaryExpr(b, [](double z, double t) {
                          return std::max(z, 0.0) - z * t + std::log1p(std::exp(-std::abs(z)));
                        }).sum();
  y(0, 0) = total / static_cast<double>(a.size());
}
void bceVjp(int k, const OpArgs& s, const Matrix& gy, Matrix& g) {
  const double c = gy(0, 0) / static_cast<double>(s.a.size());
  if (k == 0) g.array() += c * s.a.binaryExpr(s.b, [](double z, double t) { return stableSigmoid(z) - t; }).array();
  else g.array() -= c * s.a.array();
}
Matrix bceGrad(int k, const OpArgs& s) {
  const double c = 1.0 / static_cast<double>(s.a.size());
  if (k == 0) return c * s.a.binaryExpr(s.b, [](double z, double t) { return stableSigmoid(z) - t; });
  return -c * s.a;
}
void bceJvp(const OpArgs& s, const Matrix& ta, const Matrix& tb, Matrix& ty) { lossJvp(s, ta, tb, ty, bceGrad); }

// ---- softmax cross-entropy from logits Z (k classes x B samples) with target distributions T:
//   C = -(1/B) sum_j t_j . logsoftmax(z_j),  logsoftmax(z) = (z - max z) - log sum exp(z - max z)
//   dC/dz_j = (1/B)(softmax(z_j) sum_i t_ij - t_j),  dC/dt_j = -(1/B) logsoftmax(z_j)
// z - max is exact (both are doubles of similar size), so the right class's log-probability keeps every
// digit even when it is tiny: lse(z) - z_i, formed after adding back the max, would round at the ulp
// of the max (a logit of 17.3 left 1e-7 relative error).
// log sum exp(z - top) with top = max z: the max's own term is exactly 1, so log1p of the others keeps
// the digits of a sum just above 1.
double shiftedLogSumExp(const Eigen::Ref<const Eigen::VectorXd>& z, double top) {
  double rest = 0;
  bool skipped = false;
  for (Index i = 0; i < z.size(); ++i) {
    if (!skipped && z(i) == top) skipped = true;
    else rest += std::exp(z(i) - top);
  }
  return std::log1p(rest);
}
std::pair<Index, Index> sceShape(const Matrix& a, const Matrix& b, double) {
  return lossShape("softmax cross-entropy", a, b);
}
void sceForward(const Matrix& a, const Matrix& b, double, Matrix& y) {
  double total = 0;
  for (Index c = 0; c < a.cols(); ++c) {
    const double top = a.col(c).maxCoeff();
    const double lse = shiftedLogSumExp(a.col(c), top);
    for (Index i = 0; i < a.rows(); ++i) total -= b(i, c) * ((a(i, c) - top) - lse);
  }
  y(0, 0) = total / static_cast<double>(a.cols());
}
void sceVjp(int k, const OpArgs& s, const Matrix& gy, Matrix& g) {
  const double scale = gy(0, 0) / static_cast<double>(s.a.cols());
  for (Index c = 0; c < s.a.cols(); ++c) {
    const double top = s.a.col(c).maxCoeff();
    const double lse = shiftedLogSumExp(s.a.col(c), top);
    if (k == 0) {
      const double mass = s.b.col(c).sum();
      g.col(c).array() += scale * (((s.a.col(c).array() - top) - lse).exp() * mass - s.b.col(c).array());
    } else {
      g.col(c).array() -= scale * ((s.a.col(c).array() - top) - lse);
    }
  }
}
Matrix sceGrad(int k, const OpArgs& s) {
  Matrix g = Matrix::Zero(s.a.rows(), s.a.cols());
  sceVjp(k, s, Matrix::Ones(1, 1), g);
  return g;
}
void sceJvp(const OpArgs& s, const Matrix& ta, const Matrix& tb, Matrix& ty) { lossJvp(s, ta, tb, ty, sceGrad); }

template <Matrix (*Grad)(int, const OpArgs&)>
Matrix lossJacobian(int k, const OpArgs& s) {  // a 1 x N row: the gradient, laid flat
  const Matrix g = Grad(k, s);
  return vec(g).transpose();
}

// ---- the structures: softmax's blocks, and a loss's gradient laid flat as a row
JacobianStructure softmaxStructure(int, const OpArgs& s) {
  return entriesStructure("softmax-blocks", R"(\operatorname{diag}(\mathbf{s}) - \mathbf{s}\mathbf{s}^T)",
                          "block diagonal: diag(s) - s s^T for every column s of the softmax output", s.y);
}
template <Matrix (*Grad)(int, const OpArgs&)>
JacobianStructure lossRow(int k, const OpArgs& s, const char* latex0, const char* latex1) {
  return entriesStructure("row", k == 0 ? latex0 : latex1, "a row: the loss's gradient laid flat", lossJacobian<Grad>(k, s));
}
JacobianStructure mseStructure(int k, const OpArgs& s) {
  return lossRow<mseGrad>(k, s, R"(\tfrac{2}{N}(\hat{\mathbf{y}} - \mathbf{y})^T)", R"(-\tfrac{2}{N}(\hat{\mathbf{y}} - \mathbf{y})^T)");
}
JacobianStructure bceStructure(int k, const OpArgs& s) {
  return lossRow<bceGrad>(k, s, R"(\tfrac{1}{N}(\sigma(\mathbf{z}) - \mathbf{t})^T)", R"(-\tfrac{1}{N}\mathbf{z}^T)");
}
JacobianStructure sceStructure(int k, const OpArgs& s) {
  return lossRow<sceGrad>(k, s, R"(\tfrac{1}{B}(\mathrm{softmax}(\mathbf{z}) - \mathbf{t})^T)",
                          R"(\tfrac{1}{B}(\mathrm{lse}(\mathbf{z}) - \mathbf{z})^T)");
}

}  // namespace

OpInfo makeSoftmax() {
  return opRow("softmax", 1, Rule::Softmax, softmaxShape, softmaxForward, softmaxVjp, softmaxJvp, softmaxJacobian,
               softmaxStructure);
}
OpInfo makeMse() {
  return opRow("mse", 2, Rule::MseLoss, mseShape, mseForward, mseVjp, mseJvp, lossJacobian<mseGrad>, mseStructure);
}
OpInfo makeBceWithLogits() {
  return opRow("binary cross-entropy", 2, Rule::BinaryCrossEntropy, bceShape, bceForward, bceVjp, bceJvp,
               lossJacobian<bceGrad>, bceStructure);
}
OpInfo makeSoftmaxCrossEntropy() {
  return opRow("softmax cross-entropy", 2, Rule::SoftmaxCrossEntropy, sceShape, sceForward, sceVjp, sceJvp,
               lossJacobian<sceGrad>, sceStructure);
}

}  // namespace mc
