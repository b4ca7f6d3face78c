#pragma once
// The config's named choices and numeric ranges, one row each: the parser (config.cpp) checks values
// against them and configSchema() (config_schema.cpp) publishes them, so the two cannot disagree.
#include "nn/config.hpp"

namespace mc::nn::fields {

template <class E>
struct Named {
  const char* name;
  E value;
};

inline constexpr Named<Activation> kActivations[] = {{"linear", Activation::Linear}, {"relu", Activation::Relu},
                                                     {"leaky_relu", Activation::LeakyRelu}, {"tanh", Activation::Tanh},
                                                     {"sigmoid", Activation::Sigmoid}, {"softmax", Activation::Softmax}};
inline constexpr Named<Loss> kLosses[] = {{"mse", Loss::Mse}, {"bce", Loss::Bce},
                                          {"softmax_cross_entropy", Loss::SoftmaxCrossEntropy}};
inline constexpr Named<OptimizerKind> kOptimizers[] = {
    {"sgd", OptimizerKind::Sgd}, {"momentum", OptimizerKind::Momentum}, {"adam", OptimizerKind::Adam}};
inline constexpr Named<Regularization> kRegularizations[] = {
    {"none", Regularization::None}, {"l1", Regularization::L1}, {"l2", Regularization::L2}};
inline constexpr Named<Init> kInits[] = {{"uniform", Init::Uniform}, {"xavier", Init::Xavier}, {"he", Init::He}};
inline constexpr Named<Feature> kFeatures[] = {{"x", Feature::X},   {"y", Feature::Y},       {"x2", Feature::X2},
                                               {"y2", Feature::Y2}, {"xy", Feature::XY},     {"sinx", Feature::SinX},
                                               {"siny", Feature::SinY}};

// A closed range [lo, hi], or (lo, hi] when loOpen; `allowed` says it in words for error messages.
struct Range {
  double lo;
  double hi;
  bool loOpen;
  const char* allowed;
};

inline constexpr Range kLearningRate{0, 10, true, "a number above 0, at most 10"};
inline constexpr Range kBelowOne{0, 0.999999, false, "a number from 0 to below 1"};  // momentum, beta1, beta2
inline constexpr Range kEpsilon{0, 1, true, "a number above 0, at most 1"};
inline constexpr Range kRegularizationRate{0, 10, false, "a number from 0 to 10"};
inline constexpr Range kUnitInterval{0, 1, false, "a number from 0 to 1"};  // noise, leaky_slope
inline constexpr Range kTrainFraction{0, 1, true, "a number above 0, at most 1"};

}  // namespace mc::nn::fields
