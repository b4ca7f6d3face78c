#pragma once
// Data sets as TensorFlow Playground users know them (points in [-6, 6]^2), user-supplied points, and the
// single-neuron regression set of the paper's loss-gradient section (MISSION.md item 11).
//
// Labels: binary classification 0 / 1; multiclass 0 .. k-1 (stored as doubles); regression a real target.
#include <cstdint>
#include <string>
#include <vector>

namespace mc::nn {

enum class Problem { Classification, Multiclass, Regression };
const char* problemName(Problem problem);  // "classification", "multiclass", "regression"

struct Point {
  double x = 0;
  double y = 0;
  double label = 0;
};

// "circle", "xor", "gauss", "spiral" (2 classes), "spiral3" (3 classes), "reg-plane", "reg-gauss",
// "neuron" (y = max(0, 0.8 x1 - 0.5 x2 + 1) + noise, for a single ReLU neuron), "custom" (points below).
struct DatasetConfig {
  std::string name = "circle";
  int n = 500;               // points in total (train + test); generated sets only
  double noise = 0;          // 0 .. 1, as TF Playground's 0 .. 50 % divided by 50
  std::uint64_t seed = 1;
  double trainFraction = 0.5;
  std::vector<Point> points;  // "custom" only: every point, split by trainFraction (in order)
};

const std::vector<std::string>& datasetNames();
Problem datasetProblem(const DatasetConfig& config);  // from the name, or from the labels for "custom"
int datasetClasses(const DatasetConfig& config);      // 1 for classification and regression, k for multiclass

struct DataSet {
  Problem problem = Problem::Classification;
  int classes = 1;  // output units the network needs: 1, or k for multiclass
  std::vector<Point> train;
  std::vector<Point> test;
};

// Generates (or splits) the points; throws ConfigError naming the field on a bad name or value.
DataSet makeDataSet(const DatasetConfig& config);

// User points: CSV text ("x,y,label" per line, an optional header line, '#' comments) or a JSON array of
// [x, y, label] triples or {"x":..,"y":..,"label":..} objects. Throws std::invalid_argument naming the
// line / position and what was expected.
std::vector<Point> parsePoints(const std::string& csvOrJson);

}  // namespace mc::nn
