#pragma once
// The input features of TF Playground: x, y, x^2, y^2, xy, sin x, sin y of each point.
#include "core/matrix.hpp"
#include "nn/config.hpp"

#include <vector>

namespace mc::nn {

double featureValue(Feature f, double x, double y);

// out (features x n): column j holds the features of the point (xs[j], ys[j]). Resizes out only when
// its shape differs, so a loop over equal batches allocates nothing.
void computeFeatures(const std::vector<Feature>& features, const double* xs, const double* ys, Index n,
                     Matrix& out);

}  // namespace mc::nn
