#include "symbolic/verify.hpp"

#include "autodiff/derivatives.hpp"
#include "expr/special_values.hpp"
#include "symbolic/eval.hpp"

#include <algorithm>
#include <cmath>
#include <exception>

namespace mc::sym {

namespace {

// splitmix64: the same numbers natively and in wasm (the standard distributions differ between them)
struct Random {
  std::uint64_t state;
  double uniform(double lo, double hi) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return lo + (hi - lo) * static_cast<double>(z >> 11) * 0x1.0p-53;
  }
};

double maxRel(const Matrix& a, const Matrix& b) {
  double worst = 0;
  for (Index i = 0; i < a.size(); ++i) {
    const double x = a.data()[i], y = b.data()[i];
    if (!std::isfinite(x) || !std::isfinite(y)) return std::numeric_limits<double>::infinity();
    worst = std::max(worst, fdRelativeError(x, y));
  }
  return worst;
}

}  // namespace

Matrix evaluateAt(const Tape& tape, const Derivation& d, const Names& names) {
  Values values;
  for (const auto& [id, name] : names.variables) values[name] = tape.node(id).value;
  for (const Definition& def : d.where) values[def.name] = evaluate(def.value, values);
  return evaluate(d.derivative, values);
}

bool atKink(const Tape& tape, int output) { return !expr::kinkAt(tape, output).empty(); }

Check verify(Tape& tape, int output, int wrt, const Derivation& d, const Names& names, int randomPoints, std::uint64_t seed) {
  Check c;
  std::vector<Matrix> saved;
  for (const auto& [id, name] : names.variables) saved.push_back(tape.node(id).value);
  const Var y = tape.var(output), x = tape.var(wrt);
  Random rng{seed};
  bool ok = true;
  const auto compare = [&]() {  // false: the derivative is not finite here, so there is nothing to compare
    Matrix reverse = jacobianReverse(tape, y, x);
    if (!reverse.allFinite()) return false;
    const Matrix closed = evaluateAt(tape, d, names);
    Matrix numeric = finiteDifferenceJacobian(tape, y, x);
    if (d.gradient) {  // the gradient is shaped like x; the Jacobian is its vec as a row
      reverse = Eigen::Map<const Matrix>(reverse.data(), x.rows(), x.cols()).eval();
      numeric = Eigen::Map<const Matrix>(numeric.data(), x.rows(), x.cols()).eval();
    }
    const double r = maxRel(closed, reverse), f = maxRel(closed, numeric);
    c.maxRelError = std::max(c.maxRelError, r);
    c.maxRelErrorNumeric = std::max(c.maxRelErrorNumeric, f);
    ok &= r <= kAgreeReverse && f <= kAgreeDifferences;
    ++c.points;
    return true;
  };
  if (!tape.node(output).value.allFinite()) {
    c.note = "the output is not finite at the given point, so the derivative is undefined there; checked at random points";
  } else if (atKink(tape, output)) {
    c.note = "the given point is at a kink (a relu or abs argument is 0), where the derivative is not defined; checked at random points";
  } else if (compare()) {
    c.userPointChecked = true;
  } else {
    c.note = "the derivative is not finite at the given point (it is undefined there); checked at random points";
  }
  for (int p = 0, tries = 0; p < randomPoints && tries < 40; ++tries) {
    const bool positive = tries % 2 == 1;  // every other draw positive only: log, sqrt and ^0.5 need it
    for (const auto& [id, name] : names.variables) {
      Matrix v = tape.node(id).value;
      for (Index k = 0; k < v.size(); ++k) v.data()[k] = positive ? rng.uniform(0.2, 2) : rng.uniform(-2, 2);
      tape.setValue(tape.var(id), v);
    }
    try {
      tape.recompute();
      if (!tape.node(output).value.allFinite() || atKink(tape, output)) continue;
      if (compare()) ++p;
    } catch (const std::exception&) {
      continue;  // an op refuses this draw (a singular matrix for inv or logdet): draw another point
    }
  }
  std::size_t i = 0;
  for (const auto& [id, name] : names.variables) tape.setValue(tape.var(id), saved[i++]);
  tape.recompute();
  tape.zeroGrad();
  c.passed = ok && c.points > 0;
  if (c.points == 0) c.note += (c.note.empty() ? "" : "; ") + std::string("no point where the output is finite was found");
  return c;
}

}  // namespace mc::sym
