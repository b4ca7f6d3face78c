#pragma once
// The calculator's request (fields documented in calculator.cpp), read and validated once: every bad
// field is refused with a message that names it and says what to write instead.
#include "autodiff/fd_check.hpp"
#include "core/matrix.hpp"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <vector>

namespace mc::expr {

struct CalculatorRequest {
  std::string source;
  std::string output;
  std::vector<std::string> wrt;
  bool hasOutput = false, hasWrt = false;
  std::string mode = "both";
  bool check = true;
  double step = kFdStep;
  bool graph = true;
  bool trace = false;
  bool symbolic = true;
  bool hessian = false;
  Index traceEntry = 0;
  std::map<std::string, Matrix> values;
};

// Throws std::invalid_argument("request: ...") naming the field at fault.
CalculatorRequest readRequest(const nlohmann::json& j);

// The request's error: std::invalid_argument with "request: " before what.
[[noreturn]] void badRequest(const std::string& what);

}  // namespace mc::expr
