#include "trace/chain_of_factors.hpp"

#include <nlohmann/json.hpp>

#include "trace/jacobian_structure.hpp"

namespace mc::trace {

namespace {

const Matrix kNone;

struct Partial {
  int node;
  Index entry;  // column-major index into the node's value
  std::vector<PathFactor> factors;  // from the variable upwards
};

}  // namespace

EntryChain chainOfFactors(Tape& tape, Var root, Var variable, Index row, Index col, const ChainLimits& limits) {
  if (root.tape != &tape || variable.tape != &tape) {
    throw std::invalid_argument("chainOfFactors: the root and the variable must be on this tape");
  }
  const Node& top = tape.node(root.id);
  if (!isScalar(top.value)) {
    throw ShapeError("chainOfFactors: the root is " + shapeText(top.value) + ", not 1x1");
  }
  const Node& v = tape.node(variable.id);
  if (row < 0 || col < 0 || row >= v.value.rows() || col >= v.value.cols()) {
    throw std::invalid_argument("chainOfFactors: entry (" + std::to_string(row) + ", " + std::to_string(col) +
                                ") is outside the variable (" + shapeText(v.value) + ")");
  }

  EntryChain chain;
  chain.variable = variable.id;
  chain.row = row;
  chain.col = col;
  chain.gradient = v.grad.size() == v.value.size() ? v.grad(row, col) : 0.0;

  // Only nodes the root depends on lead anywhere.
  const int r = root.id;
  std::vector<char> on(static_cast<std::size_t>(r) + 1, 0);
  on[static_cast<std::size_t>(r)] = 1;
  for (int i = r; i >= 0; --i) {
    if (!on[static_cast<std::size_t>(i)]) continue;
    const Node& n = tape.node(i);
    if (n.a >= 0) on[static_cast<std::size_t>(n.a)] = 1;
    if (n.b >= 0) on[static_cast<std::size_t>(n.b)] = 1;
  }
  if (variable.id > r || !on[static_cast<std::size_t>(variable.id)]) return chain;
  std::vector<std::vector<int>> consumers(static_cast<std::size_t>(r) + 1);
  for (int i = variable.id + 1; i <= r; ++i) {
    if (!on[static_cast<std::size_t>(i)]) continue;
    const Node& n = tape.node(i);
    if (n.a >= 0) consumers[static_cast<std::size_t>(n.a)].push_back(i);
    if (n.b >= 0 && n.b != n.a) consumers[static_cast<std::size_t>(n.b)].push_back(i);
  }

  long work = 0;
  std::vector<Partial> stack;
  stack.push_back({variable.id, row + col * v.value.rows(), {}});
  Matrix ty, ta, tb;
  while (!stack.empty()) {
    Partial p = std::move(stack.back());
    stack.pop_back();
    if (p.node == r) {
      EntryPath path;
      path.factors.assign(p.factors.rbegin(), p.factors.rend());
      path.product = 1;
      for (const PathFactor& f : path.factors) path.product *= f.value;
      chain.pathSum += path.product;
      chain.paths.push_back(std::move(path));
      if (static_cast<int>(chain.paths.size()) >= limits.maxPaths && !stack.empty()) {
        chain.complete = false;
        break;
      }
      continue;
    }
    const Node& from = tape.node(p.node);
    const auto& uses = consumers[static_cast<std::size_t>(p.node)];
    // Push in reverse so the paths come out in tape and entry order.
    for (auto c = uses.rbegin(); c != uses.rend(); ++c) {
      if (++work > limits.maxFactors) break;
      const Node& n = tape.node(*c);
      const OpInfo& info = opInfo(n.op);
      const OpArgs args{tape.node(n.a).value, n.b >= 0 ? tape.node(n.b).value : kNone, n.param, n.value};
      // The column of n's Jacobian for this entry: the tangent of n when from(entry) moves by 1.
      ta.setZero(args.a.rows(), args.a.cols());
      if (n.a == p.node) ta(p.entry) = 1;
      if (n.b >= 0) {
        tb.setZero(args.b.rows(), args.b.cols());
        if (n.b == p.node) tb(p.entry) = 1;
      }
      ty.resize(n.value.rows(), n.value.cols());
      info.jvp(args, ta, n.b >= 0 ? tb : kNone, ty);
      const bool diagonal = (n.a != p.node || isDiagonalJacobian(n.op, 0)) && (n.b != p.node || isDiagonalJacobian(n.op, 1));
      for (Index e = ty.size() - 1; e >= 0; --e) {
        if (diagonal ? e != p.entry : ty(e) == 0) continue;
        Partial next{*c, e, p.factors};
        const Index fr = from.value.rows(), tr = n.value.rows();
        next.factors.push_back({*c, e % tr, e / tr, p.node, p.entry % fr, p.entry / fr, ty(e)});
        stack.push_back(std::move(next));
      }
    }
    if (work > limits.maxFactors) {
      chain.complete = false;
      break;
    }
  }
  return chain;
}

void to_json(nlohmann::json& j, const PathFactor& f) {
  j = nlohmann::json{{"to", f.to}, {"toEntry", {f.toRow, f.toCol}}, {"from", f.from},
                     {"fromEntry", {f.fromRow, f.fromCol}}, {"value", f.value}};
}

void to_json(nlohmann::json& j, const EntryPath& p) {
  j = nlohmann::json{{"factors", p.factors}, {"product", p.product}};
}

void to_json(nlohmann::json& j, const EntryChain& c) {
  j = nlohmann::json{{"variable", c.variable}, {"entry", {c.row, c.col}}, {"gradient", c.gradient},
                     {"paths", c.paths},       {"pathSum", c.pathSum},    {"complete", c.complete}};
}

}  // namespace mc::trace
