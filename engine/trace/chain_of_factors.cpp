#include "trace/chain_of_factors.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "trace/graph_trace.hpp"
#include "trace/jacobian_structure.hpp"

namespace mc::trace {

namespace {

const Matrix kNone;

struct Partial {
  int node;
  Index entry;  // column-major index into the node's value
  std::vector<PathFactor> factors;  // from the variable upwards
};

// The entries of n (the consumer) that entry e of its operand `slot` reaches by the op's structure, so
// a factor that happens to be 0 (a ReLU that is off, a sample with zero error, a zero input) stays on its
// path. Returns false when the op has no known structure: then the nonzero entries of the column count.
bool connectedEntries(const Node& n, int slot, const OpArgs& s, Index e, std::vector<Index>& out) {
  out.clear();
  if (isDiagonalJacobian(n.op, slot)) {
    out.push_back(e);
    return true;
  }
  const Index m = s.y.rows(), n2 = s.y.cols();
  if (m * n2 == 1) {  // a scalar output (sum, mean, dot, every loss): every entry reaches it
    out.push_back(0);
    return true;
  }
  const Matrix& in = slot == 0 ? s.a : s.b;
  const Index r = e % in.rows(), c = e / in.rows();
  switch (n.op) {
    case Op::MatMul:  // Y = A B: A(r, l) reaches row r of Y; B(l, c) reaches column c
      if (slot == 0) for (Index j = 0; j < n2; ++j) out.push_back(r + j * m);
      else for (Index i = 0; i < m; ++i) out.push_back(i + c * m);
      return true;
    case Op::AddBias:  // slot 1: b(r) reaches row r of every column
      for (Index j = 0; j < n2; ++j) out.push_back(r + j * m);
      return true;
    case Op::AddScalar: case Op::MulScalar:  // slot 1: the scalar reaches every entry
      for (Index i = 0; i < m * n2; ++i) out.push_back(i);
      return true;
    case Op::Transpose: out.push_back(c + r * m); return true;
    case Op::Stack: out.push_back((slot == 0 ? r : r + s.a.rows()) + c * m); return true;
    case Op::SumRows: out.push_back(c); return true;
    case Op::SumCols: out.push_back(r); return true;
    case Op::Softmax:  // an entry reaches its whole column
      for (Index i = 0; i < m; ++i) out.push_back(i + c * m);
      return true;
    default: return false;
  }
}

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
  const std::vector<char> on = dependsOn(tape, r);
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
  std::vector<Index> reach, some;
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
      const OpArgs args = argsOf(tape, n);
      // The column of n's Jacobian for this entry: the tangent of n when from(entry) moves by 1.
      ta.setZero(args.a.rows(), args.a.cols());
      if (n.a == p.node) ta(p.entry) = 1;
      if (n.b >= 0) {
        tb.setZero(args.b.rows(), args.b.cols());
        if (n.b == p.node) tb(p.entry) = 1;
      }
      ty.resize(n.value.rows(), n.value.cols());
      info.jvp(args, ta, n.b >= 0 ? tb : kNone, ty);
      // Used as both operands (x * x): the union of what each reaches; one entry per output entry.
      reach.clear();
      bool known = true;
      for (int slot = 0; slot < 2 && known; ++slot) {
        if ((slot == 0 ? n.a : n.b) != p.node) continue;
        known = connectedEntries(n, slot, args, p.entry, some);
        reach.insert(reach.end(), some.begin(), some.end());
      }
      if (!known) {
        reach.clear();
        for (Index e = 0; e < ty.size(); ++e)
          if (ty(e) != 0) reach.push_back(e);
      }
      std::sort(reach.begin(), reach.end());
      reach.erase(std::unique(reach.begin(), reach.end()), reach.end());
      for (auto it = reach.rbegin(); it != reach.rend(); ++it) {
        const Index e = *it;
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

// Compact, since a batch gives many paths: nodes and entries from the root down to the variable
// (k + 1 of each) and the k factors between them: factors[i] = d nodes[i](entries[i]) / d nodes[i+1](entries[i+1]).
void to_json(nlohmann::json& j, const EntryPath& p) {
  nlohmann::json nodes = nlohmann::json::array(), entries = nlohmann::json::array(), factors = nlohmann::json::array();
  for (const PathFactor& f : p.factors) {
    nodes.push_back(f.to);
    entries.push_back({f.toRow, f.toCol});
    factors.push_back(f.value);
  }
  if (!p.factors.empty()) {
    nodes.push_back(p.factors.back().from);
    entries.push_back({p.factors.back().fromRow, p.factors.back().fromCol});
  }
  j = nlohmann::json{{"nodes", std::move(nodes)}, {"entries", std::move(entries)}, {"factors", std::move(factors)},
                     {"product", p.product}};
}

void to_json(nlohmann::json& j, const EntryChain& c) {
  j = nlohmann::json{{"variable", c.variable}, {"entry", {c.row, c.col}}, {"gradient", c.gradient},
                     {"paths", c.paths},       {"pathSum", c.pathSum},    {"complete", c.complete}};
}

}  // namespace mc::trace
