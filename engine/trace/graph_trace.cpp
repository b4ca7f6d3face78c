#include "trace/graph_trace.hpp"

#include <nlohmann/json.hpp>

#include "trace/matrix_json.hpp"

namespace mc::trace {

namespace {

const Matrix kNone;

bool isLeaf(Op op) { return op == Op::Variable || op == Op::Constant; }


LocalJacobian localJacobian(const Tape& tape, const Node& n, int slot, Index maxFull) {
  const OpInfo& info = opInfo(n.op);
  const int inputId = slot == 0 ? n.a : n.b;
  const Node& in = tape.node(inputId);
  LocalJacobian l;
  l.input = inputId;
  l.slot = slot;
  l.needsGrad = in.needsGrad;
  l.rows = n.value.size();
  l.cols = in.value.size();
  if (!l.needsGrad) return l;
  const OpArgs args = argsOf(tape, n);
  l.structure = describeJacobian(n.op, slot, args);
  l.full = l.rows * l.cols <= maxFull;
  if (l.full) l.matrix = info.jacobian(slot, args);
  // The same vector-Jacobian product backward used, so the shares add up to Node::grad.
  l.downstream = Matrix::Zero(in.value.rows(), in.value.cols());
  info.vjp(slot, args, n.grad, l.downstream);
  return l;
}

}  // namespace

ForwardNode forwardNode(const Tape& tape, int id) {
  const Node& n = tape.node(id);
  const OpInfo& info = opInfo(n.op);
  ForwardNode f;
  f.id = id;
  f.op = info.name;
  f.kind = n.op == Op::Variable ? "variable" : n.op == Op::Constant ? "constant" : "op";
  f.label = tape.label(id);
  LabelParts parts = splitLabel(f.label);
  f.scope = std::move(parts.scope);
  f.name = std::move(parts.name);
  if (n.a >= 0) f.inputs.push_back(n.a);
  if (n.b >= 0) f.inputs.push_back(n.b);
  f.hasParam = info.parameter != nullptr;
  f.param = n.param;
  f.needsGrad = n.needsGrad;
  f.rule = ruleRef(info.rule);
  f.value = n.value;
  return f;
}

OpArgs argsOf(const Tape& tape, const Node& n) {
  return OpArgs{tape.node(n.a).value, n.b >= 0 ? tape.node(n.b).value : kNone, n.param, n.value};
}

LabelParts splitLabel(const std::string& label) {
  static const std::string kSep = " / ";
  const std::size_t at = label.rfind(kSep);
  if (at == std::string::npos) return {"", label};
  return {label.substr(0, at), label.substr(at + kSep.size())};
}

RuleRef ruleRef(Rule rule) {
  const RuleInfo& r = ruleInfo(rule);
  return {r.id, r.paperItem, r.section, r.name, r.formula};
}

GraphTrace traceGraph(Tape& tape, Var root, const TraceOptions& options) {
  if (root.tape != &tape) throw std::invalid_argument("traceGraph: the root is not on this tape");
  const int r = root.id;
  if (options.runBackward) {
    tape.zeroGrad();
    if (options.seed.size() == 0) tape.backward(root);  // throws ShapeError unless the root is 1x1
    else tape.backward(root, options.seed);
  }

  const std::vector<char> on = dependsOn(tape, r);
  GraphTrace t;
  t.root = r;
  for (int i = 0; i < tape.size(); ++i) {
    t.forward.push_back(forwardNode(tape, i));
    t.forward.back().reachesRoot = i <= r && on[static_cast<std::size_t>(i)];
  }

  // Who uses whom: consumers[i] lists (consumer, slot) in tape order.
  std::vector<std::vector<std::pair<int, int>>> consumers(static_cast<std::size_t>(r) + 1);
  for (int i = 0; i <= r; ++i) {
    if (!on[static_cast<std::size_t>(i)]) continue;
    const Node& n = tape.node(i);
    if (n.a >= 0) consumers[static_cast<std::size_t>(n.a)].push_back({i, 0});
    if (n.b >= 0) consumers[static_cast<std::size_t>(n.b)].push_back({i, 1});
  }

  std::vector<BackwardNode> byId(static_cast<std::size_t>(r) + 1);
  for (int i = r; i >= 0; --i) {
    const Node& n = tape.node(i);
    if (!on[static_cast<std::size_t>(i)] || (!n.needsGrad && i != r)) continue;
    BackwardNode& b = byId[static_cast<std::size_t>(i)];
    b.id = i;
    b.upstream = n.grad;
    b.rule = ruleRef(opInfo(n.op).rule);
    if (!isLeaf(n.op) && n.needsGrad) {
      b.inputs.push_back(localJacobian(tape, n, 0, options.maxFullJacobian));
      if (n.b >= 0) b.inputs.push_back(localJacobian(tape, n, 1, options.maxFullJacobian));
    }
    for (const auto& [consumer, slot] : consumers[static_cast<std::size_t>(i)]) {
      if (b.consumers.empty() || b.consumers.back() != consumer) b.consumers.push_back(consumer);
    }
  }
  // Every consumer has been visited (it comes later on the tape): gather the shares.
  for (int i = r; i >= 0; --i) {
    BackwardNode& b = byId[static_cast<std::size_t>(i)];
    if (b.id < 0) continue;
    const auto& uses = consumers[static_cast<std::size_t>(i)];
    if (uses.size() >= 2) {
      b.contributionSum = Matrix::Zero(tape.node(i).value.rows(), tape.node(i).value.cols());
      for (const auto& [consumer, slot] : uses) {
        const BackwardNode& from = byId[static_cast<std::size_t>(consumer)];
        for (const LocalJacobian& l : from.inputs) {
          if (l.slot != slot) continue;
          b.contributions.push_back({consumer, slot, l.downstream});
          b.contributionSum += l.downstream;
        }
      }
    }
  }
  for (int i = r; i >= 0; --i) {
    if (byId[static_cast<std::size_t>(i)].id >= 0) t.backward.push_back(std::move(byId[static_cast<std::size_t>(i)]));
  }
  return t;
}

void to_json(nlohmann::json& j, const RuleRef& r) {
  j = nlohmann::json{{"id", r.id}, {"paperItem", r.paperItem}, {"section", r.section}, {"name", r.name}, {"formula", r.formula}};
}

void to_json(nlohmann::json& j, const ForwardNode& n) {
  j = nlohmann::json{{"id", n.id},         {"op", n.op},         {"kind", n.kind},
                     {"label", n.label},   {"scope", n.scope},   {"name", n.name},
                     {"inputs", n.inputs}, {"needsGrad", n.needsGrad}, {"reachesRoot", n.reachesRoot},
                     {"shape", shapeText(n.value)}, {"rule", n.rule}, {"value", matrixJson(n.value)}};
  if (n.hasParam) j["param"] = n.param;
}

void to_json(nlohmann::json& j, const LocalJacobian& l) {
  j = nlohmann::json{{"input", l.input}, {"slot", l.slot}, {"needsGrad", l.needsGrad},
                     {"jacobianShape", shapeText(l.rows, l.cols)}};
  if (!l.needsGrad) return;
  j["full"] = l.full;
  if (l.full) j["jacobian"] = matrixJson(l.matrix);
  j["structure"] = l.structure;
  j["downstream"] = matrixJson(l.downstream);
}

void to_json(nlohmann::json& j, const Contribution& c) {
  j = nlohmann::json{{"consumer", c.consumer}, {"slot", c.slot}, {"gradient", matrixJson(c.gradient)}};
}

void to_json(nlohmann::json& j, const BackwardNode& n) {
  j = nlohmann::json{{"id", n.id},         {"upstream", matrixJson(n.upstream)},
                     {"rule", n.rule},     {"inputs", n.inputs},
                     {"consumers", n.consumers}};
  if (!n.contributions.empty()) {
    j["contributions"] = n.contributions;
    j["contributionSum"] = matrixJson(n.contributionSum);
    j["contributionRule"] = ruleRef(Rule::TotalDerivative);
  }
}

void writeTraceHead(nlohmann::ordered_json& j, const GraphTrace& t, const char* kind) {
  j["schemaVersion"] = kSchemaVersion;
  j["kind"] = kind;
  j["conventions"] = nlohmann::json{
      {"jacobianLayout", "numerator: size(y) x size(input), entries counted column by column (vec)"},
      {"gradientShape", "upstream, downstream and contributions are shaped like their node's value"},
      {"matrix", "{rows, cols, data: rows of numbers}; null marks a non-finite entry"},
      {"label", "scope / name: the scope is everything before the last ' / '"}};
  j["root"] = t.root;
}

void writeTraceNodes(nlohmann::ordered_json& j, const GraphTrace& t) {
  j["forward"] = nlohmann::json(t.forward);
  j["backward"] = nlohmann::json(t.backward);
}

void to_json(nlohmann::ordered_json& j, const GraphTrace& t) {
  j = nlohmann::ordered_json::object();
  writeTraceHead(j, t, "graph");
  writeTraceNodes(j, t);
}

void to_json(nlohmann::json& j, const GraphTrace& t) { j = nlohmann::ordered_json(t); }

}  // namespace mc::trace
