#pragma once
// An op = forward + one vector-Jacobian product per input + forward-mode tangent + the explicit local
// Jacobian(s) for teaching and tests + the paper rule it illustrates. Ops are rows of one table
// (registry.cpp); each row is defined beside its maths in elementwise.cpp, linear_algebra.cpp,
// reductions.cpp, losses.cpp or
// matrix_functions.cpp. Adding an op: one enum entry, one table row, one test row.
//
// Calling convention, the same for every op (a = first input, b = second input or an empty matrix,
// p = the op's constant, y = the output):
//   shape(a, b, p)            -> the output shape; throws ShapeError naming the op and both shapes
//   forward(a, b, p, y)       y has been sized by shape(); writes y
//   vjp(k, args, gy, g)       g += (dy / d input_k)^T gy, reshaped: g has the shape of input k
//   jvp(args, ta, tb, ty)     ty = J_a ta + J_b tb (tangents shaped like a, b and y; tb empty if unary)
//   jacobian(k, args)         d vec(y) / d vec(input_k), numerator layout: size(y) x size(input_k)
#include "core/matrix.hpp"
#include "core/rules.hpp"

#include <cstdint>
#include <utility>

namespace mc {

enum class Op : std::uint8_t {
  Variable,  // leaf with a gradient
  Constant,  // leaf without one
  // element-wise binary (same shapes)
  Add, Sub, Mul, Div,
  // scalar expansion: matrix (first input) with a 1x1 variable (second input)
  AddScalar, MulScalar,
  // element-wise unary; p is the op's constant where it has one
  Neg, AddConst, Scale, Exp, Log, Pow, Square, Sqrt, Sin, Cos, Tanh, Sigmoid, Relu, LeakyRelu, Abs,
  // a 0/1 mask: 1 where the input is > 0 (the language's a > b is step(a - b)); its derivative is 0
  Step,
  // linear algebra
  MatMul, Transpose, Dot, AddBias,
  // building vectors from pieces: vertical concatenation [a; b] (equal column counts)
  Stack,
  // reductions
  Sum, Mean, SumRows, SumCols,
  // columns as distributions, and losses (fused where numerics demand it)
  Softmax, Mse, BceWithLogits, SoftmaxCrossEntropy,
  // functions of a whole matrix (matrix_functions.cpp): det, log|det|, inverse, Kronecker product, vec
  Det, Logdet, Inverse, Kron, Vec,
  Count
};

struct OpArgs {
  const Matrix& a;
  const Matrix& b;
  double p;
  const Matrix& y;
};

struct OpInfo {
  const char* name;
  int arity;
  Rule rule;
  std::pair<Index, Index> (*shape)(const Matrix& a, const Matrix& b, double p);
  void (*forward)(const Matrix& a, const Matrix& b, double p, Matrix& y);
  void (*vjp)(int input, const OpArgs& args, const Matrix& gy, Matrix& g);
  void (*jvp)(const OpArgs& args, const Matrix& ta, const Matrix& tb, Matrix& ty);
  Matrix (*jacobian)(int input, const OpArgs& args);
};

const OpInfo& opInfo(Op op);

// "<op>: (2x3) <verb> (2x1): <reason>", the one format of every shape error.
[[noreturn]] void throwShapeError(const char* op, const Matrix& a, const char* verb, const Matrix& b,
                                  const char* reason);
[[noreturn]] void throwShapeError(const char* op, const Matrix& a, const char* reason);

}  // namespace mc
