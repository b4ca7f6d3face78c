#pragma once
// Compares a trace with its golden file: structure exactly (keys, array lengths, strings, booleans,
// integers), numbers within a tolerance. Finite-difference results (under "gradientCheck") are compared
// loosely: central differences cancel about ten digits, so their last digits differ between builds.
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace golden {

struct Tolerance {
  double tight = 1e-12;  // relative to max(1, |a|, |b|)
  double loose = 1e-8;   // absolute, for finite differences
};

// Appends one line per difference, naming the JSON path.
inline void compare(const nlohmann::json& expected, const nlohmann::json& actual, const std::string& path,
                    bool loose, const Tolerance& tol, std::vector<std::string>& out) {
  if (out.size() > 20) return;
  if (expected.is_number() && actual.is_number()) {
    const double a = expected.get<double>(), b = actual.get<double>();
    const bool integral = expected.is_number_integer() && actual.is_number_integer();
    const double allowed = loose ? tol.loose : tol.tight * std::max({1.0, std::abs(a), std::abs(b)});
    if (integral ? a != b : !(std::abs(a - b) <= allowed)) {
      out.push_back(path + ": expected " + expected.dump() + ", got " + actual.dump());
    }
    return;
  }
  if (expected.type() != actual.type()) {
    out.push_back(path + ": expected " + std::string(expected.type_name()) + ", got " + actual.type_name());
    return;
  }
  if (expected.is_object()) {
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      if (!actual.contains(it.key())) out.push_back(path + "/" + it.key() + ": missing");
      else compare(*it, actual.at(it.key()), path + "/" + it.key(), loose || it.key() == "gradientCheck", tol, out);
    }
    for (auto it = actual.begin(); it != actual.end(); ++it) {
      if (!expected.contains(it.key())) out.push_back(path + "/" + it.key() + ": not in the golden file");
    }
  } else if (expected.is_array()) {
    if (expected.size() != actual.size()) {
      out.push_back(path + ": expected " + std::to_string(expected.size()) + " entries, got " + std::to_string(actual.size()));
      return;
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
      // Which entry finite-difference noise makes the worst is itself noise: only its shape is pinned.
      if (loose && path.size() >= 11 && path.compare(path.size() - 11, 11, "/worstEntry") == 0) continue;
      compare(expected[i], actual[i], path + "/" + std::to_string(i), loose, tol, out);
    }
  } else if (expected != actual) {
    out.push_back(path + ": expected " + expected.dump() + ", got " + actual.dump());
  }
}

inline std::vector<std::string> differences(const nlohmann::json& expected, const nlohmann::json& actual,
                                            const Tolerance& tol = {}) {
  std::vector<std::string> out;
  compare(expected, actual, "", false, tol, out);
  return out;
}

}  // namespace golden
