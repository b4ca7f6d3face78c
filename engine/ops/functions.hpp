#pragma once
// The ops as functions on Vars: what users of the engine write. Each records one node on the operands'
// tape (or a few, where noted) and checks shapes first.
//
//   a + b, a - b, a * b, a / b   element-wise when shapes agree (Hadamard product for *);
//                                scalar expansion when one side is 1x1 (paper item 7)
//   a + 2.0, 3.0 * a, a / 2.0    a constant scalar
#include "ops/op.hpp"

namespace mc {

Var operator+(Var a, Var b);
Var operator-(Var a, Var b);
Var operator*(Var a, Var b);
Var operator/(Var a, Var b);
Var operator-(Var a);
Var operator+(Var a, double c);
Var operator+(double c, Var a);
Var operator-(Var a, double c);
Var operator-(double c, Var a);
Var operator*(Var a, double c);
Var operator*(double c, Var a);
Var operator/(Var a, double c);
Var operator/(double c, Var a);

Var matmul(Var a, Var b);       // (m x k)(k x n) -> m x n
Var transpose(Var a);
Var dot(Var a, Var b);          // two n x 1 columns -> 1x1
Var addBias(Var a, Var bias);   // (m x B) + (m x 1) added to every column
Var stack(Var a, Var b);        // [a; b]: (m1 x n) over (m2 x n) -> (m1+m2) x n, e.g. two 1x1 -> 2x1

Var sum(Var a);                 // all entries -> 1x1
Var mean(Var a);
Var sumRows(Var a);             // the rows added together: (m x n) -> (1 x n)
Var sumCols(Var a);             // the columns added together: (m x n) -> (m x 1)

Var exp(Var a);
Var log(Var a);
Var pow(Var a, double exponent);
Var square(Var a);
Var sqrt(Var a);
Var sin(Var a);
Var cos(Var a);
Var tanh(Var a);
Var sigmoid(Var a);
Var relu(Var a);                // max(0, a)
Var leakyRelu(Var a, double slope = 0.01);
Var abs(Var a);
Var softmax(Var a);             // of every column

Var mse(Var prediction, Var target);                      // mean over all entries
Var binaryCrossEntropyWithLogits(Var logits, Var target);  // mean over all entries
Var softmaxCrossEntropy(Var logits, Var target);           // k x B, mean over the B columns

}  // namespace mc
