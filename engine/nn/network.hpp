#pragma once
// A multilayer perceptron: dense layers z = W a + b 1^T across a batch (columns are samples), each
// followed by its activation. Layer l (1-based in names: W1, b1, ...) maps layers[l-1] units to layers[l].
//
// record() writes the forward pass on a tape (the engine's ops, so backward gives every gradient);
// predict() runs the same maths with plain Eigen for the decision-boundary grid and thumbnails.
#include "core/tape.hpp"
#include "nn/config.hpp"

#include <vector>

namespace mc::nn {

class Rng;

struct DenseLayer {
  Matrix weight;  // out x in
  Matrix bias;    // out x 1
  Activation activation = Activation::Linear;
};

// The nodes of one recorded forward pass.
struct ForwardRecord {
  Var input;                  // features x B (a constant)
  std::vector<Var> weights;   // per layer, variables
  std::vector<Var> biases;
  std::vector<Var> affine;    // z = W a + b 1^T, per layer
  std::vector<Var> activated; // the activation of z (for the output layer: the prediction)
  Var logits;                 // z of the last layer (what the fused losses take)
  Var output;                 // the prediction after the output activation
};

class Network {
 public:
  Network() = default;
  explicit Network(const Config& config);  // shapes from the config, weights zero

  void initialize(Init scheme, Rng& rng);  // draws every weight and bias in a fixed order

  int layerCount() const { return static_cast<int>(layers_.size()); }
  DenseLayer& layer(int l) { return layers_.at(static_cast<std::size_t>(l)); }
  const DenseLayer& layer(int l) const { return layers_.at(static_cast<std::size_t>(l)); }
  std::vector<DenseLayer>& layers() { return layers_; }
  const std::vector<DenseLayer>& layers() const { return layers_; }
  long parameterCount() const;
  int inputs() const;
  int outputs() const;

  // Records the forward pass of input (features x B). With labels, every node gets a readable label and
  // scope ("W1", "layer 1 / affine", "layer 1 / tanh"); without, nothing is allocated for names.
  // When withOutput is false, the output activation is not recorded when a fused loss takes the logits.
  void record(Tape& tape, const Matrix& input, ForwardRecord& out, bool labels, bool withOutput) const;

  // Plain Eigen: the network's outputs (outputs x n) at input (features x n), computed in chunks of
  // columns so a large grid never needs more than about kMaxActivations entries per layer at once.
  // With logits, the output activation is left out (what the fused losses take).
  void predict(const Matrix& input, Matrix& out, bool logits = false) const;
  // Every layer's activations at input: result[0] = input, result[l] = layer l's outputs (units x n).
  void activations(const Matrix& input, std::vector<Matrix>& out) const;

 private:
  std::vector<DenseLayer> layers_;
  double leakySlope_ = 0.01;
};

// The activation as a tape op (softmax works on columns) and as plain Eigen, for predict().
Var applyActivation(Activation a, Var z, double leakySlope);
void applyActivation(Activation a, const Matrix& z, Matrix& out, double leakySlope);

// Throws std::invalid_argument naming `what` when net has no layer number `layer`.
void checkLayer(const Network& net, int layer, const char* what);

}  // namespace mc::nn
