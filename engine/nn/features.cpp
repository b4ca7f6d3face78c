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
  const Index k = data.problem == Problem::Multiclass ? data.classes : 1;
  if (target.rows() != k || target.cols() != n) target.resize(k, n);
  for (Index j = 0; j < n; ++j) {
    const auto i = samples ? (*samples)[static_cast<std::size_t>(j)] : static_cast<int>(j);
    const Point& p = points[static_cast<std::size_t>(i)];
    if (k == 1) {
      target(0, j) = p.label;
    } else {
      target.col(j).setZero();
      target(static_cast<Index>(p.label), j) = 1;
    }
  }
}

}  // namespace mc::nn
