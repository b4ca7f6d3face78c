// The paper's names for every op's local Jacobian. Diagonal entries come from one forward-mode product
// J 1 (never the N x N matrix), so describing a layer of 4096 units costs 4096 numbers, not 16 million.
#include "trace/jacobian_structure.hpp"

#include <nlohmann/json.hpp>
#include <unsupported/Eigen/KroneckerProduct>

#include "trace/matrix_json.hpp"

namespace mc::trace {

namespace {

const Matrix kNone;

std::string str(Index n) { return std::to_string(n); }

// The diagonal of a diagonal Jacobian: J 1, the tangent of y when input k moves by 1 in every entry.
Matrix diagonalEntries(Op op, int input, const OpArgs& args) {
  const OpInfo& info = opInfo(op);
  const Matrix& in = input == 0 ? args.a : args.b;
  const Matrix ones = Matrix::Ones(in.rows(), in.cols());
  Matrix ty(args.y.rows(), args.y.cols());
  if (info.arity == 1) {
    info.jvp(args, ones, kNone, ty);
  } else {
    const Matrix zeroA = Matrix::Zero(args.a.rows(), args.a.cols());
    const Matrix zeroB = Matrix::Zero(args.b.rows(), args.b.cols());
    info.jvp(args, input == 0 ? ones : zeroA, input == 1 ? ones : zeroB, ty);
  }
  return Eigen::Map<const Eigen::VectorXd>(ty.data(), ty.size());
}

JacobianStructure make(const char* kind, std::string latex, std::string text) {
  JacobianStructure s;
  s.kind = kind;
  s.latex = std::move(latex);
  s.text = std::move(text);
  return s;
}

JacobianStructure diagonal(Op op, int input, const OpArgs& args, const char* derivative, const char* text) {
  JacobianStructure s = make("diagonal", std::string(R"(\operatorname{diag}\big()") + derivative + R"(\big))", text);
  s.entries = diagonalEntries(op, input, args);
  return s;
}

KroneckerFactor kmatrix(const Matrix& m) { return {"matrix", 0, m}; }
KroneckerFactor kidentity(Index n) { return {"identity", n, {}}; }
KroneckerFactor konesRow(Index n) { return {"ones-row", n, {}}; }
KroneckerFactor konesColumn(Index n) { return {"ones-column", n, {}}; }

JacobianStructure kronecker(std::string latex, std::string text, KroneckerFactor left, KroneckerFactor right) {
  JacobianStructure s = make("kronecker", std::move(latex), std::move(text));
  s.left = std::move(left);
  s.right = std::move(right);
  return s;
}

JacobianStructure lossRow(Op op, int input, const OpArgs& args, std::string latex, const char* text) {
  JacobianStructure s = make("row", std::move(latex), text);
  s.entries = opInfo(op).jacobian(input, args);  // already a 1 x N row
  return s;
}

JacobianStructure describe(Op op, int k, const OpArgs& s) {
  const Index m = s.a.rows();
  switch (op) {
    // ---- element-wise unary: diagonal (item 3)
    case Op::Neg: return make("negative-identity", "-I", "minus the identity: every entry changes sign");
    case Op::AddConst: return make("identity", "I", "the identity: adding a constant does not change slopes");
    case Op::Scale: {
      JacobianStructure r = make("scaled-identity", "c\\,I", "the identity scaled by the constant c");
      r.scale = s.p;
      return r;
    }
    case Op::Exp: return diagonal(op, k, s, R"(e^{\mathbf{x}})", "diagonal: e^x_i on the diagonal");
    case Op::Log: return diagonal(op, k, s, R"(1/\mathbf{x})", "diagonal: 1/x_i on the diagonal");
    case Op::Pow: return diagonal(op, k, s, R"(p\,\mathbf{x}^{p-1})", "diagonal: p x_i^(p-1) on the diagonal");
    case Op::Square: return diagonal(op, k, s, R"(2\mathbf{x})", "diagonal: 2 x_i on the diagonal");
    case Op::Sqrt: return diagonal(op, k, s, R"(\tfrac{1}{2\sqrt{\mathbf{x}}})", "diagonal: 1/(2 sqrt(x_i)) on the diagonal");
    case Op::Sin: return diagonal(op, k, s, R"(\cos \mathbf{x})", "diagonal: cos(x_i) on the diagonal");
    case Op::Cos: return diagonal(op, k, s, R"(-\sin \mathbf{x})", "diagonal: -sin(x_i) on the diagonal");
    case Op::Tanh: return diagonal(op, k, s, R"(1 - \tanh^2 \mathbf{x})", "diagonal: 1 - tanh(x_i)^2 on the diagonal");
    case Op::Sigmoid:
      return diagonal(op, k, s, R"(\sigma(\mathbf{x}) \otimes (1 - \sigma(\mathbf{x})))",
                      "diagonal: sigmoid(x_i) (1 - sigmoid(x_i)) on the diagonal");
    case Op::Relu:
      return diagonal(op, k, s, R"(\mathbb{1}[\mathbf{x} > 0])", "diagonal: 1 where x_i > 0, else 0 (the ReLU mask)");
    case Op::LeakyRelu:
      return diagonal(op, k, s, R"(\mathbb{1}[\mathbf{x} > 0] + \alpha\,\mathbb{1}[\mathbf{x} \le 0])",
                      "diagonal: 1 where x_i > 0, else the slope");
    case Op::Abs: return diagonal(op, k, s, R"(\operatorname{sign}(\mathbf{x}))", "diagonal: the sign of x_i");
    case Op::Step: return diagonal(op, k, s, "0", "diagonal of zeros: a mask is flat wherever it is defined");

    // ---- element-wise binary, y = w o x (item 6)
    case Op::Add: return make("identity", "I", "the identity");
    case Op::Sub:
      return k == 0 ? make("identity", "I", "the identity")
                    : make("negative-identity", "-I", "minus the identity");
    case Op::Mul:
      return k == 0 ? diagonal(op, k, s, R"(\mathbf{x})", "diagonal: the other operand x on the diagonal")
                    : diagonal(op, k, s, R"(\mathbf{w})", "diagonal: the other operand w on the diagonal");
    case Op::Div:
      return k == 0 ? diagonal(op, k, s, R"(1/\mathbf{x})", "diagonal: 1/x_i on the diagonal")
                    : diagonal(op, k, s, R"(-\mathbf{w}/\mathbf{x}^2)", "diagonal: -w_i/x_i^2 on the diagonal");

    // ---- scalar expansion, x (matrix) with z (1x1) (item 7)
    case Op::AddScalar:
      return k == 0 ? make("identity", "I", "the identity")
                    : make("ones-column", R"(\vec{1})", "a column of ones: z moves every entry of y");
    case Op::MulScalar: {
      if (k == 0) {
        JacobianStructure r = make("scaled-identity", "z\\,I", "the identity scaled by the scalar z");
        r.scale = s.b(0, 0);
        return r;
      }
      JacobianStructure r = make("column", R"(\operatorname{vec}(\mathbf{x}))", "the column vec(x)");
      r.entries = Eigen::Map<const Eigen::VectorXd>(s.a.data(), s.a.size());
      return r;
    }

    // ---- linear algebra (items 1, 10, 12)
    case Op::MatMul: {
      const Index n = s.b.cols();
      if (k == 0) {
        const std::string lhs = n == 1 ? R"(\mathbf{x}^T)" : "B^T";
        return kronecker(lhs + R"( \otimes I_{)" + str(m) + "}",
                         "x^T kron I_" + str(m) + ": y_i = W_i . x depends on row i of W only, with slope x^T",
                         kmatrix(s.b.transpose()), kidentity(m));
      }
      if (n == 1) {
        JacobianStructure r = make("matrix", "W", "the matrix W itself: d(W x)/dx = W");
        r.entries = s.a;
        return r;
      }
      return kronecker(R"(I_{)" + str(n) + R"(} \otimes A)", "I_" + str(n) + " kron A: A applied to every column",
                       kidentity(n), kmatrix(s.a));
    }
    case Op::Transpose:
      return make("permutation", R"(K_{)" + str(m) + "," + str(s.a.cols()) + "}",
                  "a permutation: y(c, r) = x(r, c) (the commutation matrix)");
    case Op::Dot: {
      JacobianStructure r = k == 0 ? make("row", R"(\mathbf{x}^T)", "the row x^T: d(w . x)/dw = x^T")
                                   : make("row", R"(\mathbf{w}^T)", "the row w^T: d(w . x)/dx = w^T");
      r.entries = (k == 0 ? s.b : s.a).transpose();
      return r;
    }
    case Op::AddBias: {
      const Index batch = s.a.cols();
      if (k == 0 || batch == 1) return make("identity", "I", "the identity");
      return kronecker(R"(\vec{1}_{)" + str(batch) + R"(} \otimes I_{)" + str(m) + "}",
                       "identities stacked, one per sample: the bias reaches every column",
                       konesColumn(batch), kidentity(m));
    }
    case Op::Stack: {
      JacobianStructure r = k == 0 ? make("selection", R"(\begin{bmatrix} I \\ 0 \end{bmatrix})", "the top rows of y are a")
                                   : make("selection", R"(\begin{bmatrix} 0 \\ I \end{bmatrix})", "the bottom rows of y are b");
      r.offset = k == 0 ? 0 : s.a.rows();
      return r;
    }

    // ---- reductions (item 8)
    case Op::Sum: return make("ones-row", R"(\vec{1}^{\,T})", "a row of ones: every entry counts once");
    case Op::Mean: {
      JacobianStructure r = make("ones-row", R"(\tfrac{1}{N}\vec{1}^{\,T})", "a row of 1/N: every entry counts 1/N");
      r.scale = 1.0 / static_cast<double>(s.a.size());
      return r;
    }
    case Op::SumRows:
      return kronecker(R"(I_{)" + str(s.a.cols()) + R"(} \otimes \vec{1}^{\,T}_{)" + str(m) + "}",
                       "each output sums one column of the input", kidentity(s.a.cols()), konesRow(m));
    case Op::SumCols:
      return kronecker(R"(\vec{1}^{\,T}_{)" + str(s.a.cols()) + R"(} \otimes I_{)" + str(m) + "}",
                       "each output sums one row of the input", konesRow(s.a.cols()), kidentity(m));

    // ---- softmax and losses
    case Op::Softmax: {
      JacobianStructure r = make("softmax-blocks", R"(\operatorname{diag}(\mathbf{s}) - \mathbf{s}\mathbf{s}^T)",
                                 "block diagonal: diag(s) - s s^T for every column s of the softmax output");
      r.entries = s.y;
      return r;
    }
    case Op::Mse:
      return lossRow(op, k, s, k == 0 ? R"(\tfrac{2}{N}(\hat{\mathbf{y}} - \mathbf{y})^T)" : R"(-\tfrac{2}{N}(\hat{\mathbf{y}} - \mathbf{y})^T)",
                     "a row: the loss's gradient laid flat");
    case Op::BceWithLogits:
      return lossRow(op, k, s, k == 0 ? R"(\tfrac{1}{N}(\sigma(\mathbf{z}) - \mathbf{t})^T)" : R"(-\tfrac{1}{N}\mathbf{z}^T)",
                     "a row: the loss's gradient laid flat");
    case Op::SoftmaxCrossEntropy:
      return lossRow(op, k, s, k == 0 ? R"(\tfrac{1}{B}(\mathrm{softmax}(\mathbf{z}) - \mathbf{t})^T)"
                                      : R"(\tfrac{1}{B}(\mathrm{lse}(\mathbf{z}) - \mathbf{z})^T)",
                     "a row: the loss's gradient laid flat");
    default:
      // Leaves have no Jacobian; an op added after this file falls back to the full matrix in the trace.
      return make("unstructured", "J", "no named structure: see the downstream gradient");
  }
}

Matrix expand(const KroneckerFactor& f) {
  if (f.kind == "identity") return Matrix::Identity(f.size, f.size);
  if (f.kind == "ones-row") return Matrix::Ones(1, f.size);
  if (f.kind == "ones-column") return Matrix::Ones(f.size, 1);
  return f.matrix;
}

}  // namespace

JacobianStructure describeJacobian(Op op, int input, const OpArgs& args) {
  JacobianStructure s = describe(op, input, args);
  const Matrix& in = input == 0 ? args.a : args.b;
  s.outRows = args.y.rows();
  s.outCols = args.y.cols();
  s.inRows = in.rows();
  s.inCols = in.cols();
  return s;
}

bool isDiagonalJacobian(Op op, int input) {
  switch (op) {
    case Op::Add: case Op::Sub: case Op::Mul: case Op::Div:
    case Op::Neg: case Op::AddConst: case Op::Scale: case Op::Exp: case Op::Log: case Op::Pow:
    case Op::Square: case Op::Sqrt: case Op::Sin: case Op::Cos: case Op::Tanh: case Op::Sigmoid:
    case Op::Relu: case Op::LeakyRelu: case Op::Abs: case Op::Step:
      return true;
    case Op::AddScalar: case Op::MulScalar: case Op::AddBias:
      return input == 0;
    default:
      return false;
  }
}

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

void to_json(nlohmann::json& j, const KroneckerFactor& f) {
  j = nlohmann::json{{"kind", f.kind}};
  if (f.kind == "matrix") j["matrix"] = matrixJson(f.matrix);
  else j["size"] = f.size;
}

void to_json(nlohmann::json& j, const JacobianStructure& s) {
  j = nlohmann::json{{"kind", s.kind}, {"latex", s.latex}, {"text", s.text}};
  const std::string& k = s.kind;
  if (k == "scaled-identity" || k == "ones-row" || k == "ones-column") j["scale"] = s.scale;
  if (k == "diagonal" || k == "row" || k == "column" || k == "matrix" || k == "softmax-blocks") {
    j["entries"] = matrixJson(s.entries);
  }
  if (k == "kronecker") {
    j["left"] = s.left;
    j["right"] = s.right;
  }
  if (k == "selection") j["offset"] = s.offset;
}

}  // namespace mc::trace
