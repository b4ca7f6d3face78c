#include "symbolic/answer.hpp"

#include "autodiff/derivatives.hpp"
#include "symbolic/common.hpp"
#include "symbolic/op_rules.hpp"
#include "symbolic/print.hpp"
#include "symbolic/program.hpp"
#include "symbolic/to_tape.hpp"
#include "trace/matrix_json.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace mc::sym {

using nlohmann::json;

namespace {

constexpr int kRandomPoints = 3;

json form(const Expr& e) { return {{"text", text(e)}, {"latex", latex(e)}}; }

// An expression as a tree: {k: kind, r, c, a: [arguments], v: name | number | function | rows of a literal}.
json tree(const Expr& e) {
  static const char* kKinds[] = {"variable", "number", "literal", "zero", "identity", "ones", "add", "scale", "matmul",
                                 "transpose", "hadamard", "divide", "power", "apply", "sum", "stack", "diag",
                                 "det", "logdet", "inverse", "kron", "vec"};
  json out = {{"k", kKinds[static_cast<int>(e->kind)]}, {"r", e->rows}, {"c", e->cols}};
  json args = json::array();
  for (const Expr& a : e->args) args.push_back(tree(a));
  if (!args.empty()) out["a"] = args;
  switch (e->kind) {
    case Kind::Variable: out["v"] = e->name; break;
    case Kind::Number: case Kind::Scale: case Kind::Power: out["v"] = e->number; break;
    case Kind::Apply: out["v"] = fnName(e->fn); break;
    case Kind::Literal: {
      json rows = json::array();
      for (Index r = 0; r < e->literal.rows(); ++r) {
        json row = json::array();
        for (Index c = 0; c < e->literal.cols(); ++c) row.push_back(e->literal(r, c));
        rows.push_back(row);
      }
      out["v"] = rows;
      break;
    }
    default: break;
  }
  return out;
}

json checkJson(const Check& c) {
  return {{"points", c.points},
          {"maxRelError", trace::finiteOrNull(c.maxRelError)},
          {"maxRelErrorNumeric", trace::finiteOrNull(c.maxRelErrorNumeric)},
          {"against", "reverse-mode AD (tolerance 1e-9) and central differences (tolerance 1e-5), relative"},
          {"passed", c.passed},
          {"userPoint", c.userPointChecked},
          {"note", c.note}};
}

// H v against (g(x + h v) - g(x - h v)) / 2h, g by reverse mode on the program's tape.
json hessianCheck(Tape& tape, Var y, Var x, const Matrix& h) {
  const Matrix x0 = x.value();
  double worst = 0;
  const int directions = 3;
  std::uint64_t state = 11;
  for (int k = 0; k < directions; ++k) {
    Matrix v(x0.rows(), x0.cols());
    for (Index i = 0; i < v.size(); ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      v.data()[i] = static_cast<double>(state >> 11) * 0x1.0p-53 * 2 - 1;
    }
    const double step = 1e-5;
    tape.setValue(x, x0 + step * v);
    tape.recompute();
    const Matrix gp = gradient(tape, y, x);
    tape.setValue(x, x0 - step * v);
    tape.recompute();
    const Matrix gm = gradient(tape, y, x);
    const Matrix fd = (gp - gm) / (2 * step);
    const Matrix hv = h * Eigen::Map<const Eigen::VectorXd>(v.data(), v.size());
    for (Index i = 0; i < hv.size(); ++i) {
      const double a = hv(i), b = fd.data()[i];
      worst = std::max(worst, std::abs(a - b) / std::max({std::abs(a), std::abs(b), kRelFloor}));
    }
  }
  tape.setValue(x, x0);
  tape.recompute();
  tape.zeroGrad();
  return {{"directions", directions},
          {"method", "H v against differences of reverse-mode gradients (g(x + hv) - g(x - hv)) / 2h, h = 1e-5"},
          {"maxRelError", trace::finiteOrNull(worst)},
          {"tolerance", 1e-5},
          {"passed", std::isfinite(worst) && worst <= 1e-5}};
}

void addHessian(Tape& tape, Var y, Var x, const Derivation& d, const Names& names, json& answer) {
  if (y.value().size() != 1) {
    answer["hessian"] = nullptr;
    answer["hessianUnavailable"] = "the Hessian is given for a scalar output";
    return;
  }
  std::map<std::string, Matrix> values;
  for (const auto& [id, name] : names.variables) values[name] = tape.node(id).value;
  Tape second;  // the gradient's closed form, recorded so AD differentiates it again
  const Recorded r = record(second, d.derivative, d.where, values);
  const Var xs = r.vars.at(names.variables.at(x.id));
  const Matrix h = jacobianReverse(second, r.output, xs);  // size(g) x size(x), vec order
  json out = {{"value", trace::matrixJson(h)}, {"shape", shapeText(h.rows(), h.cols())},
              {"order", "by the variable's entries in vec order (column by column)"}};
  try {
    const Derivation hd = derive(second, r.output.id, xs.id, r.names);
    out["symbolic"] = {{"text", text(hd.derivative)}, {"latex", latex(hd.derivative)}};
    for (const Definition& def : hd.where) out["symbolic"]["where"].push_back({{"name", def.name}, {"text", text(def.value)}});
  } catch (const std::exception& e) {
    out["symbolic"] = nullptr;
    out["symbolicUnavailable"] = e.what();
  }
  out["check"] = hessianCheck(tape, y, x, h);
  answer["hessian"] = out;
}

}  // namespace

void addSymbolic(Tape& tape, const expr::Compiled& compiled, Var output, const std::vector<const expr::Binding*>& wrts,
                 bool hessian, json& answer) {
  answer["symbolic"] = nullptr;
  if (wrts.size() != 1) {
    answer["symbolicUnavailable"] = "a closed form is given for one variable at a time: ask for each";
    return;
  }
  const Var x = wrts.front()->var;
  const Names names = namesOf(compiled);
  Derivation d;
  try {
    d = derive(tape, output.id, x.id, names);
  } catch (const std::exception& e) {  // NoClosedForm, BudgetExceeded: the answer stays numeric
    answer["symbolicUnavailable"] = e.what();
    if (hessian) answer["hessian"] = nullptr, answer["hessianUnavailable"] = e.what();
    return;
  }
  const std::string& xName = wrts.front()->name;
  json s;
  s["text"] = text(d.derivative);
  s["latex"] = latex(d.derivative);
  s["shape"] = shapeOf(d.derivative);
  json where = json::array();
  for (const Definition& def : shownWhere(d)) {
    where.push_back({{"name", def.name}, {"text", text(def.value)}, {"latex", latex(def.value)}, {"introduced", def.introduced}});
  }
  s["where"] = where;
  s["program"] = program(d);
  const Expr flipped = d.gradient ? numeratorForm(d.derivative) : transpose(d.derivative);
  if (d.gradient) {
    s["layout"] = "gradient: shaped like " + xName + ", the same layout as the numbers below";
    s["numerator"] = form(flipped);
    s["numerator"]["note"] = "the paper's numerator layout: the transpose of the gradient (a row for a vector " + xName + ")";
    s["denominator"] = form(d.derivative);
    s["denominator"]["note"] = "denominator layout (matrixcalculus.org's for a scalar by a vector) is the gradient itself";
  } else {
    const bool vecForm = x.cols() != 1 || output.cols() != 1;
    s["layout"] = vecForm ? "numerator, in vec form: d vec(y) / d vec(" + xName + "), size(y) x size(" + xName +
                                "), the same layout as the numbers below"
                          : std::string("numerator: the m x n Jacobian, the same layout as the numbers below");
    s["numerator"] = form(d.derivative);
    s["denominator"] = form(flipped);
    s["denominator"]["note"] = "denominator layout is the transpose of the paper's numerator-layout Jacobian; "
                               "matrixcalculus.org writes vector-by-vector derivatives in numerator layout, as the paper";
  }
  json steps = json::array();
  for (const Step& st : d.steps) {
    int item = 0;  // the lesson's number (the paper's checklist item) the page links the rule to
    for (int r = 0; r < static_cast<int>(Rule::Count); ++r) {
      if (st.lesson == ruleInfo(static_cast<Rule>(r)).id) item = ruleInfo(static_cast<Rule>(r)).paperItem;
    }
    steps.push_back({{"rule", st.rule}, {"text", st.text}, {"latex", st.latex}, {"lesson", st.lesson}, {"lessonItem", item}});
  }
  s["steps"] = steps;
  {  // the trees the page prints as NumPy and PyTorch code (code_export.js)
    json defs = json::array();
    for (const Definition& def : d.where) defs.push_back({def.name, tree(def.value)});
    s["tree"] = {{"where", defs}, {"value", tree(d.output)}, {"derivative", tree(d.derivative)}};
  }
  s["check"] = checkJson(verify(tape, output.id, x.id, d, names, kRandomPoints, 1));
  answer["symbolic"] = s;
  if (hessian) {
    try {
      addHessian(tape, output, x, d, names, answer);
    } catch (const std::exception& e) {
      answer["hessian"] = nullptr;
      answer["hessianUnavailable"] = e.what();
    }
  }
}

}  // namespace mc::sym
