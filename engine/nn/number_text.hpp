#pragma once
// A number for a message: "nan", "inf", "-inf" or the shortest readable form (internal to nn).
#include <cmath>
#include <sstream>
#include <string>

namespace mc::nn {

inline std::string numberText(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace mc::nn
