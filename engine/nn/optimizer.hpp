#pragma once
// Optimisers on a list of parameter tensors ("slots": W1, b1, W2, b2, ...), state kept per slot.
//   sgd:       p <- p - lr g
//   momentum:  v <- mu v + g;           p <- p - lr v
//   adam:      m <- b1 m + (1-b1) g;    v <- b2 v + (1-b2) g^2;   t <- t+1
//              p <- p - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
#include "core/matrix.hpp"
#include "nn/config.hpp"

#include <cstdint>
#include <vector>

namespace mc::nn {

// The update above as one line of text ("p <- p - lr g"), for the traced step and the config schema.
const char* updateRuleText(OptimizerKind kind);

class Optimizer {
 public:
  Optimizer() = default;
  explicit Optimizer(const OptimizerConfig& config) : config_(config) {}

  // Sizes the state for these parameter shapes (zeros); keeps it when the shapes already match.
  void prepare(const std::vector<const Matrix*>& params);
  void reset();  // zero state, t = 0

  // One update: beginStep() once, then update() for every slot with its gradient.
  void beginStep() { ++t_; }
  void update(int slot, Matrix& param, const Matrix& grad);

  const OptimizerConfig& config() const { return config_; }
  void setLearningRate(double lr) { config_.lr = lr; }
  // New settings for the next update. The same kind keeps its state (velocity, moments, t); another
  // kind starts from zero state, as its first update would.
  void setConfig(const OptimizerConfig& config) {
    if (config.kind != config_.kind) reset();
    config_ = config;
  }
  std::int64_t steps() const { return t_; }

  // State, for model save / load: first moments (velocity for momentum), second moments (adam), t.
  std::vector<Matrix>& first() { return m_; }
  std::vector<Matrix>& second() { return v_; }
  const std::vector<Matrix>& first() const { return m_; }
  const std::vector<Matrix>& second() const { return v_; }
  void setSteps(std::int64_t t) { t_ = t; }

 private:
  OptimizerConfig config_;
  std::vector<Matrix> m_;
  std::vector<Matrix> v_;
  std::int64_t t_ = 0;
};

}  // namespace mc::nn
