#pragma once
// The structure of an op's local Jacobian d vec(y) / d vec(input), named as the paper names it
// (identity, -I, diagonal, a row of ones, x^T, W kron I, ...): plain data that each op's row fills in
// (engine/ops) and the trace writes as JSON. expandStructure() (ops/structure.hpp) turns a description
// back into the matrix, so tests prove every description against the op's explicit Jacobian.
//
// Layout: numerator, M x N with M = size(y), N = size(input), entries counted column by column (vec).
#include "core/matrix.hpp"

#include <string>

namespace mc {

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

}  // namespace mc
