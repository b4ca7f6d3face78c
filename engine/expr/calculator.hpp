#pragma once
// The calculator: a request (JSON) in, the value, derivative, mode comparison, finite-difference check
// and tape graph of one output with respect to one variable out (JSON). See calculator.cpp for the
// fields. Errors come back as {"error": message} (plus "position" for an error in the program text);
// nothing throws out of calculateText.
#include "core/tape.hpp"

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <string>

namespace mc::expr {

constexpr int kMaxSourceLength = 50000;

// Adds the step-trace view of the recorded program to the answer (request "trace": true): the backward
// pass from entry `entry` (vec order) of `output`. Given by the api facade, which links the trace
// module; this module depends on core only.
using TraceHook = std::function<void(Tape& tape, Var output, Index entry, nlohmann::json& answer)>;

// Throws std::invalid_argument (ExprError for the program text) on a bad request.
nlohmann::json calculate(const nlohmann::json& request, const TraceHook& trace = {});

// String in, string out; never throws: a malformed request gives {"error": ...}.
std::string calculateText(const std::string& requestJson, const TraceHook& trace = {});

}  // namespace mc::expr
