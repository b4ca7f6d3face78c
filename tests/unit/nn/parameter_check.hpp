#pragma once
// One check for the nn tests: every recorded parameter's gradient of a step at `points`, taken by
// reverse mode, against central differences (checkJacobian, relative error below 1e-6), and shaped like
// its parameter.
#include "mc.hpp"
#include "nn/nn.hpp"

#include <catch2/catch.hpp>

#include <vector>

namespace mc::nn {

inline void checkParametersAgainstDifferences(Trainer& t, const std::vector<Point>& points) {
  Tape tape;
  const StepRecording rec = t.recordAt(tape, points);
  for (const RecordedParameter& p : rec.parameters) {
    CAPTURE(p.name);
    const Matrix g = gradient(tape, rec.loss, p.var);
    const Matrix row = Eigen::Map<const Eigen::RowVectorXd>(g.data(), g.size());
    const FdReport r = checkJacobian(tape, rec.loss, p.var, row);
    CAPTURE(r.maxAbsError, r.maxRelError);
    CHECK(r.maxRelError < 1e-6);
    CHECK(g.rows() == p.var.rows());
    CHECK(g.cols() == p.var.cols());
  }
}

}  // namespace mc::nn
