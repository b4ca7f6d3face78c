#include "trace/jacobian_structure.hpp"

#include <nlohmann/json.hpp>

#include "trace/matrix_json.hpp"

namespace mc {

namespace trace {

JacobianStructure describeJacobian(Op op, int input, const OpArgs& args) {
  const OpInfo& info = opInfo(op);
  // Leaves have no Jacobian.
  JacobianStructure s = info.structure ? info.structure(input, args)
                                       : namedStructure("unstructured", "J", "no named structure: see the downstream gradient");
  const Matrix& in = input == 0 ? args.a : args.b;
  s.outRows = args.y.rows();
  s.outCols = args.y.cols();
  s.inRows = in.rows();
  s.inCols = in.cols();
  return s;
}

bool isDiagonalJacobian(Op op, int input) { return (opInfo(op).diagonalInputs >> input) & 1U; }

}  // namespace trace

void to_json(nlohmann::json& j, const KroneckerFactor& f) {
  j = nlohmann::json{{"kind", f.kind}};
  if (f.kind == "matrix") j["matrix"] = trace::matrixJson(f.matrix);
  else j["size"] = f.size;
}

void to_json(nlohmann::json& j, const JacobianStructure& s) {
  j = nlohmann::json{{"kind", s.kind}, {"latex", s.latex}, {"text", s.text}};
  const std::string& k = s.kind;
  if (k == "scaled-identity" || k == "ones-row" || k == "ones-column") j["scale"] = s.scale;
  if (k == "diagonal" || k == "row" || k == "column" || k == "matrix" || k == "softmax-blocks") {
    j["entries"] = trace::matrixJson(s.entries);
  }
  if (k == "kronecker") {
    j["left"] = s.left;
    j["right"] = s.right;
  }
  if (k == "selection") j["offset"] = s.offset;
}

}  // namespace mc
