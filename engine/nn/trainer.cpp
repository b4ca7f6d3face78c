#include "nn/trainer.hpp"

#include "nn/features.hpp"
#include "ops/functions.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace mc::nn {

using nlohmann::json;

// Buffers reused by every step: nothing here is reallocated while the batch size stays the same.
struct Trainer::Batch {
  std::vector<int> samples;
  std::vector<double> xs, ys;
  Matrix input;   // features x B
  Matrix target;  // outputs x B
  ForwardRecord forward;
  Var dataLoss, loss, target_;
  std::vector<Matrix> backup;     // parameters before the update, for divergence
  std::vector<Matrix> gradients;  // the latest gradients, W1, b1, W2, ...
  std::vector<const Matrix*> slots;
};

Granularity parseGranularity(const std::string& name) {
  if (name == "sample") return Granularity::Sample;
  if (name == "batch") return Granularity::Batch;
  if (name == "epoch") return Granularity::Epoch;
  throw ConfigError("granularity: \"" + name + "\" is not one of \"sample\", \"batch\", \"epoch\"");
}

const char* granularityName(Granularity g) {
  switch (g) {
    case Granularity::Sample: return "sample";
    case Granularity::Batch: return "batch";
    case Granularity::Epoch: return "epoch";
  }
  return "?";
}

Trainer::Trainer(const Config& config)
    : config_(config), data_(makeDataSet(config.dataset)), network_(config), optimizer_(config.optimizer),
      rng_(config.seed), batch_(std::make_unique<Batch>()) {
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
  if (!std::isfinite(lr) || lr <= 0 || lr > 10) {
    throw ConfigError("config: \"optimizer.lr\" is " + std::to_string(lr) + "; allowed: a number above 0, at most 10");
  }
  config_.optimizer.lr = lr;
  optimizer_.setLearningRate(lr);
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

namespace {
// Targets: the label itself (1 output), or one-hot columns for multiclass.
void fillTargets(const DataSet& data, const std::vector<Point>& points, const std::vector<int>* samples, Matrix& target) {
  const auto n = static_cast<Index>(samples ? samples->size() : points.size());
  const Index k = data.problem == Problem::Multiclass ? data.classes : 1;
  if (target.rows() != k || target.cols() != n) target.resize(k, n);
  for (Index j = 0; j < n; ++j) {
    const Point& p = points[static_cast<std::size_t>(samples ? (*samples)[static_cast<std::size_t>(j)] : static_cast<int>(j))];
    if (k == 1) {
      target(0, j) = p.label;
    } else {
      target.col(j).setZero();
      target(static_cast<Index>(p.label), j) = 1;
    }
  }
}

bool allFinite(const Matrix& m) { return m.allFinite(); }

std::string numberText(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::ostringstream s;
  s << v;
  return s.str();
}
}  // namespace

void Trainer::fillBatch(const std::vector<int>& samples) {
  Batch& b = *batch_;
  b.xs.resize(samples.size());
  b.ys.resize(samples.size());
  for (std::size_t j = 0; j < samples.size(); ++j) {
    const Point& p = data_.train[static_cast<std::size_t>(samples[j])];
    b.xs[j] = p.x;
    b.ys[j] = p.y;
  }
  computeFeatures(config_.features, b.xs.data(), b.ys.data(), static_cast<Index>(samples.size()), b.input);
  fillTargets(data_, data_.train, &samples, b.target);
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
  std::vector<double> xs, ys;
  for (const Point& p : points) {
    xs.push_back(p.x);
    ys.push_back(p.y);
  }
  Matrix input, target;
  computeFeatures(config_.features, xs.data(), ys.data(), static_cast<Index>(points.size()), input);
  fillTargets(data_, points, nullptr, target);
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
  const long attempt = step_ + 1;
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
      if (!allFinite(fwd.weights[static_cast<std::size_t>(l)].grad())) diverge("the gradient of W" + std::to_string(l + 1) + " is not finite");
      else if (!allFinite(fwd.biases[static_cast<std::size_t>(l)].grad())) diverge("the gradient of b" + std::to_string(l + 1) + " is not finite");
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
      if (!allFinite(layer.weight)) diverge("W" + std::to_string(l + 1) + " would become non-finite");
      else if (!allFinite(layer.bias)) diverge("b" + std::to_string(l + 1) + " would become non-finite");
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
  const int size = granularity == Granularity::Sample
                       ? 1
                       : std::min(config_.batch, static_cast<int>(data_.train.size()));
  nextSamples(size, batch_->samples);
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
    const long startEpoch = epoch_;
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
  const int size = granularity == Granularity::Sample ? 1 : std::min(config_.batch, static_cast<int>(data_.train.size()));
  nextSamples(size, batch_->samples);
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

void Trainer::predict(const Matrix& points, Matrix& out) const {
  if (points.rows() != 2) throw ShapeError("predict: points must be 2 x n (row 0 x, row 1 y), got " + shapeText(points));
  Matrix features;
  computeFeatures(config_.features, points.row(0).eval().data(), points.row(1).eval().data(), points.cols(), features);
  network_.predict(features, out);
}

void Trainer::neuronOutputs(const Matrix& points, std::vector<Matrix>& out) const {
  if (points.rows() != 2) throw ShapeError("neuronOutputs: points must be 2 x n (row 0 x, row 1 y), got " + shapeText(points));
  Matrix features;
  const Eigen::VectorXd xs = points.row(0).transpose(), ys = points.row(1).transpose();
  computeFeatures(config_.features, xs.data(), ys.data(), points.cols(), features);
  network_.activations(features, out);
}

namespace {
void checkLayer(const Network& net, int layer, const char* what) {
  if (layer < 0 || layer >= net.layerCount()) {
    throw std::invalid_argument(std::string(what) + ": layer " + std::to_string(layer) + " does not exist (layers 0 to " +
                                std::to_string(net.layerCount() - 1) + ")");
  }
}
}  // namespace

const Matrix& Trainer::weightGradient(int layer) const {
  checkLayer(network_, layer, "weightGradient");
  return batch_->gradients[static_cast<std::size_t>(2 * layer)];
}

const Matrix& Trainer::biasGradient(int layer) const {
  checkLayer(network_, layer, "biasGradient");
  return batch_->gradients[static_cast<std::size_t>(2 * layer + 1)];
}

void Trainer::setWeight(int layer, int row, int col, double value) {
  checkLayer(network_, layer, "setWeight");
  Matrix& w = network_.layer(layer).weight;
  if (row < 0 || row >= w.rows() || col < 0 || col >= w.cols()) {
    throw std::invalid_argument("setWeight: (" + std::to_string(row) + ", " + std::to_string(col) + ") is outside W" +
                                std::to_string(layer + 1) + " (" + shapeText(w) + ")");
  }
  if (!std::isfinite(value)) throw std::invalid_argument("setWeight: value " + numberText(value) + " is not finite");
  w(row, col) = value;
  hasRecording_ = false;
}

void Trainer::setBias(int layer, int row, double value) {
  checkLayer(network_, layer, "setBias");
  Matrix& b = network_.layer(layer).bias;
  if (row < 0 || row >= b.rows()) {
    throw std::invalid_argument("setBias: entry " + std::to_string(row) + " is outside b" + std::to_string(layer + 1) +
                                " (" + shapeText(b) + ")");
  }
  if (!std::isfinite(value)) throw std::invalid_argument("setBias: value " + numberText(value) + " is not finite");
  b(row, 0) = value;
  hasRecording_ = false;
}

namespace {
void checkLabel(const DataSet& data, const Point& p, const std::string& where) {
  if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.label)) {
    throw std::invalid_argument(where + ": the point has a non-finite value");
  }
  if (data.problem == Problem::Classification && p.label != 0 && p.label != 1) {
    throw std::invalid_argument(where + ": label " + numberText(p.label) + " on a two-class data set; allowed: 0 or 1");
  }
  if (data.problem == Problem::Multiclass &&
      (p.label < 0 || p.label >= data.classes || p.label != std::floor(p.label))) {
    throw std::invalid_argument(where + ": label " + numberText(p.label) + " on a " + std::to_string(data.classes) +
                                "-class data set; allowed: an integer from 0 to " + std::to_string(data.classes - 1));
  }
}
}  // namespace

void Trainer::addPoint(const Point& point, bool toTest) {
  checkLabel(data_, point, "addPoint");
  if (static_cast<long>(data_.train.size() + data_.test.size()) >= kMaxPoints) {
    throw std::invalid_argument("addPoint: the data set already holds the limit of " + std::to_string(kMaxPoints) + " points");
  }
  if (toTest) {
    data_.test.push_back(point);
    return;
  }
  data_.train.push_back(point);
  order_.push_back(static_cast<int>(data_.train.size() - 1));  // joins the current pass
  hasRecording_ = false;
}

void Trainer::setPoints(const std::string& csvOrJson) {
  DatasetConfig d = config_.dataset;
  d.name = "custom";
  d.points = parsePoints(csvOrJson);
  d.n = static_cast<int>(d.points.size());
  DataSet fresh = makeDataSet(d);
  if (fresh.problem != data_.problem || fresh.classes != data_.classes) {
    throw std::invalid_argument(std::string("setPoints: these labels make a ") + problemName(fresh.problem) + " data set" +
                                (fresh.problem == Problem::Multiclass ? " of " + std::to_string(fresh.classes) + " classes" : "") +
                                " but the network is built for " + problemName(data_.problem) +
                                "; change the config instead");
  }
  if (fresh.train.empty()) throw std::invalid_argument("setPoints: the split leaves no training point");
  config_.dataset = d;
  data_ = std::move(fresh);
  order_.resize(data_.train.size());
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<int>(i);
  rng_.shuffle(order_);
  cursor_ = 0;
  hasRecording_ = false;
}

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

double stableBce(double z, double t) { return std::max(z, 0.0) - z * t + std::log1p(std::exp(-std::abs(z))); }

SetScore score(const Trainer& trainer, const std::vector<Point>& points) {
  SetScore s;
  if (points.empty()) {
    s.loss = std::nan("");
    return s;
  }
  const Config& c = trainer.config();
  const DataSet& data = trainer.data();
  Matrix xy(2, static_cast<Index>(points.size()));
  for (std::size_t j = 0; j < points.size(); ++j) {
    xy(0, static_cast<Index>(j)) = points[j].x;
    xy(1, static_cast<Index>(j)) = points[j].y;
  }
  // the logits are needed for the fused losses: run all but the output activation, then apply it
  Matrix features, logits, out;
  const Eigen::VectorXd xs = xy.row(0).transpose(), ys = xy.row(1).transpose();
  computeFeatures(c.features, xs.data(), ys.data(), xy.cols(), features);
  trainer.network().predict(features, logits, true);
  applyActivation(c.output, logits, out, c.leakySlope);
  Matrix target;
  fillTargets(data, points, nullptr, target);
  const auto n = static_cast<double>(points.size());
  switch (c.loss) {
    case Loss::Mse: s.loss = (out - target).squaredNorm() / static_cast<double>(out.size()); break;
    case Loss::Bce: s.loss = logits.binaryExpr(target, [](double z, double t) { return stableBce(z, t); }).sum() / static_cast<double>(out.size()); break;
    case Loss::SoftmaxCrossEntropy: {
      double total = 0;
      for (Index j = 0; j < logits.cols(); ++j) {
        const double top = logits.col(j).maxCoeff();
        const double lse = top + std::log((logits.col(j).array() - top).exp().sum());
        total += lse * target.col(j).sum() - target.col(j).dot(logits.col(j));
      }
      s.loss = total / n;
      break;
    }
  }
  if (data.problem == Problem::Regression) {
    const double mean = target.mean();
    const double ssTot = (target.array() - mean).square().sum();
    const double ssRes = (out - target).squaredNorm();
    s.r2 = ssTot > 0 ? 1 - ssRes / ssTot : std::nan("");
  } else {
    // class decision: argmax for several outputs; one output is class 1 above the middle of its range
    const double middle = c.output == Activation::Tanh || c.output == Activation::Linear ? (c.output == Activation::Tanh ? 0.0 : 0.5) : 0.5;
    int correct = 0;
    for (Index j = 0; j < out.cols(); ++j) {
      Index predicted = 0;
      if (out.rows() == 1) predicted = out(0, j) > middle ? 1 : 0;
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
