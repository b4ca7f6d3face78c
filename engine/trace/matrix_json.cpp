#include "trace/matrix_json.hpp"

#include "core/bounded_json.hpp"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace mc::trace {

nlohmann::json finiteOrNull(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json matrixJson(const Matrix& m) {
  nlohmann::json data = nlohmann::json::array();
  for (Index r = 0; r < m.rows(); ++r) {
    nlohmann::json row = nlohmann::json::array();
    for (Index c = 0; c < m.cols(); ++c) {
      row.push_back(finiteOrNull(m(r, c)));
    }
    data.push_back(std::move(row));
  }
  return nlohmann::json{{"rows", m.rows()}, {"cols", m.cols()}, {"data", std::move(data)}};
}

Matrix matrixFromJson(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("rows") || !j.contains("cols") || !j.contains("data")) {
    throw std::invalid_argument("matrixFromJson: expected {rows, cols, data}, got " + describeJson(j));
  }
  for (const char* key : {"rows", "cols"}) {
    if (!j.at(key).is_number_integer() || j.at(key).get<long long>() < 0) {
      throw std::invalid_argument(std::string("matrixFromJson: ") + key + " must be a whole number from 0, got " +
                                  describeJson(j.at(key)));
    }
  }
  const Index rows = j.at("rows").get<Index>(), cols = j.at("cols").get<Index>();
  const nlohmann::json& data = j.at("data");
  if (!data.is_array() || static_cast<Index>(data.size()) != rows) {
    throw std::invalid_argument("matrixFromJson: data has " + std::to_string(data.size()) + " rows, expected " +
                                std::to_string(rows));
  }
  Matrix m(rows, cols);
  for (Index r = 0; r < rows; ++r) {
    const nlohmann::json& row = data[static_cast<std::size_t>(r)];
    if (!row.is_array() || static_cast<Index>(row.size()) != cols) {
      throw std::invalid_argument("matrixFromJson: row " + std::to_string(r) + " does not have " +
                                  std::to_string(cols) + " entries");
    }
    for (Index c = 0; c < cols; ++c) {
      const nlohmann::json& v = row[static_cast<std::size_t>(c)];
      m(r, c) = v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>();
    }
  }
  return m;
}

}  // namespace mc::trace
