#pragma once
// Data sets as TensorFlow Playground users know them (points in [-6, 6]^2), user-supplied points, and the
// single-neuron regression set of the paper's loss-gradient section.
//
// Labels: binary classification 0 / 1; multiclass 0 .. k-1 (stored as doubles); regression a real target.
//
// Tables: data with named columns, any number of inputs and targets (a CSV with a header, JSON points
// {"x": [..n..], "y": [..m..]} or {"x": [..n..], "label": k}, the built-in "iris" and "linnerud"). Their
// points carry every input in `in` (x, y mirror in[0], in[1] for drawing) and, for regression, every
// target in `out` (label mirrors out[0]); the network takes the inputs as they are (no features).
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
  std::vector<double> in;   // a table's inputs (empty for 2-D points)
  std::vector<double> out;  // a regression table's targets (empty otherwise)

  Point() = default;
  Point(double px, double py, double plabel) : x(px), y(py), label(plabel) {}
};

// "circle", "xor", "gauss", "spiral" (2 classes), "spiral3" (3 classes), "reg-plane", "reg-gauss",
// "neuron" (y = max(0, 0.8 x1 - 0.5 x2 + 1) + noise, for a single ReLU neuron), "iris" (Fisher's 150
// flowers: 4 inputs, 3 classes), "linnerud" (20 athletes: 3 exercise counts -> 3 body measures,
// standardised), "custom" (points below).
struct DatasetConfig {
  std::string name = "circle";
  int n = 500;               // points in total (train + test); generated sets only
  double noise = 0;          // 0 .. 1, as TF Playground's 0 .. 50 % divided by 50
  std::uint64_t seed = 1;
  double trainFraction = 0.5;
  std::vector<Point> points;  // "custom" only: every point, split by trainFraction (in order)
  // A table's column names (empty for 2-D points): inputs, then targets ("label" for a class column).
  std::vector<std::string> inputNames;
  std::vector<std::string> targetNames;
  bool isTable() const { return !inputNames.empty(); }
};

// Points with the names of their columns, as parsed from CSV or JSON (names empty for 2-D points).
struct PointTable {
  std::vector<Point> points;
  std::vector<std::string> inputNames;
  std::vector<std::string> targetNames;
};

const std::vector<std::string>& datasetNames();
Problem datasetProblem(const DatasetConfig& config);  // from the name, or from the labels for "custom"
int datasetClasses(const DatasetConfig& config);      // 1 for classification and regression, k for multiclass

struct DataSet {
  Problem problem = Problem::Classification;
  int classes = 1;  // output units the network needs: 1, or k for multiclass
  std::vector<Point> train;
  std::vector<Point> test;
  std::vector<std::string> inputNames;   // a table's columns (empty for 2-D points)
  std::vector<std::string> targetNames;
  bool isTable() const { return !inputNames.empty(); }
};

// Generates (or splits) the points; throws ConfigError naming the field on a bad name or value.
DataSet makeDataSet(const DatasetConfig& config);

// User points: CSV text ("x,y,label" per line, an optional header line, '#' comments) or a JSON array of
// [x, y, label] triples or {"x":..,"y":..,"label":..} objects. Throws std::invalid_argument naming the
// line / position and what was expected.
std::vector<Point> parsePoints(const std::string& csvOrJson);

// Every form parsePoints takes, and tables: a CSV whose header names its columns (a column "label" or
// "class" holds integer classes; columns "target:<name>" are regression targets; every other column is
// an input), JSON {"x": [..], "y": [..]} (regression) or {"x": [..], "label": k} (classes). Errors name
// the line (or point) and the column. Checks the limits (kMaxPoints, kMaxColumns).
PointTable parsePointTable(const std::string& csvOrJson);

// The CSV text of a built-in table ("iris", "linnerud"), shipped as files in engine/nn/data/ and
// compiled in; nullptr for another name.
const char* builtinTableText(const std::string& name);
// A built-in table, parsed, every input column (and regression target) standardised to mean 0, sd 1.
PointTable builtinTable(const std::string& name);
bool isBuiltinTable(const std::string& name);
// A table as CSV text with its header (numbers to 17 digits): parsePointTable(tableCsv(..)) gives it back.
std::string tableCsv(const std::vector<Point>& points, const std::vector<std::string>& inputNames,
                     const std::vector<std::string>& targetNames);

}  // namespace mc::nn
