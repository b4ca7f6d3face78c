// Shape errors: each throws a ShapeError (a std::invalid_argument) whose message names the op and both
// shapes, and a rejected call leaves the tape as it was.
#include "mc.hpp"

#include <catch2/catch.hpp>

using namespace mc;

namespace {

// Three operands of clashing shapes on one tape.
struct Operands {
  Tape t;
  Var m23 = t.variable(Matrix::Ones(2, 3));
  Var m31 = t.variable(Matrix::Ones(3, 1));
  Var m21 = t.variable(Matrix::Ones(2, 1));
  Var m22 = t.variable(Matrix::Ones(2, 2));
  Var s = t.variable(Matrix::Ones(1, 1));
  Var empty = t.variable(Matrix(0, 0));
  int size = t.size();
};

}  // namespace

TEST_CASE("shape errors: element-wise add, sub, mul, div", "[errors]") {
  Operands o;
  CHECK_THROWS_WITH(o.m23 + o.m31, "add: (2x3) plus (3x1): shapes differ");
  CHECK_THROWS_WITH(o.m23 - o.m31, "sub: (2x3) minus (3x1): shapes differ");
  CHECK_THROWS_WITH(o.m31 * o.m23, "mul: (3x1) times (2x3): shapes differ");
  CHECK_THROWS_WITH(o.m23 / o.m21, "div: (2x3) divided by (2x1): shapes differ");
  CHECK_THROWS_AS(o.m23 / o.m21, ShapeError);
  CHECK_THROWS_AS(o.m23 - o.m31, std::invalid_argument);
  CHECK(o.t.size() == o.size);
}

TEST_CASE("shape errors: scalar expansion needs a 1x1 second operand", "[errors]") {
  Operands o;
  CHECK_THROWS_WITH(apply(Op::AddScalar, o.m23, o.m21),
                    "add scalar: (2x3) plus (2x1): the second operand must be a 1x1 scalar");
  CHECK_THROWS_WITH(apply(Op::MulScalar, o.m23, o.m31),
                    "mul scalar: (2x3) times (3x1): the second operand must be a 1x1 scalar");
  CHECK(o.t.size() == o.size);
  // through the operators a 1x1 on either side is expanded, never an error
  CHECK((o.s + o.m23).rows() == 2);
  CHECK((o.m23 * o.s).cols() == 3);
  CHECK((o.s / o.m23).cols() == 3);
  CHECK((o.s - o.m23).cols() == 3);
}

TEST_CASE("shape errors: matmul and dot", "[errors]") {
  Operands o;
  CHECK_THROWS_WITH(matmul(o.m23, o.m21), "matmul: (2x3) times (2x1): inner dimensions differ");
  CHECK_THROWS_WITH(matmul(o.m31, o.m23), "matmul: (3x1) times (2x3): inner dimensions differ");
  CHECK_THROWS_WITH(dot(o.m21, o.m31), "dot: (2x1) dot (3x1): lengths differ");
  CHECK_THROWS_WITH(dot(o.m23, o.m21), "dot: (2x3) dot (2x1): both operands must be column vectors");
  CHECK_THROWS_WITH(dot(o.m21, o.m22), "dot: (2x1) dot (2x2): both operands must be column vectors");
  CHECK(o.t.size() == o.size);
}

TEST_CASE("shape errors: add bias needs a column with one entry per row", "[errors]") {
  Operands o;
  CHECK_THROWS_WITH(addBias(o.m23, o.m31),
                    "add bias: (2x3) plus bias (3x1): the bias must be a column with one entry per row");
  CHECK_THROWS_WITH(addBias(o.m23, o.m22),
                    "add bias: (2x3) plus bias (2x2): the bias must be a column with one entry per row");
  CHECK(o.t.size() == o.size);
  CHECK(addBias(o.m23, o.m21).cols() == 3);
}

TEST_CASE("shape errors: the losses name both operands", "[errors]") {
  Operands o;
  CHECK_THROWS_WITH(mse(o.m23, o.m31), "mse: (2x3) against (3x1): shapes differ");
  CHECK_THROWS_WITH(binaryCrossEntropyWithLogits(o.m21, o.m22),
                    "binary cross-entropy: (2x1) against (2x2): shapes differ");
  CHECK_THROWS_WITH(softmaxCrossEntropy(o.m22, o.m23), "softmax cross-entropy: (2x2) against (2x3): shapes differ");
  CHECK_THROWS_WITH(mse(o.empty, o.empty), "mse: (0x0) against (0x0): empty operands");
  CHECK_THROWS_WITH(softmaxCrossEntropy(o.empty, o.empty), "softmax cross-entropy: (0x0) against (0x0): empty operands");
  CHECK_THROWS_AS(binaryCrossEntropyWithLogits(o.empty, o.empty), ShapeError);
  CHECK(o.t.size() == o.size);
}

TEST_CASE("shape errors: reductions and softmax of an empty matrix", "[errors]") {
  Operands o;
  CHECK_THROWS_WITH(mean(o.empty), "mean: (0x0): empty operand");
  CHECK_THROWS_WITH(softmax(o.empty), "softmax: (0x0): empty operand");
  Var noRows = o.t.variable(Matrix(0, 3));
  CHECK_THROWS_WITH(softmax(noRows), "softmax: (0x3): empty operand");
  CHECK(sum(o.empty).value()(0, 0) == 0.0);  // an empty sum is 0, not an error
}

TEST_CASE("shape errors: backward seeds and the root", "[errors]") {
  Operands o;
  Var y = o.m31 * 2.0;
  CHECK_THROWS_WITH(o.t.backward(y), "backward: the root is 3x1, not 1x1; give a seed gradient of that shape");
  CHECK_THROWS_WITH(o.t.backward(y, Matrix::Ones(2, 1)), "backward: seed (2x1) does not match the root (3x1)");
  CHECK_THROWS_WITH(o.t.backward(y, Matrix::Ones(1, 3)), "backward: seed (1x3) does not match the root (3x1)");
  CHECK_THROWS_AS(o.t.backward(y, Matrix::Ones(1, 1)), ShapeError);
  CHECK(o.m31.grad().isZero());  // nothing was accumulated by the failed calls
}

TEST_CASE("shape errors: tangents, setValue and the derivative API", "[errors]") {
  Operands o;
  Var y = sum(o.m31);
  CHECK_THROWS_WITH(o.t.pushTangents(o.m31, Matrix::Ones(2, 1)),
                    "pushTangents: direction (2x1) does not match the variable (3x1)");
  CHECK_THROWS_WITH(o.t.setValue(o.m31, Matrix::Ones(1, 3)), "setValue: new value (1x3) does not match the leaf (3x1)");
  CHECK_THROWS_WITH(gradient(o.t, o.m31 * 2.0, o.m31), "gradient: the output is 3x1, not 1x1; ask for its Jacobian instead");
  CHECK_THROWS_WITH(checkJacobian(o.t, y, o.m31, Matrix::Ones(3, 1)),
                    "checkJacobian: the analytic Jacobian is 3x1, expected 1x3");
  CHECK_THROWS_AS(o.t.setValue(y, Matrix::Ones(1, 1)), std::invalid_argument);  // not a leaf
}

TEST_CASE("misuse errors: operands on other tapes, leaves as ops, non-variables", "[errors]") {
  Tape a, b;
  Var x = a.variable(Matrix::Ones(2, 1));
  Var y = b.variable(Matrix::Ones(2, 1));
  CHECK_THROWS_WITH(x + y, "add: operands are on different tapes");
  CHECK_THROWS_WITH(matmul(x, y), "matmul: operands are on different tapes");
  CHECK_THROWS_WITH(exp(Var{}), "exp: operand is not on a tape");
  CHECK_THROWS_WITH(a.apply(opInfo(Op::Variable), x), "variable: a leaf, not an op");
  CHECK_THROWS_WITH(a.apply(opInfo(Op::Exp), y), "exp: operand is not on this tape");
  CHECK_THROWS_WITH(gradient(a, sum(x), a.constant(Matrix::Ones(1, 1))),
                    "gradient: differentiate with respect to a variable of this tape");
  CHECK_THROWS_AS(jacobian(a, x, y), std::invalid_argument);
  CHECK_THROWS_AS(Var{}.value(), std::invalid_argument);
}
