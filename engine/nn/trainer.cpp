#include "nn/trainer.hpp"
#include "nn/enum_json.hpp"

#include "nn/features.hpp"
#include "nn/number_text.hpp"
#include "ops/functions.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

namespace mc::nn {


// Buffers reused by every step: nothing here is reallocated while the batch size stays the same.
struct Trainer::Batch {
  std::vector<int> samples;
  Matrix input;   // features x B
  Matrix target;  // outputs x B
  ForwardRecord forward;
  Var dataLoss, loss, target_;
  std::vector<Matrix> backup;     // parameters before the update, for divergence
  std::vector<Matrix> gradients;  // the latest gradients, W1, b1, W2, ...
  std::vector<const Matrix*> slots;
};

Granularity parseGranularity(const std::string& name) {
  if (const std::optional<Granularity> g = enumFromJson<Granularity>(name)) return *g;
  throw ConfigError("granularity: \"" + name + "\" is not one of " + allowedNames<Granularity>());
}

const char* granularityName(Granularity g) { return enumName(g); }

namespace {
// A Config built in code (not by parseConfig) gets the same checks: through JSON and back.
Config validated(const Config& config) {
  nlohmann::json j;
  toJson(j, config);
  return parseConfig(j);
}
}  // namespace

Trainer::Trainer(const Config& config) : Trainer(validated(config), Checked{}) {}

Trainer::Trainer(const std::string& configJson) : Trainer(parseConfigText(configJson), Checked{}) {}

Trainer::Trainer(Config checked, Checked)
    : config_(std::move(checked)), data_(makeDataSet(config_.dataset)), network_(config_),
      optimizer_(config_.optimizer), rng_(config_.seed), batch_(std::make_unique<Batch>()) {
  if (data_.train.empty()) throw ConfigError("config: the data set has no training points");
  rebuildState();
  reset(config_.seed);
}

Trainer::~Trainer() = default;

std::string Trainer::configJson() const { return configToString(config_); }

void Trainer::rebuildState() {
  std::vector<const Matrix*> params;
  for (const DenseLayer& l : network_.layers()) {
    params.push_back(&l.weight);
    params.push_back(&l.bias);
  }
  optimizer_.prepare(params);
  Batch& b = *batch_;
  b.backup.clear();
  b.gradients.clear();
  for (const Matrix* p : params) {
    b.backup.push_back(*p);
    b.gradients.push_back(Matrix::Zero(p->rows(), p->cols()));
  }
}

void Trainer::reset(std::uint64_t seed) {
  config_.seed = seed;
  rng_.reseed(seed);
  network_.initialize(config_.init, rng_);
  optimizer_.reset();
  for (Matrix& g : batch_->gradients) g.setZero();
  order_.resize(data_.train.size());
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<int>(i);
  rng_.shuffle(order_);
  cursor_ = 0;
  step_ = 0;
  epoch_ = 0;
  hasRecording_ = false;
}

void Trainer::setLearningRate(double lr) {
  // checked by the parser's own row for "optimizer.lr"
  setLiveSettings(parseOptimizer(nlohmann::json{{"lr", lr}}, config_.optimizer), config_.regularization);
}

void Trainer::setLiveSettings(const OptimizerConfig& optimizer, const RegularizationConfig& regularization) {
  config_.optimizer = optimizer;
  config_.regularization = regularization;
  optimizer_.setConfig(optimizer);
  hasRecording_ = false;  // a recorded step was made under the old settings
}

// The next `count` samples of the shuffled order; a new shuffled pass begins when one ends.
void Trainer::nextSamples(int count, std::vector<int>& out) {
  out.resize(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    out[static_cast<std::size_t>(i)] = order_[cursor_++];
    if (cursor_ == order_.size()) {
      ++epoch_;
      rng_.shuffle(order_);
      cursor_ = 0;
    }
  }
}

void Trainer::fillBatch(const std::vector<int>& samples) {
  Batch& b = *batch_;
  computeInputs(config_, data_, data_.train, &samples, b.input);
  computeTargets(data_, data_.train, &samples, b.target);
}

namespace {
struct LossNodes {
  Var target, dataLoss, loss;
};

// Records forward and loss on `tape` (cleared first), then runs backward.
LossNodes recordLossOn(Tape& tape, const Config& config, const Network& network, const Matrix& input,
                       const Matrix& targetValue, ForwardRecord& fwd, bool labels) {
  tape.clear();
  const bool fused = config.loss != Loss::Mse;
  network.record(tape, input, fwd, labels, !fused || labels);
  LossNodes n;
  n.target = tape.constant(targetValue, labels ? "Y" : "");
  switch (config.loss) {
    case Loss::Mse: n.dataLoss = mse(fwd.output, n.target); break;
    case Loss::Bce: n.dataLoss = binaryCrossEntropyWithLogits(fwd.logits, n.target); break;
    case Loss::SoftmaxCrossEntropy: n.dataLoss = softmaxCrossEntropy(fwd.logits, n.target); break;
  }
  if (labels) tape.setLabel(n.dataLoss, std::string("data loss (") + lossName(config.loss) + ")");
  n.loss = n.dataLoss;
  const RegularizationConfig& reg = config.regularization;
  if (reg.kind != Regularization::None && reg.rate > 0) {
    for (std::size_t l = 0; l < fwd.weights.size(); ++l) {
      Var w = fwd.weights[l];
      Var term = reg.kind == Regularization::L2 ? sum(square(w)) * (reg.rate / 2) : sum(abs(w)) * reg.rate;
      if (labels) tape.setLabel(term, std::string("regularization / ") + regularizationName(reg.kind) + " of W" + std::to_string(l + 1));
      n.loss = n.loss + term;
    }
  }
  if (labels) tape.setLabel(n.loss, "loss");
  tape.backward(n.loss);
  return n;
}

// One update's samples: one (Sample) or a batch, at most the whole training set.
int samplesPerUpdate(Granularity g, const Config& config, const DataSet& data) {
  return g == Granularity::Sample ? 1 : std::min(config.batch, static_cast<int>(data.train.size()));
}

void fillRecording(StepRecording& rec, Tape& tape, const LossNodes& n, int layers) {
  rec.tape = &tape;
  rec.input = rec.forward.input;
  rec.target = n.target;
  rec.output = rec.forward.output;
  rec.dataLoss = n.dataLoss;
  rec.loss = n.loss;
  rec.parameters.clear();
  for (int l = 0; l < layers; ++l) {
    const std::string num = std::to_string(l + 1);
    rec.parameters.push_back({l, ParamKind::Weight, "W" + num, rec.forward.weights[static_cast<std::size_t>(l)]});
    rec.parameters.push_back({l, ParamKind::Bias, "b" + num, rec.forward.biases[static_cast<std::size_t>(l)]});
  }
}
}  // namespace

void Trainer::recordLoss(Tape& tape, bool labels) {
  Batch& b = *batch_;
  const LossNodes n = recordLossOn(tape, config_, network_, b.input, b.target, labels ? recording_.forward : b.forward, labels);
  b.dataLoss = n.dataLoss;
  b.loss = n.loss;
  b.target_ = n.target;
}

StepRecording Trainer::recordAt(Tape& tape, const std::vector<Point>& points) const {
  if (points.empty()) throw std::invalid_argument("recordAt: no points given");
  Matrix input, target;
  computeInputs(config_, data_, points, nullptr, input);
  computeTargets(data_, points, nullptr, target);
  StepRecording rec;
  const LossNodes n = recordLossOn(tape, config_, network_, input, target, rec.forward, true);
  fillRecording(rec, tape, n, network_.layerCount());
  rec.learningRate = config_.optimizer.lr;
  rec.step = step_ + 1;
  return rec;
}

void Trainer::applyUpdate(double dataLoss, double totalLoss, StepResult& r) {
  Batch& b = *batch_;
  const ForwardRecord& fwd = hasRecording_ ? recording_.forward : b.forward;
  r.ok = true;
  r.status = "ok";
  r.message.clear();
  r.loss = dataLoss;
  r.lossWithRegularization = totalLoss;
  const std::int64_t attempt = step_ + 1;
  auto diverge = [&](const std::string& why) {
    r.ok = false;
    r.status = "diverged";
    r.message = "diverged at step " + std::to_string(attempt) + ": " + why + "; try a smaller learning rate";
  };

  const int n = network_.layerCount();
  r.gradientNorms.weights.resize(static_cast<std::size_t>(n));
  r.gradientNorms.biases.resize(static_cast<std::size_t>(n));
  double total = 0;
  for (int l = 0; l < n; ++l) {
    const Matrix& gw = fwd.weights[static_cast<std::size_t>(l)].grad();
    const Matrix& gb = fwd.biases[static_cast<std::size_t>(l)].grad();
    r.gradientNorms.weights[static_cast<std::size_t>(l)] = gw.norm();
    r.gradientNorms.biases[static_cast<std::size_t>(l)] = gb.norm();
    total += gw.squaredNorm() + gb.squaredNorm();
  }
  r.gradientNorms.total = std::sqrt(total);

  if (!std::isfinite(dataLoss) || !std::isfinite(totalLoss)) {
    diverge("loss is " + numberText(std::isfinite(dataLoss) ? totalLoss : dataLoss));
  } else if (!std::isfinite(total)) {
    for (int l = 0; l < n && r.ok; ++l) {
      if (!fwd.weights[static_cast<std::size_t>(l)].grad().allFinite()) diverge("the gradient of W" + std::to_string(l + 1) + " is not finite");
      else if (!fwd.biases[static_cast<std::size_t>(l)].grad().allFinite()) diverge("the gradient of b" + std::to_string(l + 1) + " is not finite");
    }
    if (r.ok) diverge("the gradient norm is " + numberText(r.gradientNorms.total));
  }
  if (r.ok) {
    optimizer_.beginStep();
    for (int l = 0; l < n; ++l) {
      DenseLayer& layer = network_.layer(l);
      const auto s = static_cast<std::size_t>(2 * l);
      b.backup[s] = layer.weight;
      b.backup[s + 1] = layer.bias;
      b.gradients[s] = fwd.weights[static_cast<std::size_t>(l)].grad();
      b.gradients[s + 1] = fwd.biases[static_cast<std::size_t>(l)].grad();
      optimizer_.update(2 * l, layer.weight, b.gradients[s]);
      optimizer_.update(2 * l + 1, layer.bias, b.gradients[s + 1]);
    }
    for (int l = 0; l < n && r.ok; ++l) {
      const DenseLayer& layer = network_.layer(l);
      if (!layer.weight.allFinite()) diverge("W" + std::to_string(l + 1) + " would become non-finite");
      else if (!layer.bias.allFinite()) diverge("b" + std::to_string(l + 1) + " would become non-finite");
    }
    if (r.ok) {
      ++step_;
    } else {  // put the last good weights back (the optimiser's moments are not restored: they only steer)
      optimizer_.setSteps(optimizer_.steps() - 1);
      for (int l = 0; l < n; ++l) {
        network_.layer(l).weight = b.backup[static_cast<std::size_t>(2 * l)];
        network_.layer(l).bias = b.backup[static_cast<std::size_t>(2 * l + 1)];
      }
    }
  }
  r.step = step_;
  r.epoch = epoch_;
  r.updates = r.ok ? 1 : 0;
  r.meanLoss = dataLoss;
}

void Trainer::runOne(Granularity granularity, StepResult& r) {
  nextSamples(samplesPerUpdate(granularity, config_, data_), batch_->samples);
  fillBatch(batch_->samples);
  recordLoss(tape_, false);
  applyUpdate(batch_->dataLoss.value()(0, 0), batch_->loss.value()(0, 0), r);
}

const StepResult& Trainer::step(Granularity granularity, int count) {
  if (count < 1) throw ConfigError("step: count is " + std::to_string(count) + "; allowed: at least 1");
  hasRecording_ = false;
  StepResult& r = result_;
  double lossSum = 0;
  int updates = 0;
  for (int i = 0; i < count; ++i) {
    const std::int64_t startEpoch = epoch_;
    do {  // one update, or (epoch) updates until the pass over the training set ends
      runOne(granularity == Granularity::Sample ? Granularity::Sample : Granularity::Batch, r);
      if (!r.ok) break;
      lossSum += r.loss;
      ++updates;
    } while (granularity == Granularity::Epoch && epoch_ == startEpoch);
    if (!r.ok) break;
  }
  r.updates = updates;
  r.meanLoss = updates > 0 ? lossSum / updates : r.loss;
  return r;
}

const StepRecording& Trainer::recordStep(Granularity granularity) {
  if (granularity == Granularity::Epoch) {
    throw ConfigError("traced step: granularity \"epoch\" is not allowed; allowed: \"sample\", \"batch\"");
  }
  nextSamples(samplesPerUpdate(granularity, config_, data_), batch_->samples);
  fillBatch(batch_->samples);
  hasRecording_ = true;
  recordLoss(traceTape_, true);
  StepRecording& rec = recording_;
  LossNodes n{batch_->target_, batch_->dataLoss, batch_->loss};
  fillRecording(rec, traceTape_, n, network_.layerCount());
  rec.granularity = granularity;
  rec.samples = batch_->samples;
  rec.learningRate = config_.optimizer.lr;
  rec.step = step_ + 1;
  return rec;
}

TracedUpdate Trainer::applyRecordedStep() {
  if (!hasRecording_) throw std::logic_error("applyRecordedStep: no recorded step (call recordStep first)");
  TracedUpdate out;
  for (const RecordedParameter& p : recording_.parameters) {
    const DenseLayer& layer = network_.layer(p.layer);
    out.parameters.push_back({p.layer, p.kind, p.name, p.kind == ParamKind::Weight ? layer.weight : layer.bias, p.var.grad(), Matrix()});
  }
  applyUpdate(recording_.dataLoss.value()(0, 0), recording_.loss.value()(0, 0), out.result);
  hasRecording_ = false;
  for (ParameterUpdate& u : out.parameters) {
    const DenseLayer& layer = network_.layer(u.layer);
    u.after = u.kind == ParamKind::Weight ? layer.weight : layer.bias;
  }
  return out;
}

const Matrix& Trainer::weightGradient(int layer) const {
  checkLayer(network_, layer, "weightGradient");
  return batch_->gradients[static_cast<std::size_t>(2 * layer)];
}

const Matrix& Trainer::biasGradient(int layer) const {
  checkLayer(network_, layer, "biasGradient");
  return batch_->gradients[static_cast<std::size_t>(2 * layer + 1)];
}

}  // namespace mc::nn
