#include "autodiff/derivatives.hpp"

#include <cmath>

namespace mc {

namespace {
void checkVariable(Tape& tape, Var x, const char* what) {
  if (x.tape != &tape || tape.node(x.id).op != Op::Variable) {
    throw std::invalid_argument(std::string(what) + ": differentiate with respect to a variable of this tape");
  }
}
void checkOutput(Tape& tape, Var y, Var x, const char* what) {
  if (y.tape != &tape) throw std::invalid_argument(std::string(what) + ": the output is not on this tape");
  checkVariable(tape, x, what);
}
}  // namespace

const char* modeName(Mode mode) {
  switch (mode) {
    case Mode::Reverse: return "reverse";
    case Mode::Forward: return "forward";
    case Mode::Auto: return "auto";
  }
  return "?";
}

Mode cheaperMode(Var y, Var x) { return y.value().size() <= x.value().size() ? Mode::Reverse : Mode::Forward; }

Matrix gradient(Tape& tape, Var y, Var x) {
  checkOutput(tape, y, x, "gradient");
  if (!isScalar(y.value())) {
    throw ShapeError("gradient: the output is " + shapeText(y.value()) +
                     ", not 1x1; ask for its Jacobian instead");
  }
  tape.zeroGrad();
  tape.backward(y);
  return x.grad();
}

Matrix jacobianReverse(Tape& tape, Var y, Var x) {
  checkOutput(tape, y, x, "jacobian");
  const Index m = y.value().size(), n = x.value().size();
  Matrix j(m, n);
  Matrix seed = Matrix::Zero(y.rows(), y.cols());
  for (Index i = 0; i < m; ++i) {  // row i = e_i^T J, one backward pass
    seed(i) = 1;
    tape.zeroGrad();
    tape.backward(y, seed);
    seed(i) = 0;
    j.row(i) = Eigen::Map<const Eigen::RowVectorXd>(x.grad().data(), n);
  }
  tape.zeroGrad();
  return j;
}

Matrix jacobianForward(Tape& tape, Var y, Var x) {
  checkOutput(tape, y, x, "jacobian");
  const Index m = y.value().size(), n = x.value().size();
  Matrix j(m, n);
  Matrix direction = Matrix::Zero(x.rows(), x.cols());
  for (Index k = 0; k < n; ++k) {  // column k = J e_k, one tangent sweep
    direction(k) = 1;
    tape.pushTangents(x, direction);
    direction(k) = 0;
    j.col(k) = Eigen::Map<const Eigen::VectorXd>(tape.node(y.id).tangent.data(), m);
  }
  return j;
}

Matrix jacobian(Tape& tape, Var y, Var x, Mode mode) {
  if (mode == Mode::Auto) mode = cheaperMode(y, x);
  return mode == Mode::Reverse ? jacobianReverse(tape, y, x) : jacobianForward(tape, y, x);
}

Matrix finiteDifferenceJacobian(Tape& tape, Var y, Var x, double h) {
  checkOutput(tape, y, x, "finite differences");
  if (!(h > 0)) throw std::invalid_argument("finite differences: the step must be positive");
  const Matrix x0 = x.value();
  const Index m = y.value().size(), n = x0.size();
  Matrix j(m, n);
  Matrix probe = x0;
  for (Index k = 0; k < n; ++k) {
    probe(k) = x0(k) + h;
    tape.setValue(x, probe);
    tape.recompute();
    const Matrix up = y.value();
    probe(k) = x0(k) - h;
    tape.setValue(x, probe);
    tape.recompute();
    j.col(k) = Eigen::Map<const Eigen::VectorXd>(up.data(), m) -
               Eigen::Map<const Eigen::VectorXd>(y.value().data(), m);
    j.col(k) /= 2 * h;
    probe(k) = x0(k);
  }
  tape.setValue(x, x0);
  tape.recompute();
  return j;
}

FdReport checkJacobian(Tape& tape, Var y, Var x, const Matrix& analytic, double h) {
  FdReport report;
  report.step = h;
  report.numeric = finiteDifferenceJacobian(tape, y, x, h);
  if (analytic.rows() != report.numeric.rows() || analytic.cols() != report.numeric.cols()) {
    throw ShapeError("checkJacobian: the analytic Jacobian is " + shapeText(analytic) + ", expected " +
                     shapeText(report.numeric));
  }
  report.maxRelError = -1;
  for (Index c = 0; c < analytic.cols(); ++c) {
    for (Index r = 0; r < analytic.rows(); ++r) {
      const double a = analytic(r, c), f = report.numeric(r, c);
      const double err = std::abs(a - f);
      const double rel = fdRelativeError(a, f);
      report.maxAbsError = std::max(report.maxAbsError, err);
      if (rel > report.maxRelError || std::isnan(rel)) {
        report.maxRelError = rel;
        report.worstRow = r;
        report.worstCol = c;
      }
    }
  }
  report.maxRelError = std::max(report.maxRelError, 0.0);
  return report;
}

FdReport checkJacobian(Tape& tape, Var y, Var x, double h) {
  return checkJacobian(tape, y, x, jacobianReverse(tape, y, x), h);
}

}  // namespace mc
