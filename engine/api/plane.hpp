#pragma once
// The plane the page draws on, for any number of inputs: a 2-D data set's own plane [-6, 6]^2, or for a
// table a chosen pair of input columns (each over its data range) with every other input held at its
// training-set mean. And the evaluation views of a table: a confusion matrix for classes, predicted
// against target for regression. The engine computes every number; the page only draws them.
#include "nn/trainer.hpp"

#include <string>
#include <vector>

namespace mc::api {

struct InputPair {
  int x = 0;  // the input column on the horizontal axis (0-based)
  int y = 1;  // on the vertical axis (equal to x when the table has one input)
};

struct PlaneExtent {
  double xMin = 0, xMax = 0, yMin = 0, yMax = 0;
  std::string xName, yName;
};

// Checks the pair against the data set's inputs (std::invalid_argument naming the allowed range).
InputPair checkedPair(const nn::Trainer& trainer, int x, int y);
PlaneExtent planeExtent(const nn::Trainer& trainer, InputPair pair);
// The network's inputs (2 x n for 2-D data, inputs x n for a table) at the plane points (xs[k], ys[k]).
Matrix planeInputs(const nn::Trainer& trainer, InputPair pair, const std::vector<double>& xs, const std::vector<double>& ys);
// The coordinates of a point on the plane.
double planeX(const nn::Point& p, InputPair pair);
double planeY(const nn::Point& p, InputPair pair);

// Both with "inputs": the network's input names (a table's columns, or the 2-D features).
// {"problem", "classes", "confusion": {"train": [[count]], "test": [[count]]}} (row: true class, column:
// predicted class) for classes; {"problem", "outputs": [names], "train": {"target": [[per output]],
// "predicted": [[..]]}, "test": {..}} for regression.
std::string evaluationJson(const nn::Trainer& trainer);

}  // namespace mc::api
