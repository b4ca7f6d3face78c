// The engine's one finite-difference rule (autodiff/fd_check.hpp): the metric and its tolerance at the
// boundary, and the kink that makes a comparison meaningless, said as such instead of failed.
#include "autodiff/fd_check.hpp"
#include "mc.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace mc;

TEST_CASE("fd rule: relative error 1e-5 passes, just above fails; below 1e-3 the floor makes it 1e-8 absolute",
          "[autodiff][fd][rule]") {
  // |a - n| / max(|a|, |n|, 1e-3) by hand: a = 2, n = 2 (1 + 0.99e-5) has error 1.98e-5 over 2 (1 + 0.99e-5)
  const double inside = 2 * (1 + 0.99e-5), outside = 2 * (1 + 1.01e-5);
  CHECK(fdRelativeError(2.0, inside) == Approx(0.99e-5 / (1 + 0.99e-5)).epsilon(1e-9));
  CHECK(fdPassed(fdRelativeError(2.0, inside)));
  CHECK_FALSE(fdPassed(fdRelativeError(2.0, outside)));
  // the same from the other side (numeric below analytic): the larger magnitude is the analytic one
  CHECK(fdPassed(fdRelativeError(2.0, 2 * (1 - 0.99e-5))));
  CHECK_FALSE(fdPassed(fdRelativeError(2.0, 2 * (1 - 1.01e-5))));
  // tiny entries: 1e-6 against 1e-6 + 0.99e-8 passes (0.99e-8 / 1e-3 = 0.99e-5); + 1.01e-8 fails
  CHECK(fdPassed(fdRelativeError(1e-6, 1e-6 + 0.99e-8)));
  CHECK_FALSE(fdPassed(fdRelativeError(1e-6, 1e-6 + 1.01e-8)));
  CHECK(fdPassed(fdRelativeError(0.0, 0.0)));
  // not a number never passes, and an infinite error does not either
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(std::isnan(fdRelativeError(nan, 1.0)));
  CHECK_FALSE(fdPassed(nan));
  CHECK_FALSE(fdPassed(std::numeric_limits<double>::infinity()));
  CHECK(kFdTolerance == 1e-5);
  CHECK(kFdRelFloor == 1e-3);
}

TEST_CASE("fd rule: the checker's report passes a correct Jacobian and fails a 1e-4 error", "[autodiff][fd][rule]") {
  Tape t;
  Var x = t.variable((Matrix(2, 1) << 0.3, -1.2).finished());
  Var y = sin(x) * 3.0;
  // d(3 sin x)/dx = diag(3 cos x), by hand
  Matrix j = Matrix::Zero(2, 2);
  j(0, 0) = 3 * std::cos(0.3);
  j(1, 1) = 3 * std::cos(-1.2);
  const FdReport good = checkJacobian(t, y, x, j);
  CHECK(good.maxRelError < 1e-8);
  CHECK(good.passed());
  j(1, 1) *= 1 + 1e-4;  // ten times the tolerance
  const FdReport bad = checkJacobian(t, y, x, j);
  CHECK(bad.maxRelError == Approx(1e-4).epsilon(1e-3));
  CHECK_FALSE(bad.passed());
  CHECK(fdVerdict(bad.maxRelError, kinkAt(t, y.id)).status == "failed");
}

TEST_CASE("fd rule: relu at 0 is a kink, named, and not a failure; away from 0 it is not", "[autodiff][fd][kink]") {
  Tape t;
  Var z = t.variable((Matrix(2, 1) << 0.7, 0.0).finished(), "z");
  Var w = t.variable(Matrix::Constant(1, 1, 2.0), "w");
  Var loss = sum(relu(z)) + square(w);
  // the engine's relu'(0) = 0; central differences straddle the kink: (h - 0) / 2h = 0.5
  const FdReport r = checkJacobian(t, loss, z);
  CHECK(r.numeric(0, 1) == Approx(0.5).epsilon(1e-9));
  CHECK_FALSE(r.passed());
  const std::string kink = kinkAt(t, loss.id);
  CHECK(kink == "relu's argument is 0 (entry 2)");
  const FdVerdict v = fdVerdict(r.maxRelError, kink);
  CHECK(v.nearKink);
  CHECK_FALSE(v.passed);
  CHECK(v.status == "kink");
  CHECK(v.note.find("kink: relu's argument is 0") != std::string::npos);
  // w does not reach the relu: for w the kink is not in the way, and its check passes
  CHECK(kinkAt(t, loss.id, kFdStep, w.id).empty());
  CHECK(kinkAt(t, loss.id, kFdStep, z.id) == kink);
  // within the reach (1e-4 at h = 1e-6) still a kink; beyond it not; a larger step reaches further
  t.setValue(z, (Matrix(2, 1) << 0.7, 5e-5).finished());
  t.recompute();
  CHECK_FALSE(kinkAt(t, loss.id).empty());
  t.setValue(z, (Matrix(2, 1) << 0.7, 2e-4).finished());
  t.recompute();
  CHECK(kinkAt(t, loss.id).empty());
  CHECK_FALSE(kinkAt(t, loss.id, 1e-4).empty());
}

TEST_CASE("fd rule: several checks as one: a failure away from kinks wins over a kink", "[autodiff][fd][kink]") {
  const FdVerdict ok = fdVerdict(1e-9, ""), kink = fdVerdict(0.5, "abs's argument is 0"), bad = fdVerdict(1e-3, "");
  CHECK(ok.status == "passed");
  CHECK(ok.note.empty());
  const FdVerdict okKink = fdVerdictOfAll({ok, kink});
  CHECK(okKink.status == "kink");
  CHECK(okKink.nearKink);
  CHECK_FALSE(okKink.passed);
  const FdVerdict all = fdVerdictOfAll({kink, bad, ok});
  CHECK(all.status == "failed");
  CHECK(all.nearKink);
  CHECK_FALSE(all.passed);
  CHECK(fdVerdictOfAll({ok, ok}).status == "passed");
  CHECK(fdVerdictOfAll({ok, ok}).passed);
}
