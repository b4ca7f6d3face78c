#include "nn/features.hpp"

#include "nn/portable_math.hpp"

namespace mc::nn {

double featureValue(Feature f, double x, double y) {
  switch (f) {
    case Feature::X: return x;
    case Feature::Y: return y;
    case Feature::X2: return x * x;
    case Feature::Y2: return y * y;
    case Feature::XY: return x * y;
    case Feature::SinX: return portableSin(x);
    case Feature::SinY: return portableSin(y);
  }
  return 0;
}

void computeFeatures(const std::vector<Feature>& features, const double* xs, const double* ys, Index n, Matrix& out) {
  const auto rows = static_cast<Index>(features.size());
  if (out.rows() != rows || out.cols() != n) out.resize(rows, n);
  for (Index j = 0; j < n; ++j)
    for (Index i = 0; i < rows; ++i) out(i, j) = featureValue(features[static_cast<std::size_t>(i)], xs[j], ys[j]);
}

void computeTargets(const DataSet& data, const std::vector<Point>& points, const std::vector<int>* samples,
                    Matrix& target) {
  const auto n = static_cast<Index>(samples ? samples->size() : points.size());
  const Index k = data.classes;  // 1, the k classes (one-hot), or a table's m regression targets
  if (target.rows() != k || target.cols() != n) target.resize(k, n);
  for (Index j = 0; j < n; ++j) {
    const auto i = samples ? (*samples)[static_cast<std::size_t>(j)] : static_cast<int>(j);
    const Point& p = points[static_cast<std::size_t>(i)];
    if (!p.out.empty()) {
      for (Index r = 0; r < k; ++r) target(r, j) = p.out[static_cast<std::size_t>(r)];
    } else if (k == 1) {
      target(0, j) = p.label;
    } else {
      target.col(j).setZero();
      target(static_cast<Index>(p.label), j) = 1;
    }
  }
}

}  // namespace mc::nn

namespace mc::nn {

void computeInputs(const Config& config, const DataSet& data, const std::vector<Point>& points,
                   const std::vector<int>* samples, Matrix& out) {
  const auto n = static_cast<Index>(samples ? samples->size() : points.size());
  auto at = [&](Index j) -> const Point& {
    return points[static_cast<std::size_t>(samples ? (*samples)[static_cast<std::size_t>(j)] : static_cast<int>(j))];
  };
  if (!data.isTable()) {
    const auto rows = static_cast<Index>(config.features.size());
    if (out.rows() != rows || out.cols() != n) out.resize(rows, n);
    for (Index j = 0; j < n; ++j) {
      const Point& p = at(j);
      for (Index i = 0; i < rows; ++i) out(i, j) = featureValue(config.features[static_cast<std::size_t>(i)], p.x, p.y);
    }
    return;
  }
  const auto rows = static_cast<Index>(data.inputNames.size());
  if (out.rows() != rows || out.cols() != n) out.resize(rows, n);
  for (Index j = 0; j < n; ++j) {
    const Point& p = at(j);
    for (Index i = 0; i < rows; ++i) out(i, j) = p.in[static_cast<std::size_t>(i)];
  }
}

}  // namespace mc::nn
