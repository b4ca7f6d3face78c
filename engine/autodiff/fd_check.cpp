#include "autodiff/fd_check.hpp"

#include "ops/op.hpp"

#include <algorithm>
#include <cmath>

namespace mc {

double fdRelativeError(double analytic, double numeric) {
  return std::abs(analytic - numeric) / std::max({std::abs(analytic), std::abs(numeric), kFdRelFloor});
}

bool fdPassed(double maxRelError) { return std::isfinite(maxRelError) && maxRelError <= kFdTolerance; }

std::vector<char> dependsOn(const Tape& tape, int root) {
  std::vector<char> on(static_cast<std::size_t>(root) + 1, 0);
  on[static_cast<std::size_t>(root)] = 1;
  for (int i = root; i >= 0; --i) {  // inputs come before their node: one sweep down the tape
    if (!on[static_cast<std::size_t>(i)]) continue;
    const Node& n = tape.node(i);
    if (n.a >= 0) on[static_cast<std::size_t>(n.a)] = 1;
    if (n.b >= 0) on[static_cast<std::size_t>(n.b)] = 1;
  }
  return on;
}

double kinkReach(double h) { return std::max(1e-4, 10 * h); }

std::string kinkAt(const Tape& tape, int root, double h, int variable) {
  const std::vector<char> reaches = dependsOn(tape, root);
  const double reach = kinkReach(h);
  for (int i = root; i >= 0; --i) {
    if (!reaches[static_cast<std::size_t>(i)]) continue;
    const Node& n = tape.node(i);
    if (!opInfo(n.op).kink) continue;  // the op row says whether its derivative has a kink at 0
    if (variable >= 0 && (variable > n.a || !dependsOn(tape, n.a)[static_cast<std::size_t>(variable)])) continue;
    const Matrix& in = tape.node(n.a).value;
    for (Index k = 0; k < in.size(); ++k) {
      if (std::abs(in.data()[k]) < reach) {
        return std::string(opInfo(n.op).name) + "'s argument is 0" + (in.size() > 1 ? " (entry " + std::to_string(k + 1) + ")" : "");
      }
    }
  }
  return "";
}

FdVerdict fdVerdict(double maxRelError, const std::string& kink) {
  FdVerdict v;
  v.passed = fdPassed(maxRelError);
  v.nearKink = !kink.empty();
  if (v.nearKink) {
    v.status = "kink";
    v.note = "a kink: " + kink + " at this point, where the derivative is not defined (the engine takes a "
             "one-sided value; central differences straddle the kink), so the comparison decides nothing";
  } else if (v.passed) {
    v.status = "passed";
  } else {
    v.status = "failed";
    v.note = std::isfinite(maxRelError) ? "the analytic derivative and central differences disagree"
                                        : "the comparison gave no finite number";
  }
  return v;
}

FdVerdict fdVerdictOfAll(const std::vector<FdVerdict>& each) {
  FdVerdict all;
  all.passed = true;
  all.status = "passed";
  for (const FdVerdict& v : each) {
    all.passed = all.passed && v.passed;
    if (v.status == "failed" && all.status != "failed") {
      all.status = "failed";
      all.note = v.note;
    } else if (v.nearKink && !all.nearKink) {
      all.nearKink = true;
      if (all.status != "failed") {
        all.status = "kink";
        all.note = v.note;
      }
    }
  }
  return all;
}

}  // namespace mc
