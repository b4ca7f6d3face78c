#include "ops/structure.hpp"

#include <stdexcept>
#include <unsupported/Eigen/KroneckerProduct>

namespace mc {

namespace {

Matrix expand(const KroneckerFactor& f) {
  if (f.kind == "identity") return Matrix::Identity(f.size, f.size);
  if (f.kind == "ones-row") return Matrix::Ones(1, f.size);
  if (f.kind == "ones-column") return Matrix::Ones(f.size, 1);
  return f.matrix;
}

}  // namespace

JacobianStructure namedStructure(const char* kind, std::string latex, std::string text) {
  JacobianStructure s;
  s.kind = kind;
  s.latex = std::move(latex);
  s.text = std::move(text);
  return s;
}

JacobianStructure diagonalStructure(const char* derivativeLatex, const char* text, const Matrix& entries) {
  JacobianStructure s = namedStructure("diagonal", std::string(R"(\operatorname{diag}\big()") + derivativeLatex + R"(\big))", text);
  s.entries = Eigen::Map<const Eigen::VectorXd>(entries.data(), entries.size());
  return s;
}

JacobianStructure entriesStructure(const char* kind, std::string latex, std::string text, Matrix entries) {
  JacobianStructure s = namedStructure(kind, std::move(latex), std::move(text));
  s.entries = std::move(entries);
  return s;
}

JacobianStructure kroneckerStructure(std::string latex, std::string text, KroneckerFactor left, KroneckerFactor right) {
  JacobianStructure s = namedStructure("kronecker", std::move(latex), std::move(text));
  s.left = std::move(left);
  s.right = std::move(right);
  return s;
}

KroneckerFactor kroneckerMatrix(const Matrix& m) { return {"matrix", 0, m}; }
KroneckerFactor kroneckerIdentity(Index n) { return {"identity", n, {}}; }
KroneckerFactor kroneckerOnesRow(Index n) { return {"ones-row", n, {}}; }
KroneckerFactor kroneckerOnesColumn(Index n) { return {"ones-column", n, {}}; }

Matrix expandStructure(const JacobianStructure& s) {
  const Index rows = s.outRows * s.outCols, cols = s.inRows * s.inCols;
  const std::string& k = s.kind;
  if (k == "identity") return Matrix::Identity(rows, cols);
  if (k == "negative-identity") return -Matrix::Identity(rows, cols);
  if (k == "scaled-identity") return s.scale * Matrix::Identity(rows, cols);
  if (k == "diagonal") return Matrix(Eigen::Map<const Eigen::VectorXd>(s.entries.data(), s.entries.size()).asDiagonal());
  if (k == "ones-column" || k == "ones-row") return Matrix::Constant(rows, cols, s.scale);
  if (k == "row" || k == "column" || k == "matrix") return s.entries;
  if (k == "kronecker") return Eigen::kroneckerProduct(expand(s.left), expand(s.right));
  if (k == "permutation") {
    Matrix j = Matrix::Zero(rows, cols);
    for (Index r = 0; r < s.inRows; ++r)
      for (Index c = 0; c < s.inCols; ++c) j(c + r * s.inCols, r + c * s.inRows) = 1;
    return j;
  }
  if (k == "selection") {
    Matrix j = Matrix::Zero(rows, cols);
    for (Index c = 0; c < s.inCols; ++c)
      for (Index r = 0; r < s.inRows; ++r) j(s.offset + r + c * s.outRows, r + c * s.inRows) = 1;
    return j;
  }
  if (k == "softmax-blocks") {
    const Index m = s.entries.rows();
    Matrix j = Matrix::Zero(rows, cols);
    for (Index c = 0; c < s.entries.cols(); ++c) {
      const Eigen::VectorXd col = s.entries.col(c);
      j.block(c * m, c * m, m, m) = Matrix(col.asDiagonal()) - col * col.transpose();
    }
    return j;
  }
  throw std::invalid_argument("expandStructure: the structure '" + k + "' (" + shapeText(rows, cols) +
                              ") names no matrix");
}

OpInfo opRow(const char* name, int arity, Rule rule, decltype(OpInfo::shape) shape, decltype(OpInfo::forward) forward,
             decltype(OpInfo::vjp) vjp, decltype(OpInfo::jvp) jvp, decltype(OpInfo::jacobian) jacobian,
             decltype(OpInfo::structure) structure, unsigned diagonalInputs) {
  OpInfo r{};
  r.name = name;
  r.arity = arity;
  r.rule = rule;
  r.shape = shape;
  r.forward = forward;
  r.vjp = vjp;
  r.jvp = jvp;
  r.jacobian = jacobian;
  r.structure = structure;
  r.diagonalInputs = diagonalInputs;
  return r;
}

}  // namespace mc
