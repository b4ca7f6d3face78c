#include "symbolic/common.hpp"

#include "symbolic/ir_detail.hpp"
#include "symbolic/print.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace mc::sym {

namespace {

// Worth a name: not a leaf, and not a thin wrapper of something smaller (x', 2 * x, (z > 0)).
bool nameable(const Expr& e) {
  if (e->size < 3 || e->args.empty()) return false;
  if (e->kind == Kind::Transpose || e->kind == Kind::Scale) return false;
  if (e->kind == Kind::Apply && e->fn == Fn::Step) return false;
  return !indexForm(*e).last;  // x[2] is already short
}

void count(const Expr& e, std::map<std::string, std::pair<int, Expr>>& seen) {
  if (nameable(e)) {
    auto& entry = seen[e->key];
    ++entry.first;
    entry.second = e;
  }
  for (const Expr& a : e->args) count(a, seen);
}

Expr substitute(const Expr& e, const std::string& key, const Expr& by) {
  if (e->key == key) return by;
  if (e->args.empty()) return e;
  std::vector<Expr> args;
  bool changed = false;
  for (const Expr& a : e->args) {
    args.push_back(substitute(a, key, by));
    changed |= args.back() != a;
  }
  return changed ? rebuild(e, args) : e;
}

bool mentions(const Expr& e, const std::string& name) {
  if (e->kind == Kind::Variable) return e->name == name;
  return std::any_of(e->args.begin(), e->args.end(), [&](const Expr& a) { return mentions(a, name); });
}

std::string baseName(const Expr& e) {
  if (softmaxOf(*e) || (e->kind == Kind::Apply && e->fn == Fn::Sigmoid)) return "s";
  return "z";
}

void namesIn(const Expr& e, std::set<std::string>& out) {
  if (e->kind == Kind::Variable) out.insert(e->name);
  for (const Expr& a : e->args) namesIn(a, out);
}

Expr replaceNames(const Expr& e, const std::map<std::string, Expr>& by) {
  if (e->kind == Kind::Variable) {
    const auto it = by.find(e->name);
    return it == by.end() ? e : it->second;
  }
  if (e->args.empty()) return e;
  std::vector<Expr> args;
  bool changed = false;
  for (const Expr& a : e->args) {
    args.push_back(replaceNames(a, by));
    changed |= args.back() != a;
  }
  return changed ? rebuild(e, args) : e;
}

}  // namespace

std::vector<Definition> shownWhere(const Derivation& d) {
  std::set<std::string> listed, all;
  for (const Definition& def : d.where) all.insert(def.name);
  namesIn(d.derivative, listed);
  for (bool grew = true; grew;) {  // an introduced name stays a name (the pasted program defines it)
    grew = false;
    for (const Definition& def : d.where) {
      if (!def.introduced || !listed.count(def.name)) continue;
      std::set<std::string> inner;
      namesIn(def.value, inner);
      for (const std::string& n : inner) grew |= all.count(n) && listed.insert(n).second;
    }
  }
  std::map<std::string, Expr> expanded;  // the program's own names the list leaves out, by their values
  std::vector<Definition> out;
  for (const Definition& def : d.where) {
    const Expr value = replaceNames(def.value, expanded);
    if (listed.count(def.name)) out.push_back({def.name, value, def.introduced});
    else expanded[def.name] = value;
  }
  return out;
}

Expr numeratorForm(const Expr& g) {
  const bool scaled = g->kind == Kind::Scale;
  const Expr& body = scaled ? g->args[0] : g;
  if (body->kind != Kind::MatMul || body->cols != 1) return transpose(g);
  const Expr& v = body->args.back();
  if (v->kind != Kind::Hadamard && v->kind != Kind::Add) return transpose(g);
  Expr prefix = body->args[0];
  for (std::size_t i = 1; i + 1 < body->args.size(); ++i) prefix = matmul(prefix, body->args[i]);
  // kept whole, not pushed to the leaves: ((relu(z) - y) * (z > 0))' @ X
  const Expr row = detail::make(detail::node(Kind::Transpose, 1, v->rows, {v}));
  const Expr out = matmul(row, transpose(prefix));
  return scaled ? scale(g->number, out) : out;
}

std::string program(const Derivation& d) {
  std::string out;
  for (const Definition& def : d.where) {
    if (def.introduced) out += def.name + " = " + text(def.value) + "\n";
  }
  return out + text(d.derivative);
}

Expr rebuild(const Expr& e, const std::vector<Expr>& a) {
  switch (e->kind) {
    case Kind::Add: {
      Expr out = a[0];
      for (std::size_t i = 1; i < a.size(); ++i) out = add(out, a[i]);
      return out;
    }
    case Kind::MatMul: {
      Expr out = a[0];
      for (std::size_t i = 1; i < a.size(); ++i) out = matmul(out, a[i]);
      return out;
    }
    case Kind::Scale: return scale(e->number, a[0]);
    case Kind::Transpose: return transpose(a[0]);
    case Kind::Hadamard: return hadamard(a[0], a[1]);
    case Kind::Divide: return divide(a[0], a[1]);
    case Kind::Power: return power(a[0], e->number);
    case Kind::Apply: return func(e->fn, a[0]);
    case Kind::Sum: return sum(a[0]);
    case Kind::Stack: return stack(a[0], a[1]);
    case Kind::Diag: return diag(a[0]);
    case Kind::Det: return det(a[0]);
    case Kind::Logdet: return logdet(a[0]);
    case Kind::Inverse: return inverse(a[0]);
    case Kind::Kron: return kron(a[0], a[1]);
    case Kind::Vec: return vec(a[0]);
    default: return e;  // leaves
  }
}

void nameCommonSubexpressions(Derivation& d, std::vector<std::string> taken) {
  std::vector<Definition> named;
  for (int k = 0; k < kMaxNames; ++k) {
    std::map<std::string, std::pair<int, Expr>> seen;
    count(d.derivative, seen);
    Expr best;
    for (const auto& [key, entry] : seen) {
      if (entry.first >= 2 && (!best || entry.second->size > best->size)) best = entry.second;
    }
    if (!best) break;
    // f(z) repeated: name its argument, as the paper names z = W x + b and writes sigma(z)
    if (best->kind == Kind::Apply && best->fn != Fn::Step && nameable(best->args[0])) best = best->args[0];
    std::string name = baseName(best);
    for (int i = 1; std::find(taken.begin(), taken.end(), name) != taken.end(); ++i) name = baseName(best) + std::to_string(i);
    taken.push_back(name);
    const Expr v = variable(name, best->rows, best->cols);
    const std::string flipped = isScalar(best) ? std::string() : transpose(best)->key;  // softmax(x)' is s'
    const auto replace = [&](const Expr& e) {
      const Expr out = substitute(e, best->key, v);
      return flipped.empty() ? out : substitute(out, flipped, transpose(v));
    };
    d.derivative = replace(d.derivative);
    for (Definition& def : named) def.value = replace(def.value);
    named.push_back({name, best, true});
    d.steps.push_back({"name a common subexpression", name + " = " + text(best), latex(v) + " = " + latex(best), "vector-chain-rule"});
  }
  const bool introducedAny = !named.empty();
  // each definition after the ones it mentions (a later, smaller one may sit inside an earlier one)
  while (!named.empty()) {
    const auto ready = std::find_if(named.begin(), named.end(), [&](const Definition& def) {
      return std::none_of(named.begin(), named.end(), [&](const Definition& other) {
        return other.name != def.name && mentions(def.value, other.name);
      });
    });
    d.where.push_back(*ready);
    named.erase(ready);
  }
  if (introducedAny) d.steps.push_back({"substitute the names", text(d.derivative), latex(d.derivative), "vector-chain-rule"});
}

}  // namespace mc::sym
