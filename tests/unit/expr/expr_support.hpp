#pragma once
// Helpers for the expression tests: run the calculator on a program and read matrices back.
#include "core/matrix.hpp"
#include "expr/calculator.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace mc::test {

using nlohmann::json;

// calculate() on source with the extra request fields; throws what calculate throws.
inline json calc(const std::string& source, json extra = json::object()) {
  extra["source"] = source;
  return mc::expr::calculate(extra);
}

// A matrix of the answer, {rows, cols, data}.
inline Matrix toMatrix(const json& matrix) {
  const json& rows = matrix.at("data");
  REQUIRE(matrix.at("rows") == rows.size());
  Matrix m(static_cast<Index>(rows.size()), static_cast<Index>(rows.at(0).size()));
  for (Index r = 0; r < m.rows(); ++r)
    for (Index c = 0; c < m.cols(); ++c) m(r, c) = rows.at(r).at(c).get<double>();
  return m;
}

inline Matrix jacobianOf(const json& result) { return toMatrix(result.at("derivative").at("jacobian")); }
inline Matrix derivativeOf(const json& result) { return toMatrix(result.at("derivative").at("value")); }
inline Matrix valueOf(const json& result) { return toMatrix(result.at("output").at("value")); }

// Every entry within tol * max(1, |expected|): the engine against a closed form.
inline void checkClose(const Matrix& actual, const Matrix& expected, double tol = 1e-12) {
  REQUIRE(actual.rows() == expected.rows());
  REQUIRE(actual.cols() == expected.cols());
  for (Index r = 0; r < expected.rows(); ++r) {
    for (Index c = 0; c < expected.cols(); ++c) {
      CAPTURE(r, c, actual(r, c), expected(r, c));
      CHECK(std::abs(actual(r, c) - expected(r, c)) <= tol * std::max(1.0, std::abs(expected(r, c))));
    }
  }
}

inline Matrix col(std::initializer_list<double> xs) {
  Matrix m(static_cast<Index>(xs.size()), 1);
  Index i = 0;
  for (double x : xs) m(i++, 0) = x;
  return m;
}

inline Matrix scalar(double x) { return Matrix::Constant(1, 1, x); }

}  // namespace mc::test
