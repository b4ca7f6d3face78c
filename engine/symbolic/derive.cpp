#include "symbolic/derive.hpp"

#include "symbolic/common.hpp"
#include "symbolic/op_rules.hpp"
#include "symbolic/print.hpp"

#include <algorithm>

namespace mc::sym {

namespace {

class Deriver {
 public:
  Deriver(const Tape& tape, int output, int wrt, const Names& names)
      : tape_(tape), output_(output), wrt_(wrt), names_(names),
        needed_(static_cast<std::size_t>(std::max(output, wrt)) + 1, 0),
        depends_(static_cast<std::size_t>(std::max(output, wrt)) + 1, 0) {
    needed_[static_cast<std::size_t>(output)] = 1;
    for (int i = output; i >= 0; --i) {  // inputs come before their node
      const mc::Node& n = tape.node(i);
      if (!needed_[static_cast<std::size_t>(i)]) continue;
      if (n.a >= 0) needed_[static_cast<std::size_t>(n.a)] = 1;
      if (n.b >= 0) needed_[static_cast<std::size_t>(n.b)] = 1;
    }
    for (int i = 0; i <= output; ++i) {
      const mc::Node& n = tape.node(i);
      depends_[static_cast<std::size_t>(i)] = i == wrt || (n.a >= 0 && depends_[static_cast<std::size_t>(n.a)]) ||
                                              (n.b >= 0 && depends_[static_cast<std::size_t>(n.b)]);
    }
    for (const auto& [id, name] : names.variables) taken_.push_back(name);
    for (const auto& [id, name] : names.definitions) taken_.push_back(name);
  }

  Derivation run() {
    Derivation d;
    const int n = output_ + 1;
    const mc::Node& x = tape_.node(wrt_);
    d.gradient = tape_.node(output_).value.size() == 1;
    // ---- closed forms of every node: full (definitions kept by name) and named (for the steps)
    std::vector<Expr> full(static_cast<std::size_t>(n)), named(static_cast<std::size_t>(n));
    int counter = 0;
    if (wrt_ > output_) {  // declared after the output: the output does not depend on it
      const Expr g = zero(x.value.rows(), x.value.cols());
      d.output = nullptr;
      d.derivative = d.gradient ? g : zero(tape_.node(output_).value.size(), x.value.size());
      step(d, "no dependence", "the output does not depend on the variable: 0", "0", "leaf");
    }
    for (int i = 0; i < n; ++i) {
      if (!needed_[static_cast<std::size_t>(i)]) continue;
      const mc::Node& node = tape_.node(i);
      const auto def = names_.definitions.find(i);
      if (node.op == Op::Variable || node.op == Op::Constant) {
        full[i] = named[i] = leaf(i);
        continue;
      }
      const SymbolicRule& rule = symbolicRule(node.op);
      if (!rule.value) throw NoClosedForm(std::string(opInfo(node.op).name) + ": " + rule.missing + "; the answer stays numeric");
      const Expr a = full[node.a], b = node.b >= 0 ? full[node.b] : nullptr;
      const Expr value = rule.value(a, b, node.param);
      if (def != names_.definitions.end() && i != output_) {
        d.where.push_back({def->second, value});
        full[i] = variable(def->second, node.value.rows(), node.value.cols());
      } else {
        full[i] = value;
      }
      if (depends_[static_cast<std::size_t>(i)]) {
        const Expr local = rule.value(named[node.a], node.b >= 0 ? named[node.b] : nullptr, node.param);
        std::string name = def != names_.definitions.end() ? def->second : i == output_ ? fresh("y", counter) : fresh("u", ++counter);
        named[i] = variable(name, node.value.rows(), node.value.cols());
        step(d, "intermediate variable", name + " = " + text(local), latex(named[i]) + " = " + latex(local), "vector-chain-rule");
      } else {
        named[i] = full[i];
      }
    }
    d.output = full[static_cast<std::size_t>(output_)];
    if (wrt_ > output_) return d;
    if (!named[static_cast<std::size_t>(wrt_)]) named[static_cast<std::size_t>(wrt_)] = full[static_cast<std::size_t>(wrt_)] = leaf(wrt_);
    if (d.gradient) {
      d.derivative = reverse(d, full, named, x);
    } else {
      d.derivative = forward(d, full, named, x);
    }
    nameCommonSubexpressions(d, taken_);
    return d;
  }

 private:
  Expr leaf(int i) const {
    const mc::Node& node = tape_.node(i);
    const auto known = names_.leaves.find(i);
    if (known != names_.leaves.end()) return known->second;
    const auto v = names_.variables.find(i);
    if (node.op == Op::Variable && v != names_.variables.end()) return variable(v->second, node.value.rows(), node.value.cols());
    return literal(node.value);
  }

  std::string fresh(const std::string& base, int& counter) {
    std::string name = base == "y" ? "y" : base + std::to_string(counter);
    while (std::find(taken_.begin(), taken_.end(), name) != taken_.end()) name = base + std::to_string(++counter);
    taken_.push_back(name);
    return name;
  }

  static void step(Derivation& d, const std::string& rule, const std::string& text, const std::string& tex,
                   const std::string& lesson) {
    d.steps.push_back({rule, text, tex, lesson});
  }

  // the adjoint's LaTeX as everywhere else: u1_bar is \bar{u}_{1}
  static std::string barTex(const Expr& named) { return latex(variable(text(named) + "_bar", named->rows, named->cols)); }

  static std::string lessonOf(Op op) { return ruleInfo(opInfo(op).rule).id; }

  // Symbolic reverse mode: one sweep, last node to first; each op adds its inputs' adjoints (+=).
  Expr reverse(Derivation& d, const std::vector<Expr>& full, const std::vector<Expr>& named, const mc::Node& x) {
    const std::size_t n = full.size();
    std::vector<Expr> bar(n), barNamed(n);
    bar[n - 1] = number(1);
    barNamed[n - 1] = number(1);
    const std::string yName = text(named[n - 1]);
    step(d, "seed", yName + "_bar = 1", barTex(named[n - 1]) + " = 1", "vector-chain-rule");
    for (int i = output_; i >= 0; --i) {
      const std::size_t u = static_cast<std::size_t>(i);
      const mc::Node& node = tape_.node(i);
      if (!depends_[u] || !bar[u] || node.op == Op::Variable || node.op == Op::Constant) continue;
      const SymbolicRule& rule = symbolicRule(node.op);
      const Expr self = variable(text(named[u]) + "_bar", node.value.rows(), node.value.cols());
      for (int k = 0; k < 2; ++k) {
        const int in = k == 0 ? node.a : node.b;
        if (in < 0 || !depends_[static_cast<std::size_t>(in)]) continue;
        const std::size_t v = static_cast<std::size_t>(in);
        const Expr b = node.b >= 0 ? full[static_cast<std::size_t>(node.b)] : nullptr;
        const Expr contribution = adjoint(rule, k, full[static_cast<std::size_t>(node.a)], b, node.param, full[u], bar[u]);
        bar[v] = bar[v] ? add(bar[v], contribution) : contribution;
        const Expr nb = node.b >= 0 ? named[static_cast<std::size_t>(node.b)] : nullptr;
        const Expr local = adjoint(rule, k, named[static_cast<std::size_t>(node.a)], nb, node.param, named[u], self);
        const std::string target = text(named[v]) + "_bar";
        const bool again = static_cast<bool>(barNamed[v]);
        barNamed[v] = local;
        step(d, rule.step, target + (again ? " += " : " = ") + text(local),
             barTex(named[v]) + " " + (again ? "\\mathrel{+}= " : "= ") + latex(local), lessonOf(node.op));
      }
    }
    const Expr g = bar[static_cast<std::size_t>(wrt_)] ? bar[static_cast<std::size_t>(wrt_)] : zero(x.value.rows(), x.value.cols());
    step(d, "substitute and simplify", text(named[static_cast<std::size_t>(wrt_)]) + "_bar = " + text(g),
         barTex(named[static_cast<std::size_t>(wrt_)]) + " = " + latex(g), "vector-chain-rule");
    return g;
  }

  // The paper's forward rules: J of every node from its inputs' Jacobians, first node to last; by a matrix
  // variable every J is in vec form, d vec(node) / d vec(X).
  Expr forward(Derivation& d, const std::vector<Expr>& full, const std::vector<Expr>& named, const mc::Node& x) {
    const std::size_t n = full.size();
    const Index cols = x.value.size();  // by a matrix X: d vec(y) / d vec(X), the Cookbook's vec form (W @ x by W: kron(x', I))
    std::vector<Expr> jac(n), jacNamed(n);
    jac[static_cast<std::size_t>(wrt_)] = identity(cols);
    jacNamed[static_cast<std::size_t>(wrt_)] = identity(cols);
    for (int i = wrt_ + 1; i <= output_; ++i) {
      const std::size_t u = static_cast<std::size_t>(i);
      const mc::Node& node = tape_.node(i);
      if (!depends_[u] || !needed_[u]) continue;
      const SymbolicRule& rule = symbolicRule(node.op);
      const auto pick = [&](int in, const std::vector<Expr>& from) -> Expr {
        return in >= 0 && depends_[static_cast<std::size_t>(in)] ? from[static_cast<std::size_t>(in)] : nullptr;
      };
      const Expr b = node.b >= 0 ? full[static_cast<std::size_t>(node.b)] : nullptr;
      jac[u] = tangent(rule, full[static_cast<std::size_t>(node.a)], b, node.param, full[u], pick(node.a, jac), pick(node.b, jac));
      const Expr nb = node.b >= 0 ? named[static_cast<std::size_t>(node.b)] : nullptr;
      const auto jname = [&](int in) -> Expr {
        if (in < 0 || !depends_[static_cast<std::size_t>(in)]) return nullptr;
        if (in == wrt_) return identity(cols);
        const mc::Node& m = tape_.node(in);
        return variable("J_" + text(named[static_cast<std::size_t>(in)]), m.value.size(), cols);
      };
      const Expr local = tangent(rule, named[static_cast<std::size_t>(node.a)], nb, node.param, named[u], jname(node.a), jname(node.b));
      step(d, rule.step, "J_" + text(named[u]) + " = " + text(local), "J_{" + latex(named[u]) + "} = " + latex(local),
           lessonOf(node.op));
    }
    const Expr j = jac[n - 1] ? jac[n - 1] : zero(tape_.node(output_).value.size(), cols);
    step(d, "substitute and simplify", "J = " + text(j), "J = " + latex(j), "vector-chain-rule");
    return j;
  }

  const Tape& tape_;
  int output_, wrt_;
  const Names& names_;
  std::vector<char> needed_, depends_;
  std::vector<std::string> taken_;
};

}  // namespace

Derivation derive(const Tape& tape, int output, int wrt, const Names& names) {
  return Deriver(tape, output, wrt, names).run();
}

}  // namespace mc::sym
