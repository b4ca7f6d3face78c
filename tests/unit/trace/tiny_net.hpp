#pragma once
// A 2-2-1 network written directly with engine ops (tanh hidden layer, sigmoid output, MSE), with fixed
// weights, labelled as the nn module labels its nodes. Shared by the trace tests and the golden file.
#include "mc.hpp"

namespace tiny {

struct Net {
  mc::Var x, y, w1, b1, w2, b2;
  mc::Var a1, z1, h1, a2, z2, out, loss;
};

// batch columns of inputs; the first column is (0.05, 0.10) with target 0.01.
inline Net build(mc::Tape& t, int batch = 1, double l2 = 0) {
  using namespace mc;
  Matrix x(2, batch), y(1, batch);
  for (int c = 0; c < batch; ++c) {
    x(0, c) = 0.05 + 0.3 * c;
    x(1, c) = 0.10 - 0.2 * c;
    y(0, c) = c % 2 == 0 ? 0.01 : 0.99;
  }
  Net n;
  n.x = t.constant(x, "X");
  n.y = t.constant(y, "Y");
  n.w1 = t.variable((Matrix(2, 2) << 0.15, 0.20, 0.25, 0.30).finished(), "W1");
  n.b1 = t.variable((Matrix(2, 1) << 0.35, 0.35).finished(), "b1");
  n.w2 = t.variable((Matrix(1, 2) << 0.40, 0.45).finished(), "W2");
  n.b2 = t.variable(Matrix::Constant(1, 1, 0.60), "b2");
  n.a1 = matmul(n.w1, n.x);
  t.setLabel(n.a1, "layer 1 / W x");
  n.z1 = addBias(n.a1, n.b1);
  t.setLabel(n.z1, "layer 1 / affine");
  n.h1 = tanh(n.z1);
  t.setLabel(n.h1, "layer 1 / tanh");
  n.a2 = matmul(n.w2, n.h1);
  t.setLabel(n.a2, "layer 2 / W x");
  n.z2 = addBias(n.a2, n.b2);
  t.setLabel(n.z2, "layer 2 / affine");
  n.out = sigmoid(n.z2);
  t.setLabel(n.out, "layer 2 / sigmoid");
  n.loss = mse(n.out, n.y);
  t.setLabel(n.loss, "data loss");
  if (l2 > 0) {  // loss + l2 * sum(W1^2): W1 then feeds two nodes (the total-derivative rule)
    Var penalty = sum(square(n.w1)) * l2;
    t.setLabel(penalty, "regularization / l2");
    n.loss = n.loss + penalty;
    t.setLabel(n.loss, "loss");
  }
  return n;
}

}  // namespace tiny
