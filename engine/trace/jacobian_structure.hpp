#pragma once
// The structure of an op's local Jacobian d vec(y) / d vec(input), named as the paper names it
// (identity, -I, diagonal, a row of ones, x^T, W kron I, ...). A trace shows the full matrix when it is
// small and this description when it is not; expandStructure() turns a description back into the matrix,
// so tests can prove every description against opInfo(op).jacobian.
//
// Layout: numerator, M x N with M = size(y), N = size(input), entries counted column by column (vec).
#include "ops/op.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace mc::trace {

// One side of a Kronecker product: a stored matrix, or an identity / ones row / ones column of a size.
struct KroneckerFactor {
  std::string kind;  // "matrix", "identity", "ones-row", "ones-column"
  Index size = 0;    // for identity and ones
  Matrix matrix;     // for "matrix"
};

struct JacobianStructure {
  // identity          I_N
  // negative-identity -I_N
  // scaled-identity   scale * I_N
  // diagonal          diag(entries), entries an N x 1 column in vec order
  // ones-column       scale * 1_M (the input is a scalar)
  // ones-row          scale * 1_N^T (the output is a scalar)
  // row               entries, a 1 x N row (e.g. x^T for a dot product, the gradient of a loss)
  // column            entries, an M x 1 column (e.g. vec(x) for x * z with a scalar z)
  // matrix            entries, the M x N Jacobian is this matrix itself (e.g. W for W x)
  // kronecker         left kron right (e.g. x^T kron I_m for d(W x)/d vec(W))
  // permutation       the transpose's commutation matrix: y(c, r) = input(r, c)
  // selection         y(offset + r, c) = input(r, c), zero elsewhere (a piece of a stacked vector)
  // softmax-blocks    one block diag(s) - s s^T per column s of entries (the softmax output)
  // unstructured      no description known: see the full matrix or the downstream gradient
  std::string kind = "unstructured";
  std::string latex;  // e.g. "\\operatorname{diag}(\\mathbf{x})"
  std::string text;   // one readable sentence
  double scale = 1;
  Matrix entries;
  KroneckerFactor left, right;
  Index offset = 0;                   // selection
  Index outRows = 0, outCols = 0;     // shape of y
  Index inRows = 0, inCols = 0;       // shape of the input
};

// Describes d vec(y) / d vec(input k) of op at args (k = 0 first input, 1 second).
JacobianStructure describeJacobian(Op op, int input, const OpArgs& args);

// True when the Jacobian of op with respect to input k is diagonal (the op works entry by entry on it).
bool isDiagonalJacobian(Op op, int input);

// The M x N matrix a description stands for; throws std::invalid_argument for "unstructured".
Matrix expandStructure(const JacobianStructure& s);

void to_json(nlohmann::json& j, const KroneckerFactor& f);
void to_json(nlohmann::json& j, const JacobianStructure& s);

}  // namespace mc::trace
