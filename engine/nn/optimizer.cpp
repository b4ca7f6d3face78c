#include "nn/optimizer.hpp"

#include <cmath>

namespace mc::nn {

const char* updateRuleText(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::Sgd: return "p <- p - lr g";
    case OptimizerKind::Momentum: return "v <- mu v + g;  p <- p - lr v";
    case OptimizerKind::Adam:
      return "m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2;  p <- p - lr m_hat / (sqrt(v_hat) + eps)";
  }
  return "";
}

namespace {
// b^t by squaring: the same bits on every platform (std::pow may differ in the last bit between libms).
double powInt(double b, std::int64_t t) {
  double result = 1;
  for (; t > 0; t >>= 1) {
    if (t & 1) result *= b;
    b *= b;
  }
  return result;
}
}  // namespace

void Optimizer::prepare(const std::vector<const Matrix*>& params) {
  bool same = m_.size() == params.size() && v_.size() == params.size();
  for (std::size_t i = 0; same && i < params.size(); ++i) {
    same = m_[i].rows() == params[i]->rows() && m_[i].cols() == params[i]->cols();
  }
  if (same) return;
  m_.clear();
  v_.clear();
  for (const Matrix* p : params) {
    m_.push_back(Matrix::Zero(p->rows(), p->cols()));
    v_.push_back(Matrix::Zero(p->rows(), p->cols()));
  }
  t_ = 0;
}

void Optimizer::reset() {
  for (auto& m : m_) m.setZero();
  for (auto& v : v_) v.setZero();
  t_ = 0;
}

void Optimizer::update(int slot, Matrix& param, const Matrix& grad) {
  const double lr = config_.lr;
  switch (config_.kind) {
    case OptimizerKind::Sgd:
      param.noalias() -= lr * grad;
      break;
    case OptimizerKind::Momentum: {
      Matrix& vel = m_.at(static_cast<std::size_t>(slot));
      vel = config_.momentum * vel + grad;
      param.noalias() -= lr * vel;
      break;
    }
    case OptimizerKind::Adam: {
      Matrix& m = m_.at(static_cast<std::size_t>(slot));
      Matrix& v = v_.at(static_cast<std::size_t>(slot));
      const double b1 = config_.beta1, b2 = config_.beta2;
      m = b1 * m + (1 - b1) * grad;
      v.array() = b2 * v.array() + (1 - b2) * grad.array().square();
      const double c1 = 1 - powInt(b1, t_);
      const double c2 = 1 - powInt(b2, t_);
      param.array() -= lr * (m.array() / c1) / ((v.array() / c2).sqrt() + config_.epsilon);
      break;
    }
  }
}

}  // namespace mc::nn
