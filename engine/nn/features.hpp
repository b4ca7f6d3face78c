#pragma once
// The inputs and targets of a batch: TF Playground's features x, y, x^2, y^2, xy, sin x, sin y of each
// point, and its label as a target column (one-hot for multiclass; a table's regression targets).
#include "core/matrix.hpp"
#include "nn/config.hpp"

#include <vector>

namespace mc::nn {

double featureValue(Feature f, double x, double y);

// out (features x n): column j holds the features of the point (xs[j], ys[j]). Resizes out only when
// its shape differs, so a loop over equal batches allocates nothing.
void computeFeatures(const std::vector<Feature>& features, const double* xs, const double* ys, Index n,
                     Matrix& out);

// out (inputs x n): the network's inputs for points[samples[j]] (every point when samples is null): the
// features of (x, y) for 2-D points, a table's input columns as they are. Resizes only when needed.
void computeInputs(const Config& config, const DataSet& data, const std::vector<Point>& points,
                   const std::vector<int>* samples, Matrix& out);

// target (outputs x n): the labels of points[samples[j]] (of every point when samples is null); one-hot
// columns for a multiclass data set. Resizes only when the shape differs.
void computeTargets(const DataSet& data, const std::vector<Point>& points, const std::vector<int>* samples,
                    Matrix& target);

}  // namespace mc::nn
