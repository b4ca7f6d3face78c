#include "nn/network.hpp"

#include "ops/functions.hpp"
#include "ops/op.hpp"
#include "nn/rng.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace mc::nn {

Network::Network(const Config& config) : leakySlope_(config.leakySlope) {
  const int n = config.denseLayers();
  for (int l = 0; l < n; ++l) {
    DenseLayer layer;
    const auto in = static_cast<Index>(config.layers[static_cast<std::size_t>(l)]);
    const auto out = static_cast<Index>(config.layers[static_cast<std::size_t>(l) + 1]);
    layer.weight = Matrix::Zero(out, in);
    layer.bias = Matrix::Zero(out, 1);
    layer.activation = l + 1 < n ? config.activations[static_cast<std::size_t>(l)] : config.output;
    layers_.push_back(std::move(layer));
  }
}

void Network::initialize(Init scheme, Rng& rng) {
  for (DenseLayer& layer : layers_) {
    const auto fanIn = static_cast<double>(layer.weight.cols()), fanOut = static_cast<double>(layer.weight.rows());
    const double glorot = std::sqrt(6 / (fanIn + fanOut));
    const double heSd = std::sqrt(2 / fanIn);
    for (Index i = 0; i < layer.weight.rows(); ++i) {  // row by row: a fixed order on every platform
      for (Index j = 0; j < layer.weight.cols(); ++j) {
        double& w = layer.weight(i, j);
        switch (scheme) {
          case Init::Uniform: w = rng.uniform(-0.5, 0.5); break;  // TF Playground
          case Init::Xavier: w = rng.uniform(-glorot, glorot); break;
          case Init::He: w = rng.normal(0, heSd); break;
        }
      }
    }
    layer.bias.setConstant(scheme == Init::Uniform ? 0.1 : 0.0);
  }
}

long Network::parameterCount() const {
  long total = 0;
  for (const DenseLayer& l : layers_) total += static_cast<long>(l.weight.size() + l.bias.size());
  return total;
}

int Network::inputs() const { return layers_.empty() ? 0 : static_cast<int>(layers_.front().weight.cols()); }
int Network::outputs() const { return layers_.empty() ? 0 : static_cast<int>(layers_.back().weight.rows()); }

Var applyActivation(Activation a, Var z, double leakySlope) {
  switch (a) {
    case Activation::Linear: return z;
    case Activation::Relu: return relu(z);
    case Activation::LeakyRelu: return leakyRelu(z, leakySlope);
    case Activation::Tanh: return tanh(z);
    case Activation::Sigmoid: return sigmoid(z);
    case Activation::Softmax: return softmax(z);
  }
  return z;
}

// The ops' own forward functions, without a tape: predictions and metrics compute exactly what a
// training step computes (same tanh, same overflow-safe sigmoid and softmax).
void applyActivation(Activation a, const Matrix& z, Matrix& out, double leakySlope) {
  Op op = Op::Relu;
  switch (a) {
    case Activation::Linear: out = z; return;
    case Activation::Relu: op = Op::Relu; break;
    case Activation::LeakyRelu: op = Op::LeakyRelu; break;
    case Activation::Tanh: op = Op::Tanh; break;
    case Activation::Sigmoid: op = Op::Sigmoid; break;
    case Activation::Softmax: op = Op::Softmax; break;
  }
  static const Matrix kNone;  // the "b" of a unary op
  out.resize(z.rows(), z.cols());
  opInfo(op).forward(z, kNone, leakySlope, out);
}

void Network::record(Tape& tape, const Matrix& input, ForwardRecord& out, bool labels, bool withOutput) const {
  out.weights.clear();
  out.biases.clear();
  out.affine.clear();
  out.activated.clear();
  out.input = tape.constant(input, labels ? "X" : "");
  Var a = out.input;
  const int n = layerCount();
  for (int l = 0; l < n; ++l) {
    const DenseLayer& layer = layers_[static_cast<std::size_t>(l)];
    const std::string num = labels ? std::to_string(l + 1) : std::string();
    Var w = tape.variable(layer.weight, labels ? "W" + num : "");
    Var b = tape.variable(layer.bias, labels ? "b" + num : "");
    Var product = matmul(w, a);
    Var z = addBias(product, b);
    out.weights.push_back(w);
    out.biases.push_back(b);
    out.affine.push_back(z);
    const bool last = l + 1 == n;
    Var act = z;
    if (!last || withOutput) act = applyActivation(layer.activation, z, leakySlope_);
    if (labels) {
      const std::string scope = "layer " + num + " / ";
      tape.setLabel(product, scope + "W" + num + " a" + std::to_string(l));
      tape.setLabel(z, scope + "affine");
      if (act.id != z.id) tape.setLabel(act, scope + activationName(layer.activation) + (last ? " (prediction)" : ""));
    }
    out.activated.push_back(act);
    a = act;
  }
  out.logits = out.affine.back();
  out.output = out.activated.back();
}

void Network::predict(const Matrix& input, Matrix& out, bool logits) const {
  Index widest = input.rows();
  for (const DenseLayer& layer : layers_) widest = std::max(widest, layer.weight.rows());
  const Index chunk = std::max<Index>(1, kMaxActivations / std::max<Index>(1, widest));
  out.resize(outputs(), input.cols());
  Matrix a, z;
  for (Index start = 0; start < input.cols(); start += chunk) {
    const Index n = std::min(chunk, input.cols() - start);
    a = input.middleCols(start, n);
    for (std::size_t l = 0; l < layers_.size(); ++l) {
      z.noalias() = layers_[l].weight * a;
      z.colwise() += layers_[l].bias.col(0);
      if (logits && l + 1 == layers_.size()) a = z;
      else applyActivation(layers_[l].activation, z, a, leakySlope_);
    }
    out.middleCols(start, n) = a;
  }
}

void Network::activations(const Matrix& input, std::vector<Matrix>& out) const {
  out.assign(layers_.size() + 1, Matrix());
  out[0] = input;
  Matrix z;
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    z.noalias() = layers_[l].weight * out[l];
    z.colwise() += layers_[l].bias.col(0);
    applyActivation(layers_[l].activation, z, out[l + 1], leakySlope_);
  }
}

void checkLayer(const Network& net, int layer, const char* what) {
  if (layer < 0 || layer >= net.layerCount()) {
    throw std::invalid_argument(std::string(what) + ": layer " + std::to_string(layer) + " does not exist (layers 0 to " +
                                std::to_string(net.layerCount() - 1) + ")");
  }
}

}  // namespace mc::nn
