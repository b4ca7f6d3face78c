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
#include <vector>

namespace mc::expr {

constexpr int kMaxSourceLength = 50000;

// Adds the closed form (answer "symbolic", "symbolicUnavailable") and, with hessian, the Hessian
// (answer "hessian") of output by the variables wrts. Given by the api facade, which links the
// symbolic module (it depends on this one); without it the answer says the closed form is unavailable.
using SymbolicHook = std::function<void(Tape& tape, const Compiled& compiled, Var output,
                                        const std::vector<const Binding*>& wrts, bool hessian, nlohmann::json& answer)>;

// Throws std::invalid_argument (ExprError for the program text) on a bad request.
nlohmann::json calculate(const nlohmann::json& request, const SymbolicHook& symbolic = {});

// String in, string out; never throws: a malformed request gives {"error": ...}.
std::string calculateText(const std::string& requestJson, const SymbolicHook& symbolic = {});

}  // namespace mc::expr
