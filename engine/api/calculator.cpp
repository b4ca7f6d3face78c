#include "api/calculator.hpp"

#include "expr/calculator.hpp"

namespace mc::api {

std::string calculate(const std::string& requestJson) { return expr::calculateText(requestJson); }

}  // namespace mc::api
