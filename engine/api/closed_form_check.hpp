#pragma once
// A closed form written in the calculator's language, compared by the engine with the derivative it
// computed (the lessons put the paper's formula beside the engine's answer this way). Request field:
//   closedForm {text: "6x y", definitions: ["m = z > 0", ...]}   (definitions optional, at most 16; each
//   a line "name = expression", the text one line too)
// evaluated at the request's point, after the program and the definitions. Answer field:
//   closedForm {text, value {rows, cols, data}, shape {rows, cols}, jacobianShape {rows, cols},
//     definitions [{name, text, value}], tolerance, maxDifference, passed, why}
// compared with derivative.jacobian (numerator layout, m x n, as the paper writes its closed forms):
// entries agree when |engine - closed| <= tolerance * max(1, |closed|) (both are exact formulas, evaluated
// in floating point; they differ only by rounding in a different order). A closed form the calculator
// refuses gives passed false, error (the calculator's message, its line counted through the program, the
// definitions and the text) and why (the same, naming which of them that line is); the rest of the
// answer stays.
#include <nlohmann/json_fwd.hpp>

namespace mc::api {

constexpr double kClosedFormTolerance = 1e-9;

// request: the calculator request without closedForm; spec: its closedForm; answer: the calculator's
// answer to request (with derivative). Throws std::invalid_argument on a malformed spec.
nlohmann::json checkClosedForm(const nlohmann::json& request, const nlohmann::json& spec, const nlohmann::json& answer);

}  // namespace mc::api
