#include "api/plane.hpp"

#include "api/session.hpp"
#include "nn/features.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace mc::api {

using nlohmann::json;

InputPair checkedPair(const nn::Trainer& trainer, int x, int y) {
  const nn::DataSet& d = trainer.data();
  const int n = d.isTable() ? static_cast<int>(d.inputNames.size()) : 2;
  if (x < 0 || x >= n || y < 0 || y >= n || (x == y && n > 1)) {
    throw std::invalid_argument("setInputPair: (" + std::to_string(x) + ", " + std::to_string(y) +
                                ") is not a pair of inputs; allowed: two different columns from 0 to " + std::to_string(n - 1));
  }
  return {x, y};
}

double planeX(const nn::Point& p, InputPair pair) { return p.in.empty() ? p.x : p.in[static_cast<std::size_t>(pair.x)]; }
double planeY(const nn::Point& p, InputPair pair) { return p.in.empty() ? p.y : p.in[static_cast<std::size_t>(pair.y)]; }

PlaneExtent planeExtent(const nn::Trainer& trainer, InputPair pair) {
  const nn::DataSet& d = trainer.data();
  if (!d.isTable()) return {kPlaneMin, kPlaneMax, kPlaneMin, kPlaneMax, "x", "y"};
  PlaneExtent e{1e300, -1e300, 1e300, -1e300, d.inputNames[static_cast<std::size_t>(pair.x)], d.inputNames[static_cast<std::size_t>(pair.y)]};
  for (const auto* set : {&d.train, &d.test}) {
    for (const nn::Point& p : *set) {
      e.xMin = std::min(e.xMin, planeX(p, pair));
      e.xMax = std::max(e.xMax, planeX(p, pair));
      e.yMin = std::min(e.yMin, planeY(p, pair));
      e.yMax = std::max(e.yMax, planeY(p, pair));
    }
  }
  // a margin of 5 % of the range (1 when every value is the same) on each side
  auto widen = [](double& lo, double& hi) {
    const double m = hi > lo ? 0.05 * (hi - lo) : 1;
    lo -= m;
    hi += m;
  };
  widen(e.xMin, e.xMax);
  widen(e.yMin, e.yMax);
  return e;
}

Matrix planeInputs(const nn::Trainer& trainer, InputPair pair, const std::vector<double>& xs, const std::vector<double>& ys) {
  const nn::DataSet& d = trainer.data();
  const auto n = static_cast<Index>(xs.size());
  if (!d.isTable()) {
    Matrix m(2, n);
    for (Index k = 0; k < n; ++k) {
      m(0, k) = xs[static_cast<std::size_t>(k)];
      m(1, k) = ys[static_cast<std::size_t>(k)];
    }
    return m;
  }
  Matrix inputs;
  nn::computeInputs(trainer.config(), d, d.train, nullptr, inputs);
  const Eigen::VectorXd mean = inputs.rowwise().mean();
  Matrix m = mean.replicate(1, n);
  for (Index k = 0; k < n; ++k) {
    m(pair.x, k) = xs[static_cast<std::size_t>(k)];
    if (pair.y != pair.x) m(pair.y, k) = ys[static_cast<std::size_t>(k)];
  }
  return m;
}

namespace {

// The network's outputs at a set's points (outputs x n), and its targets.
void outputsOf(const nn::Trainer& t, const std::vector<nn::Point>& points, Matrix& out, Matrix& target) {
  Matrix inputs;
  nn::computeInputs(t.config(), t.data(), points, nullptr, inputs);
  t.network().predict(inputs, out);
  nn::computeTargets(t.data(), points, nullptr, target);
}

json confusion(const nn::Trainer& t, const std::vector<nn::Point>& points, int classes) {
  std::vector<std::vector<int>> counts(static_cast<std::size_t>(classes), std::vector<int>(static_cast<std::size_t>(classes), 0));
  if (points.empty()) return counts;
  Matrix out, target;
  outputsOf(t, points, out, target);
  for (Index j = 0; j < out.cols(); ++j) {
    Index predicted = 0;  // the decision of the metrics: argmax, or class 1 above 0.5 for one output
    if (out.rows() == 1) predicted = out(0, j) > 0.5 ? 1 : 0;
    else out.col(j).maxCoeff(&predicted);
    const auto truth = static_cast<std::size_t>(points[static_cast<std::size_t>(j)].label);
    ++counts[truth][static_cast<std::size_t>(predicted)];
  }
  return counts;
}

json predictions(const nn::Trainer& t, const std::vector<nn::Point>& points) {
  json target = json::array(), predicted = json::array();
  const int m = t.network().outputs();
  Matrix out, tgt;
  if (!points.empty()) outputsOf(t, points, out, tgt);
  for (int k = 0; k < m; ++k) {
    std::vector<double> a, b;
    for (Index j = 0; j < out.cols(); ++j) {
      a.push_back(tgt(k, j));
      b.push_back(out(k, j));
    }
    target.push_back(a);
    predicted.push_back(b);
  }
  return {{"target", target}, {"predicted", predicted}};
}

}  // namespace

std::string evaluationJson(const nn::Trainer& t) {
  const nn::DataSet& d = t.data();
  json inputs = json::array();  // the network's input names: a table's columns, or the features
  if (d.isTable()) inputs = d.inputNames;
  else
    for (nn::Feature f : t.config().features) inputs.push_back(nn::featureName(f));
  if (d.problem == nn::Problem::Regression) {
    json names = json::array();
    for (int k = 0; k < t.network().outputs(); ++k) {
      names.push_back(d.isTable() && k < static_cast<int>(d.targetNames.size()) ? d.targetNames[static_cast<std::size_t>(k)]
                                                                               : "y" + std::to_string(k + 1));
    }
    return json{{"problem", nn::problemName(d.problem)}, {"inputs", inputs}, {"outputs", names},
                {"train", predictions(t, d.train)}, {"test", predictions(t, d.test)}}.dump();
  }
  const int classes = d.problem == nn::Problem::Multiclass ? d.classes : 2;
  return json{{"problem", nn::problemName(d.problem)}, {"inputs", inputs}, {"classes", classes},
              {"confusion", {{"train", confusion(t, d.train, classes)}, {"test", confusion(t, d.test, classes)}}}}.dump();
}

}  // namespace mc::api
