#include "trace/gradient_check.hpp"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "autodiff/derivatives.hpp"
#include "trace/matrix_json.hpp"

namespace mc::trace {

namespace {

double rootAt(Tape& tape, Var root, Var x, const Matrix& value) {
  tape.setValue(x, value);
  tape.recompute();
  return root.value()(0, 0);
}

VariableCheck checkOne(Tape& tape, Var root, Var x, double h, Index maxEntries) {
  VariableCheck c;
  c.id = x.id;
  const Matrix x0 = x.value();
  const Matrix g = x.grad();
  c.entries = x0.size();
  c.entriesChecked = maxEntries > 0 && maxEntries < c.entries ? maxEntries : c.entries;
  c.numeric = Matrix::Constant(x0.rows(), x0.cols(), std::numeric_limits<double>::quiet_NaN());
  Matrix probe = x0;
  double worst = -1;
  for (Index k = 0; k < c.entriesChecked; ++k) {
    const Index e = c.entriesChecked == c.entries ? k : k * c.entries / c.entriesChecked;  // evenly spaced
    probe(e) = x0(e) + h;
    const double up = rootAt(tape, root, x, probe);
    probe(e) = x0(e) - h;
    const double down = rootAt(tape, root, x, probe);
    probe(e) = x0(e);
    const double numeric = (up - down) / (2 * h), analytic = g(e);
    c.numeric(e) = numeric;
    const double err = std::abs(analytic - numeric);
    const double rel = fdRelativeError(analytic, numeric);
    c.maxAbsError = std::max(c.maxAbsError, err);
    if (rel > worst || std::isnan(rel)) {
      worst = rel;
      c.worstRow = e % x0.rows();
      c.worstCol = e / x0.rows();
    }
  }
  c.maxRelError = worst;
  tape.setValue(x, x0);
  tape.recompute();
  c.verdict = fdVerdict(c.maxRelError, kinkAt(tape, root.id, h, x.id));
  return c;
}

}  // namespace

GradientCheck checkGradients(Tape& tape, Var root, const std::vector<Var>& variables, double h, Index maxEntries) {
  if (root.tape != &tape) throw std::invalid_argument("checkGradients: the root is not on this tape");
  if (!isScalar(root.value())) {
    throw ShapeError("checkGradients: the root is " + shapeText(root.value()) + ", not 1x1");
  }
  if (!(h > 0)) throw std::invalid_argument("checkGradients: the step h must be positive, got " + std::to_string(h));
  GradientCheck out;
  out.step = h;
  out.relFloor = kFdRelFloor;
  out.tolerance = kFdTolerance;
  for (const Var& x : variables) {
    if (x.tape != &tape || tape.node(x.id).op != Op::Variable) {
      throw std::invalid_argument("checkGradients: node " + std::to_string(x.id) + " is not a variable of this tape");
    }
    VariableCheck c = checkOne(tape, root, x, h, maxEntries);
    // NaN (a diverged step) must show, so it is never lost in a max.
    if (std::isnan(c.maxRelError) || !(out.maxRelError >= c.maxRelError)) out.maxRelError = c.maxRelError;
    if (std::isnan(c.maxAbsError) || !(out.maxAbsError >= c.maxAbsError)) out.maxAbsError = c.maxAbsError;
    out.variables.push_back(std::move(c));
  }
  std::vector<FdVerdict> each;
  for (const VariableCheck& c : out.variables) each.push_back(c.verdict);
  out.verdict = fdVerdictOfAll(each);
  return out;
}

void addVerdict(nlohmann::json& j, const FdVerdict& v) {
  j["passed"] = v.passed;
  j["nearKink"] = v.nearKink;
  j["status"] = v.status;
  j["note"] = v.note;
}

void to_json(nlohmann::json& j, const VariableCheck& c) {
  j = nlohmann::json{{"id", c.id},
                     {"entries", c.entries},
                     {"entriesChecked", c.entriesChecked},
                     {"maxRelError", finiteOrNull(c.maxRelError)},
                     {"maxAbsError", finiteOrNull(c.maxAbsError)},
                     {"worstEntry", {c.worstRow, c.worstCol}},
                     {"numeric", matrixJson(c.numeric)}};
  addVerdict(j, c.verdict);
}

void to_json(nlohmann::json& j, const GradientCheck& c) {
  j = nlohmann::json{{"method", "central differences"},     {"step", c.step},
                     {"relFloor", c.relFloor},              {"maxRelError", finiteOrNull(c.maxRelError)},
                     {"maxAbsError", finiteOrNull(c.maxAbsError)}, {"variables", c.variables},
                     {"tolerance", c.tolerance}};
  addVerdict(j, c.verdict);
}

}  // namespace mc::trace
