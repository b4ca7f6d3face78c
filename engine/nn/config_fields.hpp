#pragma once
// The config's numeric ranges, one row each, and its named choices (enum_json.hpp): the parser
// (config.cpp) checks values against them and configSchema() (config_schema.cpp) publishes them, so
// the two cannot disagree.
#include "nn/config.hpp"
#include "nn/enum_json.hpp"

namespace mc::nn::fields {

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
