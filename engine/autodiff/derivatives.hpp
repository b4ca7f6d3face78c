#pragma once
// Derivatives of a recorded computation: y and x are nodes of one tape, x a variable.
// Every result is in numerator layout: row i is output entry i, column j is input entry j, entries of a
// matrix counted column by column (vec). The gradient of a scalar has the shape of its variable instead.
// These functions reset the tape's gradients (zeroGrad) and leave the values as they found them.
#include "autodiff/fd_check.hpp"
#include "core/tape.hpp"

namespace mc {

enum class Mode { Reverse, Forward, Auto };

const char* modeName(Mode mode);

// Auto picks the cheaper mode: reverse needs one backward pass per output entry, forward one tangent
// sweep per input entry.
Mode cheaperMode(Var y, Var x);

Matrix gradient(Tape& tape, Var y, Var x);              // y is 1x1; the result is shaped like x
Matrix jacobianReverse(Tape& tape, Var y, Var x);       // size(y) x size(x), one VJP per output
Matrix jacobianForward(Tape& tape, Var y, Var x);       // size(y) x size(x), one JVP per input
Matrix jacobian(Tape& tape, Var y, Var x, Mode mode = Mode::Auto);

// Central differences (f(x + h e_j) - f(x - h e_j)) / 2h, re-running the tape for every entry of x.
Matrix finiteDifferenceJacobian(Tape& tape, Var y, Var x, double h = kFdStep);

struct FdReport {
  double maxAbsError = 0;  // max |analytic - numeric|
  double maxRelError = 0;  // max fdRelativeError(analytic, numeric) (fd_check.hpp)
  Index worstRow = 0;      // the entry where the relative error is largest
  Index worstCol = 0;
  double step = 0;         // h
  Matrix numeric;          // the finite-difference Jacobian
  bool passed() const { return fdPassed(maxRelError); }  // the one rule (fd_check.hpp)
};

FdReport checkJacobian(Tape& tape, Var y, Var x, const Matrix& analytic, double h = kFdStep);
FdReport checkJacobian(Tape& tape, Var y, Var x, double h = kFdStep);  // against jacobianReverse

}  // namespace mc
