// The trainer's metrics on demand (loss with and without regularisation, accuracy or R^2) and the JSON of results.
#include "nn/features.hpp"
#include "nn/number_text.hpp"
#include "nn/trainer.hpp"
#include "ops/op.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace mc::nn {

using nlohmann::json;

double Trainer::regularizationTerm() const {
  const RegularizationConfig& reg = config_.regularization;
  if (reg.kind == Regularization::None || reg.rate == 0) return 0;
  double total = 0;
  for (const DenseLayer& l : network_.layers()) {
    total += reg.kind == Regularization::L2 ? reg.rate / 2 * l.weight.squaredNorm() : reg.rate * l.weight.cwiseAbs().sum();
  }
  return total;
}

namespace {
struct SetScore {
  double loss = 0;
  double accuracy = std::nan("");
  double r2 = std::nan("");
};

// The loss op's own forward function, without a tape: metrics compute exactly the loss a step minimises
// (MSE of the prediction; the cross-entropies fused with the output activation, from the logits).
double lossOf(Loss loss, const Matrix& out, const Matrix& logits, const Matrix& target) {
  const Op op = loss == Loss::Mse ? Op::Mse : loss == Loss::Bce ? Op::BceWithLogits : Op::SoftmaxCrossEntropy;
  Matrix y(1, 1);
  opInfo(op).forward(loss == Loss::Mse ? out : logits, target, 0, y);
  return y(0, 0);
}

SetScore score(const Trainer& trainer, const std::vector<Point>& points) {
  SetScore s;
  if (points.empty()) {
    s.loss = std::nan("");
    return s;
  }
  const Config& c = trainer.config();
  const DataSet& data = trainer.data();
  // the logits are needed for the fused losses: run all but the output activation, then apply it
  Matrix features, logits, out;
  computeInputs(c, data, points, nullptr, features);
  trainer.network().predict(features, logits, true);
  applyActivation(c.output, logits, out, c.leakySlope);
  Matrix target;
  computeTargets(data, points, nullptr, target);
  const auto n = static_cast<double>(points.size());
  s.loss = lossOf(c.loss, out, logits, target);
  if (data.problem == Problem::Regression) {
    // each target row about its own mean (one row: the usual R^2; several: their pooled R^2)
    const Eigen::VectorXd mean = target.rowwise().mean();
    const double ssTot = (target.colwise() - mean).squaredNorm();
    const double ssRes = (out - target).squaredNorm();
    s.r2 = ssTot > 0 ? 1 - ssRes / ssTot : std::nan("");
  } else {
    // class decision: argmax for several outputs; one output is class 1 above 0.5, halfway between the
    // targets 0 and 1 it was trained towards (whatever its activation)
    int correct = 0;
    for (Index j = 0; j < out.cols(); ++j) {
      Index predicted = 0;
      if (out.rows() == 1) predicted = out(0, j) > 0.5 ? 1 : 0;
      else out.col(j).maxCoeff(&predicted);
      correct += static_cast<double>(predicted) == points[static_cast<std::size_t>(j)].label ? 1 : 0;
    }
    s.accuracy = correct / n;
  }
  return s;
}
}  // namespace

Metrics Trainer::metrics() const {
  Metrics m;
  m.problem = data_.problem;
  m.regularization = regularizationTerm();
  const SetScore train = score(*this, data_.train), test = score(*this, data_.test);
  m.trainLoss = train.loss;
  m.testLoss = test.loss;
  m.trainLossWithRegularization = train.loss + m.regularization;
  m.testLossWithRegularization = test.loss + m.regularization;
  m.trainAccuracy = train.accuracy;
  m.testAccuracy = test.accuracy;
  m.trainR2 = train.r2;
  m.testR2 = test.r2;
  m.trainCount = static_cast<int>(data_.train.size());
  m.testCount = static_cast<int>(data_.test.size());
  return m;
}

namespace {
json finiteOrNull(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
}  // namespace

void toJson(json& out, const StepResult& r) {
  out = {{"ok", r.ok}, {"status", r.status}, {"message", r.message}, {"step", r.step}, {"epoch", r.epoch},
         {"updates", r.updates}, {"loss", finiteOrNull(r.loss)},
         {"lossWithRegularization", finiteOrNull(r.lossWithRegularization)}, {"meanLoss", finiteOrNull(r.meanLoss)}};
  json w = json::array(), b = json::array();
  for (double v : r.gradientNorms.weights) w.push_back(finiteOrNull(v));
  for (double v : r.gradientNorms.biases) b.push_back(finiteOrNull(v));
  out["gradientNorms"] = {{"total", finiteOrNull(r.gradientNorms.total)}, {"weights", w}, {"biases", b}};
}

void toJson(json& out, const Metrics& m) {
  out = {{"problem", problemName(m.problem)},
         {"trainLoss", finiteOrNull(m.trainLoss)},
         {"testLoss", finiteOrNull(m.testLoss)},
         {"trainLossWithRegularization", finiteOrNull(m.trainLossWithRegularization)},
         {"testLossWithRegularization", finiteOrNull(m.testLossWithRegularization)},
         {"regularization", finiteOrNull(m.regularization)},
         {"trainAccuracy", finiteOrNull(m.trainAccuracy)},
         {"testAccuracy", finiteOrNull(m.testAccuracy)},
         {"trainR2", finiteOrNull(m.trainR2)},
         {"testR2", finiteOrNull(m.testR2)},
         {"trainCount", m.trainCount},
         {"testCount", m.testCount}};
}

}  // namespace mc::nn
