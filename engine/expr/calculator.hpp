#pragma once
// The calculator: a request (JSON) in, the value, derivative, mode comparison, finite-difference check
// and tape graph of one output with respect to one variable out (JSON). See calculator.cpp for the
// fields. Errors come back as {"error": message} (plus "position" for an error in the program text);
// nothing throws out of calculateText.
#include "core/tape.hpp"
#include "expr/compiler.hpp"

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <string>

namespace mc::expr {

constexpr int kMaxSourceLength = 50000;

// Adds the step-trace view of the recorded program to the answer (request "trace": true): the backward
// pass from entry `entry` (vec order) of `output`. Given by the api facade, which links the trace
// module; this module depends on core only.
using TraceHook = std::function<void(Tape& tape, Var output, Index entry, nlohmann::json& answer)>;

// Adds the closed form (answer "symbolic", "symbolicUnavailable") and, with hessian, the Hessian
// (answer "hessian") of output by the variables wrts. Given by the api facade, which links the
// symbolic module; without it the answer says the closed form is unavailable.
using SymbolicHook = std::function<void(Tape& tape, const Compiled& compiled, Var output,
                                        const std::vector<const Binding*>& wrts, bool hessian, nlohmann::json& answer)>;

struct Hooks {
  Hooks() = default;
  Hooks(TraceHook t, SymbolicHook s = {}) : trace(std::move(t)), symbolic(std::move(s)) {}  // NOLINT: implicit
  TraceHook trace;
  SymbolicHook symbolic;
};

// Throws std::invalid_argument (ExprError for the program text) on a bad request.
nlohmann::json calculate(const nlohmann::json& request, const Hooks& hooks = {});

// String in, string out; never throws: a malformed request gives {"error": ...}.
std::string calculateText(const std::string& requestJson, const Hooks& hooks = {});

}  // namespace mc::expr
