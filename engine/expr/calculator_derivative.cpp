#include "expr/calculator_derivative.hpp"

#include "autodiff/derivatives.hpp"
#include "expr/calculator.hpp"
#include "expr/printer.hpp"
#include "expr/special_values.hpp"
#include "trace/gradient_check.hpp"
#include "trace/matrix_json.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace mc::expr {

using nlohmann::json;
using trace::finiteOrNull;  // null for a non-finite number, as the trace writes them
using trace::matrixJson;    // {rows, cols, data}, null for a non-finite entry: the trace's own writer

namespace {

constexpr double kMaxWork = 2e8;         // entries touched, summed over every pass of every sweep
constexpr double kAgreeTolerance = 1e-9;  // reverse vs forward, relative to the largest entry

json shapeJson(const Matrix& m) { return shapeText(m); }  // "2x3", as the trace writes shapes

bool allFinite(const Matrix& m) { return m.allFinite(); }

// Entries touched by one evaluation of the tape (a matrix product counts its multiply-adds).
double tapeWork(const Tape& tape) {
  double work = 0;
  for (int i = 0; i < tape.size(); ++i) {
    const Node& n = tape.node(i);
    if (n.op == Op::MatMul) {
      const Matrix& a = tape.node(n.a).value;
      work += static_cast<double>(a.rows()) * static_cast<double>(a.cols()) * static_cast<double>(n.value.cols());
    } else {
      work += static_cast<double>(n.value.size());
    }
  }
  return work;
}

}  // namespace

void addDerivative(Tape& tape, const CalculatorRequest& request, Var y, const std::string& outName,
                   const std::vector<const Binding*>& wrts, json& answer, json& warnings) {
  const bool single = wrts.size() == 1;
  const Var x0 = wrts.front()->var;
  std::string wrtName;
  json wrtJson = json::array();
  Index n = 0;
  for (const Binding* w : wrts) {
    wrtName += (wrtName.empty() ? "" : ", ") + w->name;
    wrtJson.push_back(w->name);
    n += w->var.value().size();
  }
  if (!single) wrtName = "(" + wrtName + ")";
  const Index m = y.value().size();
  if (static_cast<double>(m) * static_cast<double>(n) > static_cast<double>(kMaxEntries)) {
    badRequest("the Jacobian of " + outName + " (" + std::to_string(m) + " entries) by " + wrtName + " (" +
               std::to_string(n) + " entries) would have more than " + std::to_string(kMaxEntries) + " entries");
  }
  // mc::cheaperMode's rule: reverse costs a pass per output entry, forward a sweep per input entry
  const Mode cheaper = single ? cheaperMode(y, x0) : (m <= n ? Mode::Reverse : Mode::Forward);
  const bool wantReverse = request.mode == "both" || request.mode == "reverse" || (request.mode == "auto" && cheaper == Mode::Reverse);
  const bool wantForward = request.mode == "both" || request.mode == "forward" || (request.mode == "auto" && cheaper == Mode::Forward);
  const double passes = (wantReverse ? static_cast<double>(m) * static_cast<double>(wrts.size()) : 0) +
                        (wantForward ? static_cast<double>(n) : 0) + (request.check ? 2.0 * static_cast<double>(n) : 0);
  if (passes * 2 * tapeWork(tape) > kMaxWork) {
    badRequest("differentiating " + outName + " by " + wrtName + " takes about " + formatNumber(passes) +
               " sweeps over a tape of " + std::to_string(tape.size()) + " nodes: too much work here; use smaller shapes" +
               (request.check ? " or \"check\": false" : ""));
  }
  Matrix reverse, forward;
  if (wantReverse) reverse.resize(m, n);
  if (wantForward) forward.resize(m, n);
  json columns = json::array();
  Index first = 0;
  for (const Binding* w : wrts) {  // one block of columns per variable
    const Index count = w->var.value().size();
    if (wantReverse) reverse.middleCols(first, count) = jacobianReverse(tape, y, w->var);
    if (wantForward) forward.middleCols(first, count) = jacobianForward(tape, y, w->var);
    columns.push_back({{"name", w->name}, {"first", first}, {"count", count}, {"shape", shapeJson(w->var.value())}});
    first += count;
  }
  const Mode shown = wantReverse && wantForward ? cheaper : (wantReverse ? Mode::Reverse : Mode::Forward);
  const Matrix& jac = shown == Mode::Reverse ? reverse : forward;
  const bool anyMatrix = y.cols() > 1 || std::any_of(wrts.begin(), wrts.end(), [](const Binding* w) { return w->var.cols() > 1; });

  json derivative;
  derivative["of"] = outName;
  derivative["wrt"] = single ? json(wrts.front()->name) : wrtJson;
  derivative["mode"] = modeName(shown);
  derivative["jacobian"] = matrixJson(jac);
  derivative["jacobianShape"] = shapeText(m, n);
  derivative["columns"] = columns;
  if (m == 1 && single) {
    const Matrix g = Eigen::Map<const Matrix>(jac.data(), x0.rows(), x0.cols());
    derivative["kind"] = "gradient";
    derivative["shape"] = shapeJson(g);
    derivative["value"] = matrixJson(g);
    derivative["layout"] = "gradient: shaped like " + wrtName + " (" + shapeText(x0.value()) + "); entry (i, j) is d " +
                           outName + " / d " + wrtName + "(i, j). The Jacobian (numerator layout) is the 1 x " +
                           std::to_string(n) + " row of the same numbers" +
                           (x0.cols() > 1 ? ", " + wrtName + "'s entries taken column by column" : "");
  } else if (m == 1) {
    const Matrix g = jac.transpose();
    derivative["kind"] = "gradient";
    derivative["shape"] = shapeJson(g);
    derivative["value"] = matrixJson(g);
    derivative["layout"] = "gradient: a column of " + std::to_string(n) + " partial derivatives of " + outName +
                           ", by the entries of " + wrtName + " in that order" +
                           (anyMatrix ? " (entries of a matrix taken column by column)" : "") +
                           ". The Jacobian (numerator layout) is the 1 x " + std::to_string(n) + " row of the same numbers";
  } else {
    derivative["kind"] = "jacobian";
    derivative["shape"] = shapeText(m, n);
    derivative["value"] = matrixJson(jac);
    derivative["layout"] = "numerator layout: " + std::to_string(m) + " x " + std::to_string(n) + ", row i is entry i of " +
                           outName + ", column j is entry j of " + wrtName +
                           (single ? "" : " (each variable's columns in that order)") +
                           (anyMatrix ? " (entries of a matrix are taken column by column)" : "");
  }
  if (!allFinite(jac)) {
    derivative["nonFinite"] = nonFiniteEntries(jac);
    if (allFinite(y.value())) warnings.push_back("the derivative is " + nonFiniteWords(jac) + " at this point");
  }
  answer["derivative"] = derivative;

  json modes;
  modes["cheaper"] = modeName(cheaper);
  modes["why"] = "reverse mode needs one backward pass per entry of " + outName + " (" + std::to_string(m) +
                 "), forward mode one tangent sweep per entry of " + wrtName + " (" + std::to_string(n) + ")";
  modes["reversePasses"] = m;
  modes["forwardPasses"] = n;
  modes["requested"] = request.mode;
  if (wantReverse) modes["reverse"] = matrixJson(reverse);
  if (wantForward) modes["forward"] = matrixJson(forward);
  if (wantReverse && wantForward) {  // the same infinity (or NaN) in both counts as agreeing
    double diff = 0;
    modes["agree"] = sameValues(reverse, forward, kAgreeTolerance, diff);
    modes["maxDifference"] = finiteOrNull(diff);
  }
  answer["modes"] = modes;

  if (request.check) {  // one finite-difference check per variable, merged
    Matrix numeric(m, n);
    double maxAbs = 0, maxRel = -1;
    Index worstRow = 0, worstCol = 0;
    first = 0;
    for (const Binding* w : wrts) {
      const Index count = w->var.value().size();
      const FdReport fd = checkJacobian(tape, y, w->var, jac.middleCols(first, count), request.step);
      numeric.middleCols(first, count) = fd.numeric;
      maxAbs = std::max(maxAbs, fd.maxAbsError);
      if (fd.maxRelError > maxRel || std::isnan(fd.maxRelError)) {
        maxRel = fd.maxRelError;
        worstRow = fd.worstRow;
        worstCol = first + fd.worstCol;
      }
      first += count;
    }
    const double a = jac(worstRow, worstCol), f = numeric(worstRow, worstCol);
    // the one rule (autodiff/fd_check.hpp): passed, failed, or near a kink; or no derivative to check
    // at all: a value that is not finite
    FdVerdict verdict = fdVerdict(maxRel, kinkAt(tape, y.id, request.step));
    if (!allFinite(y.value()) || !allFinite(jac)) {
      verdict.status = "undefined";
      verdict.note = "the " + std::string(allFinite(y.value()) ? "derivative" : "value") + " is " +
                     nonFiniteWords(allFinite(y.value()) ? jac : y.value()) +
                     " at this point: the derivative is undefined there, so there is nothing to compare";
    }
    answer["check"] = {{"step", request.step},
                       {"method", "central differences (f(x + h e_j) - f(x - h e_j)) / 2h"},
                       {"maxAbsError", finiteOrNull(maxAbs)},
                       {"maxRelError", finiteOrNull(maxRel)},
                       {"relFloor", kFdRelFloor},
                       {"tolerance", kFdTolerance},
                       {"numeric", matrixJson(numeric)},
                       {"worst", {{"row", worstRow}, {"col", worstCol},
                                  {"analytic", finiteOrNull(a)},
                                  {"numeric", finiteOrNull(f)}}}};
    trace::addVerdict(answer["check"], verdict);
  }
}

}  // namespace mc::expr
