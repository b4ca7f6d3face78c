#include "trace/step_trace.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "trace/matrix_json.hpp"

namespace mc::trace {

StepTrace traceStep(Tape& tape, Var loss, const std::vector<ParameterRef>& parameters, double learningRate,
                    const StepTraceOptions& options) {
  StepTrace t;
  t.graph = traceGraph(tape, loss, options.graph);  // runs backward: every grad is d loss / d node
  t.loss = loss.value()(0, 0);
  t.learningRate = learningRate;
  std::vector<Var> vars;
  for (const ParameterRef& p : parameters) {
    if (p.var.tape != &tape) throw std::invalid_argument("traceStep: parameter " + p.name + " is not on this tape");
    t.parameters.push_back({p.var.id, p.name, p.layer, p.role, p.var.value(), p.var.grad(), Matrix()});
    vars.push_back(p.var);
  }
  // Reads Node::grad and only re-runs values (restored after), so the gradients stay for the update.
  t.gradientCheck = checkGradients(tape, loss, vars, options.fdStep, options.fdMaxEntries);
  // Weights layer by layer, then biases layer by layer (the order the page is most likely to ask for).
  std::vector<const ParameterRef*> order;
  for (const ParameterRef& p : parameters) order.push_back(&p);
  std::stable_sort(order.begin(), order.end(), [](const ParameterRef* a, const ParameterRef* b) {
    const bool wa = a->role == "weight", wb = b->role == "weight";
    return wa != wb ? wa : a->layer < b->layer;
  });
  for (const ParameterRef* p : order) {
    for (Index c = 0; c < p->var.cols(); ++c)
      for (Index r = 0; r < p->var.rows(); ++r) {
        if (static_cast<int>(t.chains.size()) >= options.maxChains) return t;
        t.chains.push_back(chainOfFactors(tape, loss, p->var, r, c, options.chainLimits));
      }
  }
  return t;
}

void to_json(nlohmann::json& j, const ParameterStep& p) {
  j = nlohmann::json{{"id", p.id},         {"name", p.name},
                     {"layer", p.layer},   {"role", p.role},
                     {"shape", shapeText(p.before)},
                     {"before", matrixJson(p.before)}, {"gradient", matrixJson(p.gradient)}};
  if (p.after.size() > 0) j["after"] = matrixJson(p.after);
}

void to_json(nlohmann::ordered_json& j, const StepTrace& t) {
  j = nlohmann::ordered_json::object();
  writeTraceHead(j, t.graph, "training-step");
  j["loss"] = t.loss;
  if (t.dataLoss) j["dataLoss"] = *t.dataLoss;
  j["optimizer"] = t.optimizer;
  j["learningRate"] = t.learningRate;
  if (!t.updateRule.empty()) j["updateRule"] = t.updateRule;
  if (!t.step.is_null()) j["step"] = t.step;
  if (!t.nodes.is_null()) j["nodes"] = t.nodes;
  writeTraceNodes(j, t.graph);
  j["parameters"] = nlohmann::json(t.parameters);
  j["gradientCheck"] = nlohmann::json(t.gradientCheck);
  j["chains"] = nlohmann::json(t.chains);
}

void to_json(nlohmann::json& j, const StepTrace& t) { j = nlohmann::ordered_json(t); }

}  // namespace mc::trace
