#pragma once
// The calculator: a request (JSON) in, the value, derivative, mode comparison, finite-difference check
// and tape graph of one output with respect to one variable out (JSON). See calculator.cpp for the
// fields. Errors come back as {"error": message} (plus "position" for an error in the program text);
// nothing throws out of calculateText.
#include "core/tape.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace mc::expr {

constexpr int kMaxSourceLength = 50000;

// Throws std::invalid_argument (ExprError for the program text) on a bad request.
nlohmann::json calculate(const nlohmann::json& request);

// String in, string out; never throws: a malformed request gives {"error": ...}.
std::string calculateText(const std::string& requestJson);

}  // namespace mc::expr
