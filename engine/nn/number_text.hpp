#pragma once
// A number for a message: "nan", "inf", "-inf" or the shortest readable form (internal to nn).
// snprintf "%g" is what `ostream << double` prints by default (6 significant digits); it avoids
// pulling libc++'s iostreams and locales (~30 KB gzip) into the WebAssembly module.
#include <cmath>
#include <cstdio>
#include <string>

namespace mc::nn {

inline std::string numberText(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%g", v);
  return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
}

}  // namespace mc::nn
