// The op table: one row per Op, in enum order; each row is made beside its maths.
#include "ops/op.hpp"

#include <array>

namespace mc {

OpInfo makeAdd(); OpInfo makeSub(); OpInfo makeMul(); OpInfo makeDiv();
OpInfo makeAddScalar(); OpInfo makeMulScalar();
OpInfo makeNeg(); OpInfo makeAddConst(); OpInfo makeScale(); OpInfo makeExp(); OpInfo makeLog();
OpInfo makePow(); OpInfo makeSquare(); OpInfo makeSqrt(); OpInfo makeSin(); OpInfo makeCos();
OpInfo makeTanh(); OpInfo makeSigmoid(); OpInfo makeRelu(); OpInfo makeLeakyRelu(); OpInfo makeAbs();
OpInfo makeStep();
OpInfo makeMatMul(); OpInfo makeTranspose(); OpInfo makeDot(); OpInfo makeAddBias();
OpInfo makeStack();
OpInfo makeSum(); OpInfo makeMean(); OpInfo makeSumRows(); OpInfo makeSumCols();
OpInfo makeSoftmax(); OpInfo makeMse(); OpInfo makeBceWithLogits(); OpInfo makeSoftmaxCrossEntropy();
OpInfo makeDet(); OpInfo makeLogdet(); OpInfo makeInverse(); OpInfo makeKron(); OpInfo makeVec();

namespace {

OpInfo leaf(const char* name) { return {name, 0, Rule::Leaf, nullptr, nullptr, nullptr, nullptr, nullptr}; }

std::array<OpInfo, static_cast<std::size_t>(Op::Count)> makeTable() {
  return {leaf("variable"), leaf("constant"),
          makeAdd(), makeSub(), makeMul(), makeDiv(),
          makeAddScalar(), makeMulScalar(),
          makeNeg(), makeAddConst(), makeScale(), makeExp(), makeLog(), makePow(), makeSquare(), makeSqrt(),
          makeSin(), makeCos(), makeTanh(), makeSigmoid(), makeRelu(), makeLeakyRelu(), makeAbs(), makeStep(),
          makeMatMul(), makeTranspose(), makeDot(), makeAddBias(),
          makeStack(),
          makeSum(), makeMean(), makeSumRows(), makeSumCols(),
          makeSoftmax(), makeMse(), makeBceWithLogits(), makeSoftmaxCrossEntropy(),
          makeDet(), makeLogdet(), makeInverse(), makeKron(), makeVec()};
}

}  // namespace

const OpInfo& opInfo(Op op) {
  static const auto table = [] {
    auto t = makeTable();
    for (const OpInfo& row : t) {  // a row left out above would be a silent hole
      if (row.name == nullptr) throw std::logic_error("op table: a row is missing");
    }
    return t;
  }();
  const auto i = static_cast<std::size_t>(op);
  if (i >= table.size()) throw std::out_of_range("opInfo: no op " + std::to_string(i));
  return table[i];
}

void throwShapeError(const char* op, const Matrix& a, const char* verb, const Matrix& b, const char* reason) {
  throw ShapeError(std::string(op) + ": (" + shapeText(a) + ") " + verb + " (" + shapeText(b) + "): " + reason);
}

void throwShapeError(const char* op, const Matrix& a, const char* reason) {
  throw ShapeError(std::string(op) + ": (" + shapeText(a) + "): " + reason);
}

}  // namespace mc
