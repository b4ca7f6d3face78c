#pragma once
// The calculator's closed-form answer (the SymbolicHook of expr/calculator.hpp):
//   symbolic {text, latex, shape, layout, where [{name, text, latex}], numerator {text, latex},
//     denominator {text, latex, note}, steps [{rule, latex, text, lesson, lessonItem}],
//     tree {where [[name, tree]], value, derivative}: the closed forms as trees {k, r, c, a, v} (the page
//     prints them as NumPy and PyTorch code),
//     check {points, maxRelError, maxRelErrorNumeric, passed, userPoint, note}}
//   or null with symbolicUnavailable (why);
//   hessian (scalar outputs, "hessian": true) {value, shape, symbolic {text, latex} | null,
//     symbolicUnavailable?, check {directions, maxRelError, passed}}.
// text is the calculator's language in the layout of derivative.value (the gradient shaped like the
// variable, or the m x n Jacobian), so pasted back as the program's last line it gives its numbers.
#include "expr/compiler.hpp"

#include <nlohmann/json_fwd.hpp>

#include <vector>

namespace mc::sym {

void addSymbolic(Tape& tape, const expr::Compiled& compiled, Var output, const std::vector<const expr::Binding*>& wrts,
                 bool hessian, nlohmann::json& answer);

}  // namespace mc::sym
