// The trainer's predictions, parameter edits and data edits.
#include "nn/features.hpp"
#include "nn/number_text.hpp"
#include "nn/trainer.hpp"

#include <cmath>

namespace mc::nn {

namespace {
// The network's inputs at points: features of (x, y) rows for 2-D data, the rows themselves for a table.
void inputsAt(const Config& config, const DataSet& data, const Matrix& points, Matrix& features, const char* what) {
  if (data.isTable()) {
    const auto n = static_cast<Index>(data.inputNames.size());
    if (points.rows() != n) {
      throw ShapeError(std::string(what) + ": points must be " + std::to_string(n) + " x n (one row per input column), got " + shapeText(points));
    }
    features = points;
    return;
  }
  if (points.rows() != 2) throw ShapeError(std::string(what) + ": points must be 2 x n (row 0 x, row 1 y), got " + shapeText(points));
  const Eigen::VectorXd xs = points.row(0).transpose(), ys = points.row(1).transpose();
  computeFeatures(config.features, xs.data(), ys.data(), points.cols(), features);
}
}  // namespace

void Trainer::predict(const Matrix& points, Matrix& out) const {
  Matrix features;
  inputsAt(config_, data_, points, features, "predict");
  network_.predict(features, out);
}

void Trainer::neuronOutputs(const Matrix& points, std::vector<Matrix>& out) const {
  long units = static_cast<long>(network_.inputs());
  for (int l = 0; l < network_.layerCount(); ++l) units += static_cast<long>(network_.layer(l).weight.rows());
  if (static_cast<double>(units) * static_cast<double>(points.cols()) > static_cast<double>(kMaxNeuronOutputs)) {
    throw std::invalid_argument("neuronOutputs: " + std::to_string(points.cols()) + " points x " + std::to_string(units) +
                                " neurons exceed the limit of " + std::to_string(kMaxNeuronOutputs) +
                                " outputs; use fewer points (a coarser grid)");
  }
  Matrix features;
  inputsAt(config_, data_, points, features, "neuronOutputs");
  network_.activations(features, out);
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

void checkPointLabel(const DataSet& data, const Point& p, const std::string& where) {
  if (data.isTable() && p.in.size() != data.inputNames.size()) {
    throw std::invalid_argument(where + ": the data set is a table of " + std::to_string(data.inputNames.size()) +
                                " inputs; add its rows with setPoints (CSV with a header, or JSON {\"x\": [..], ...})");
  }
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

void Trainer::addPoint(const Point& point, bool toTest) {
  checkPointLabel(data_, point, "addPoint");
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

std::vector<Point> Trainer::checkedPoints(const std::string& csvOrJson) const {
  std::vector<Point> points = parsePointTable(csvOrJson).points;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Point& p = points[i];
    const std::string where = "points[" + std::to_string(i) + "]";
    if (!data_.isTable() && !p.in.empty()) {
      throw std::invalid_argument(where + ": the data set has 2-D points; give [x, y, label] (or x,y,label lines)");
    }
    checkPointLabel(data_, p, where);
    const bool regressionTable = data_.isTable() && data_.problem == Problem::Regression;
    if (regressionTable && p.out.size() != static_cast<std::size_t>(data_.classes)) {
      throw std::invalid_argument(where + ": " + std::to_string(p.out.size()) + " targets; the data set has " +
                                  std::to_string(data_.classes) + " (give \"y\" with that many numbers)");
    }
    if (data_.isTable() && !regressionTable && !p.out.empty()) {
      throw std::invalid_argument(where + ": regression targets on a data set of classes; give \"label\"");
    }
  }
  return points;
}

void Trainer::setPoints(const std::string& csvOrJson) {
  DatasetConfig d = config_.dataset;
  d.name = "custom";
  PointTable table = parsePointTable(csvOrJson);
  d.points = std::move(table.points);
  d.inputNames = std::move(table.inputNames);
  d.targetNames = std::move(table.targetNames);
  d.n = static_cast<int>(d.points.size());
  DataSet fresh = makeDataSet(d);
  const int inputs = d.isTable() ? static_cast<int>(d.inputNames.size()) : static_cast<int>(config_.features.size());
  if (inputs != network_.inputs()) {
    throw std::invalid_argument("setPoints: these points give " + std::to_string(inputs) + " inputs but the network takes " +
                                std::to_string(network_.inputs()) + "; build a new session with this data in \"dataset.points\"");
  }
  if (fresh.problem != data_.problem || fresh.classes != data_.classes) {
    throw std::invalid_argument(std::string("setPoints: these labels make a ") + problemName(fresh.problem) + " data set" +
                                (fresh.problem == Problem::Multiclass ? " of " + std::to_string(fresh.classes) + " classes" : "") +
                                " but the network is built for " + problemName(data_.problem) +
                                "; change the config instead");
  }
  if (fresh.train.empty()) throw std::invalid_argument("setPoints: the split leaves no training point");
  config_.dataset = d;
  if (d.isTable()) config_.features.clear();
  data_ = std::move(fresh);
  order_.resize(data_.train.size());
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<int>(i);
  rng_.shuffle(order_);
  cursor_ = 0;
  hasRecording_ = false;
}

}  // namespace mc::nn
