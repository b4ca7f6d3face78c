#pragma once
// A small LU factorisation with partial pivoting (P A = L U), for det, logdet and inv. Written out
// rather than Eigen's PartialPivLU, whose instantiation costs about 20 KB gzip in the WebAssembly module
// that trains (the op table links every op into it).
#include "core/matrix.hpp"

#include <vector>

namespace mc {

struct LuFactors {
  Matrix lu;               // L below the diagonal (unit diagonal implied), U on and above
  std::vector<Index> row;  // row[i]: the row of A that became row i
  double sign = 1;         // of the permutation
  bool singular = false;   // a pivot below 1e-14 of the largest: singular to working precision
};

LuFactors factorLu(const Matrix& a);              // a square
double determinantOf(const LuFactors& f);
double logAbsDeterminantOf(const LuFactors& f);  // log|det|
Matrix inverseOf(const LuFactors& f);            // inf/nan entries where singular

}  // namespace mc
