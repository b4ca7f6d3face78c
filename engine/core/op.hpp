#pragma once
// What an op is, as core sees it: the Op enum (one entry per line of core/op_list.def) and the row type
// OpInfo that holds every fact of an op. The tape stores a pointer to each node's row and calls it; the
// rows themselves, and the table that finds a row by its Op, live in engine/ops (ops/op.hpp), which
// depends on core and never the other way round.
//
// An op row holds every fact of the op: forward, VJP per input, forward-mode tangent, the explicit local
// Jacobian(s) for teaching and tests, the Jacobian's structure as the paper names it, the paper rule it
// illustrates, its name and arity in the calculator's language and its constant, if it has one. The rows
// form one table (registry.cpp, in the order of core/op_list.def); each row is made beside its maths in
// elementwise.cpp, linear_algebra.cpp, reductions.cpp or losses.cpp. Adding an op: one MC_OP line in
// core/op_list.def, its row, one test row. The calculator's function table, its constant folding, the
// trace's structure text and the page's list of functions are all read from the rows.
//
// Calling convention, the same for every op (a = first input, b = second input or an empty matrix,
// p = the op's constant, y = the output):
//   shape(a, b, p)            -> the output shape; throws ShapeError naming the op and both shapes
//   forward(a, b, p, y)       y has been sized by shape(); writes y
//   vjp(k, args, gy, g)       g += (dy / d input_k)^T gy, reshaped: g has the shape of input k
//   jvp(args, ta, tb, ty)     ty = J_a ta + J_b tb (tangents shaped like a, b and y; tb empty if unary)
//   jacobian(k, args)         d vec(y) / d vec(input_k), numerator layout: size(y) x size(input_k)
//   structure(k, args)        the same Jacobian described (kind, LaTeX, words, the numbers it needs)
#include "core/jacobian_structure.hpp"
#include "core/matrix.hpp"
#include "core/rules.hpp"

#include <cstdint>
#include <utility>

namespace mc {

enum class Op : std::uint8_t {
  Variable,  // leaf with a gradient
  Constant,  // leaf without one
#define MC_OP(name) name,
#include "core/op_list.def"
#undef MC_OP
  Count
};

struct OpArgs {
  const Matrix& a;
  const Matrix& b;
  double p;
  const Matrix& y;
};

struct OpInfo {
  const char* name;  // readable, used in messages and the trace ("leaky relu")
  int arity;
  Rule rule;         // the paper's rule the op illustrates
  std::pair<Index, Index> (*shape)(const Matrix& a, const Matrix& b, double p);
  void (*forward)(const Matrix& a, const Matrix& b, double p, Matrix& y);
  void (*vjp)(int input, const OpArgs& args, const Matrix& gy, Matrix& g);
  void (*jvp)(const OpArgs& args, const Matrix& ta, const Matrix& tb, Matrix& ty);
  Matrix (*jacobian)(int input, const OpArgs& args);
  JacobianStructure (*structure)(int input, const OpArgs& args);
  // Bit k set: d y / d input k is diagonal (the op works entry by entry on input k).
  unsigned diagonalInputs;
  // The calculator language: the function's name (called with `arity` arguments) and one line of help;
  // nullptr when the language reaches the op through an operator or not at all.
  const char* function;
  const char* summary;
  // The op's constant p, in words ("the exponent"); nullptr when the op has none.
  const char* parameter;
  // The derivative jumps somewhere (relu at 0): finite differences there are not a fair check.
  bool kink;
  Op op;  // this row's own entry, set by the table
};

}  // namespace mc
