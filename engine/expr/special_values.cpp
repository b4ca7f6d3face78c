#include "expr/special_values.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace mc::expr {

nlohmann::json nonFiniteEntries(const Matrix& m) {
  nlohmann::json out = nlohmann::json::array();
  for (Index c = 0; c < m.cols(); ++c) {
    for (Index r = 0; r < m.rows(); ++r) {
      const double v = m(r, c);
      if (std::isfinite(v)) continue;
      out.push_back({{"row", r}, {"col", c}, {"value", std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf"}});
    }
  }
  return out;
}

std::string nonFiniteWords(const Matrix& m) {
  bool plus = false, minus = false, nan = false;
  for (Index k = 0; k < m.size(); ++k) {
    const double v = m.data()[k];
    plus |= v == HUGE_VAL;
    minus |= v == -HUGE_VAL;
    nan |= std::isnan(v);
  }
  std::string out;
  const auto add = [&](bool on, const char* word) {
    if (on) out += (out.empty() ? "" : " and ") + std::string(word);
  };
  add(minus, "-\u221e");
  add(plus, "+\u221e");
  add(nan, "NaN (undefined)");
  return out;
}

bool sameValues(const Matrix& a, const Matrix& b, double tol, double& maxDifference) {
  maxDifference = 0;
  double scale = 1;
  for (Index k = 0; k < a.size(); ++k) {
    if (std::isfinite(a.data()[k])) scale = std::max(scale, std::abs(a.data()[k]));
  }
  bool same = true;
  for (Index k = 0; k < a.size(); ++k) {
    const double x = a.data()[k], y = b.data()[k];
    if (std::isfinite(x) && std::isfinite(y)) {
      maxDifference = std::max(maxDifference, std::abs(x - y));
    } else if (!((std::isnan(x) && std::isnan(y)) || x == y)) {
      same = false;
    }
  }
  return same && maxDifference <= tol * scale;
}

}  // namespace mc::expr
