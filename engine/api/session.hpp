#pragma once
// The facade the WebAssembly bindings expose one to one (and the native tests drive): one training
// session built from a JSON config. Only strings (JSON) and std::vector<double> cross it, so the
// bindings stay declarations; the JSON shapes are documented in web/engine/client.d.ts.
//
// Plain C++ (no Emscripten): errors are exceptions (std::invalid_argument and friends) whose message
// names the problem; the bindings catch them and hand JavaScript { error: message }.
#include <memory>
#include <string>
#include <vector>

namespace mc::nn {
class Trainer;
}

namespace mc::api {

// The plane the grids cover: the data sets' square [-6, 6]^2.
constexpr double kPlaneMin = -6;
constexpr double kPlaneMax = 6;
constexpr int kMaxResolution = 512;  // grids are resolution x resolution cells
constexpr int kMaxStepsPerCall = 1'000'000;
// The work of one call, in multiply-adds, so no call keeps a browser tab busy for long. A forward pass
// costs about (samples x parameters); a training update three times that (forward, backward to the
// activations, the weight gradients). Measured in WebAssembly (node, 2 busy cores): 1e9 multiply-adds
// of a forward pass take 1.0-1.3 s, so a call here takes at most about 0.6 s (a pass) or 2 s (steps).
constexpr double kMaxPassWork = 5e8;       // one forward pass over every point (metrics), or a grid
constexpr double kMaxWorkPerCall = 1.5e9;  // step(): one epoch always fits, given kMaxPassWork
constexpr double kMaxTraceEntries = 250'000;  // stepTraced: batch x units + parameters recorded

class Session {
 public:
  explicit Session(const std::string& configJson);  // "{}" gives every default
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;

  // `count` steps of one "sample", "batch" or "epoch" each; stops at a diverged step. StepResult JSON.
  std::string step(const std::string& granularity, int count);
  // One recorded step ("sample" or "batch") as the trace JSON of engine/api/traced_step.hpp.
  std::string stepTraced(const std::string& granularity);
  std::string metrics() const;

  // Grids over the plane at cell centres, row 0 at the top (largest y), row-major. The plane of 2-D data
  // is [kPlaneMin, kPlaneMax]^2; a table's is the chosen pair of inputs (setInputPair) over their data
  // range, every other input held at its training-set mean (api/plane.hpp).
  std::string gridInfo(int resolution) const;  // {rows, cols, channels, xMin, xMax, yMin, yMax, xName, yName, pair}
  void setInputPair(int x, int y);  // a table's input columns on the plane's axes (0-based); default 0, 1
  std::vector<double> predictGrid(int resolution) const;  // rows * cols * channels, channel fastest
  std::vector<double> predict(const std::vector<double>& xs, const std::vector<double>& ys) const;
  // Every neuron's grid, layer by layer (layer 0 = the input features), neuron by neuron.
  std::vector<double> neuronGrids(int resolution) const;
  std::string neuronCounts() const;  // JSON array: units per layer, features first

  std::string weights() const;
  // The gradient of the data loss for every parameter, laid out as weights() lays out the weights, on the
  // training set (pointsCsvOrJson empty) or on the given points; no update, the model is unchanged.
  // {"loss", "lossWithReg", "points", "layers": [{"rows", "cols", "weights", "bias"}]} (api/gradients.hpp).
  std::string gradients(const std::string& pointsCsvOrJson) const;
  void setWeight(int layer, int row, int col, double value);
  void setBias(int layer, int row, double value);

  // {train, test}: [{x, y, label}] with x, y the point's place on the plane; a table's points also
  // carry "in" (every input) and, for regression, "out" (every target).
  std::string points() const;
  // A confusion matrix (classes) or predicted against target per output (regression), both sets.
  std::string evaluation() const;
  void addPoint(double x, double y, double label, bool test);
  std::string setPoints(const std::string& csvOrJson);  // returns points()

  std::string exportModel() const;
  // The network and one full-batch step as a Python script: framework "pytorch" or "numpy".
  std::string exportScript(const std::string& framework) const;
  void importModel(const std::string& modelJson);  // the session is unchanged when this throws
  void reset(double seed);  // seed < 0: the config's seed
  // Live settings for the running network, e.g. {"optimizer":{"lr":0.01}} or {"regularization":{...}}:
  // the fields given replace the current ones; weights, step counter and data stay. Only the fields
  // configSchema() marks "live" are taken; any other key is refused (it needs a new Session). Returns config().
  std::string applySettings(const std::string& settingsJson);
  std::string config() const;
  static std::string configSchema();  // nn::configSchema() as JSON text

  nn::Trainer& trainer() { return *trainer_; }
  const nn::Trainer& trainer() const { return *trainer_; }

 private:
  std::unique_ptr<nn::Trainer> trainer_;
  std::vector<double> losses_;  // reused by step()
  int pairX_ = 0, pairY_ = 1;    // setInputPair
};

}  // namespace mc::api
