#include "ops/functions.hpp"

namespace mc {

namespace {
Tape& tapeOf(Var a, const char* op) {
  if (!a.valid()) throw std::invalid_argument(std::string(op) + ": operand is not on a tape");
  return *a.tape;
}
Tape& tapeOf(Var a, Var b, const char* op) {
  Tape& t = tapeOf(a, op);
  if (b.tape != a.tape) throw std::invalid_argument(std::string(op) + ": operands are on different tapes");
  return t;
}

// Element-wise op, or scalar expansion when exactly one side is 1x1 (the matrix goes first).
Var elementwiseOrExpand(Op same, Op expand, Var a, Var b, const char* op) {
  Tape& t = tapeOf(a, b, op);
  const bool sa = isScalar(a.value()), sb = isScalar(b.value());
  if (sb && !sa) return t.apply(opInfo(expand), a, b);
  if (sa && !sb) return t.apply(opInfo(expand), b, a);
  return t.apply(opInfo(same), a, b);
}
}  // namespace

Var operator+(Var a, Var b) { return elementwiseOrExpand(Op::Add, Op::AddScalar, a, b, "add"); }
Var operator*(Var a, Var b) { return elementwiseOrExpand(Op::Mul, Op::MulScalar, a, b, "mul"); }
Var operator-(Var a, Var b) {
  Tape& t = tapeOf(a, b, "sub");
  if (isScalar(a.value()) != isScalar(b.value())) return a + (-b);
  return t.apply(opInfo(Op::Sub), a, b);
}
Var operator/(Var a, Var b) {
  Tape& t = tapeOf(a, b, "div");
  if (isScalar(b.value()) && !isScalar(a.value())) return a * pow(b, -1);
  if (isScalar(a.value()) && !isScalar(b.value())) return pow(b, -1) * a;
  return t.apply(opInfo(Op::Div), a, b);
}
Var operator-(Var a) { return tapeOf(a, "neg").apply(opInfo(Op::Neg), a); }
Var operator+(Var a, double c) { return tapeOf(a, "add constant").apply(opInfo(Op::AddConst), a, {}, c); }
Var operator+(double c, Var a) { return a + c; }
Var operator-(Var a, double c) { return a + (-c); }
Var operator-(double c, Var a) { return (-a) + c; }
Var operator*(Var a, double c) { return tapeOf(a, "scale").apply(opInfo(Op::Scale), a, {}, c); }
Var operator*(double c, Var a) { return a * c; }
Var operator/(Var a, double c) { return a * (1.0 / c); }
Var operator/(double c, Var a) { return pow(a, -1) * c; }

Var matmul(Var a, Var b) { return tapeOf(a, b, "matmul").apply(opInfo(Op::MatMul), a, b); }
Var transpose(Var a) { return tapeOf(a, "transpose").apply(opInfo(Op::Transpose), a); }
Var dot(Var a, Var b) { return tapeOf(a, b, "dot").apply(opInfo(Op::Dot), a, b); }
Var addBias(Var a, Var bias) { return tapeOf(a, bias, "add bias").apply(opInfo(Op::AddBias), a, bias); }
Var stack(Var a, Var b) { return tapeOf(a, b, "stack").apply(opInfo(Op::Stack), a, b); }

Var sum(Var a) { return tapeOf(a, "sum").apply(opInfo(Op::Sum), a); }
Var mean(Var a) { return tapeOf(a, "mean").apply(opInfo(Op::Mean), a); }
Var sumRows(Var a) { return tapeOf(a, "sum rows").apply(opInfo(Op::SumRows), a); }
Var sumCols(Var a) { return tapeOf(a, "sum columns").apply(opInfo(Op::SumCols), a); }

Var exp(Var a) { return tapeOf(a, "exp").apply(opInfo(Op::Exp), a); }
Var log(Var a) { return tapeOf(a, "log").apply(opInfo(Op::Log), a); }
Var pow(Var a, double exponent) { return tapeOf(a, "pow").apply(opInfo(Op::Pow), a, {}, exponent); }
Var square(Var a) { return tapeOf(a, "square").apply(opInfo(Op::Square), a); }
Var sqrt(Var a) { return tapeOf(a, "sqrt").apply(opInfo(Op::Sqrt), a); }
Var sin(Var a) { return tapeOf(a, "sin").apply(opInfo(Op::Sin), a); }
Var cos(Var a) { return tapeOf(a, "cos").apply(opInfo(Op::Cos), a); }
Var tanh(Var a) { return tapeOf(a, "tanh").apply(opInfo(Op::Tanh), a); }
Var sigmoid(Var a) { return tapeOf(a, "sigmoid").apply(opInfo(Op::Sigmoid), a); }
Var relu(Var a) { return tapeOf(a, "relu").apply(opInfo(Op::Relu), a); }
Var leakyRelu(Var a, double slope) { return tapeOf(a, "leaky relu").apply(opInfo(Op::LeakyRelu), a, {}, slope); }
Var abs(Var a) { return tapeOf(a, "abs").apply(opInfo(Op::Abs), a); }
Var softmax(Var a) { return tapeOf(a, "softmax").apply(opInfo(Op::Softmax), a); }

Var mse(Var prediction, Var target) { return tapeOf(prediction, target, "mse").apply(opInfo(Op::Mse), prediction, target); }
Var binaryCrossEntropyWithLogits(Var logits, Var target) {
  return tapeOf(logits, target, "binary cross-entropy").apply(opInfo(Op::BceWithLogits), logits, target);
}
Var softmaxCrossEntropy(Var logits, Var target) {
  return tapeOf(logits, target, "softmax cross-entropy").apply(opInfo(Op::SoftmaxCrossEntropy), logits, target);
}

}  // namespace mc
