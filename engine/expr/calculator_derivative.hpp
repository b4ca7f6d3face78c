#pragma once
// The calculator's answer about the derivative: the Jacobian or gradient with its layout in words
// ("derivative"), reverse against forward mode ("modes") and the finite-difference check ("check"),
// each an answer field documented in calculator.cpp.
#include "core/tape.hpp"
#include "expr/calculator_request.hpp"
#include "expr/compiler.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace mc::expr {

// Adds "derivative", "modes" and (with request.check) "check" to answer for output y (named outName)
// by the variables wrts (at least one), and appends to warnings. Refuses work beyond kMaxWork.
void addDerivative(Tape& tape, const CalculatorRequest& request, Var y, const std::string& outName,
                   const std::vector<const Binding*>& wrts, nlohmann::json& answer, nlohmann::json& warnings);

}  // namespace mc::expr
