#pragma once
// The op table: opInfo(op) is op's row (core/op.hpp says what a row holds; registry.cpp holds the table).
// Every row is made beside its maths in elementwise.cpp, linear_algebra.cpp, reductions.cpp or losses.cpp.
#include "core/op.hpp"
#include "core/tape.hpp"

namespace mc {

const OpInfo& opInfo(Op op);

// Records op on a's tape (a and b must be on the same tape); checks shapes first.
inline Var apply(Op op, Var a, Var b = {}, double param = 0) {
  if (!a.valid()) throw std::invalid_argument(std::string(opInfo(op).name) + ": operand is not on a tape");
  return a.tape->apply(opInfo(op), a, b, param);
}

// "<op>: (2x3) <verb> (2x1): <reason>", the one format of every shape error.
[[noreturn]] void throwShapeError(const char* op, const Matrix& a, const char* verb, const Matrix& b,
                                  const char* reason);
[[noreturn]] void throwShapeError(const char* op, const Matrix& a, const char* reason);

}  // namespace mc
