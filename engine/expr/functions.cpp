#include "expr/functions.hpp"

#include <algorithm>
#include <stdexcept>

namespace mc::expr {

namespace {

// The language's own functions: written with the ops there are (expr/compiler.cpp), so each has its
// derivative and closed form for free.
struct Composed {
  const char* name;
  int arity;
  const char* summary;
};
constexpr Composed kComposed[] = {
    {"diag", 1, "diag(v) puts a column on a diagonal; diag(A) takes a square matrix's diagonal"},
    {"eye", 1, "eye(n): the n x n identity"},
    {"logsumexp", 1, "log(sum(exp(x)))"},
    {"max", 2, "max(0, z) is relu(z); max(a, b) = b + relu(a - b)"},
    {"norm", 1, "the 2-norm (Frobenius for a matrix)"},
    {"ones", 2, "ones(m, n): an m x n matrix of ones"},
    {"softmax", 1, "exp(x) / sum(exp(x)) of a column"},
    {"tr", 1, "the trace of a square matrix"},
};

std::vector<FunctionInfo> makeFunctions() {
  std::vector<FunctionInfo> out;
  for (int i = 0; i < static_cast<int>(Op::Count); ++i) {
    const OpInfo& info = opInfo(static_cast<Op>(i));
    if (info.function != nullptr) out.push_back({info.function, info.arity, info.summary ? info.summary : "", &info});
  }
  out.push_back({"ln", 1, "the natural logarithm (the same as log)", &opInfo(Op::Log)});
  for (const Composed& c : kComposed) out.push_back({c.name, c.arity, c.summary, nullptr});
  std::sort(out.begin(), out.end(), [](const FunctionInfo& a, const FunctionInfo& b) { return a.name < b.name; });
  for (std::size_t i = 1; i < out.size(); ++i) {  // two rows naming one function: one would be unreachable
    if (out[i].name == out[i - 1].name) throw std::logic_error("the language names '" + out[i].name + "' twice");
  }
  return out;
}

}  // namespace

const std::vector<FunctionInfo>& functions() {
  static const std::vector<FunctionInfo> table = makeFunctions();
  return table;
}

const FunctionInfo* findFunction(std::string_view name) {
  for (const FunctionInfo& f : functions()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

std::string functionNames() {
  std::string out;
  for (const FunctionInfo& f : functions()) {
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

bool isReserved(std::string_view name) { return name == "pi" || findFunction(name) != nullptr; }

}  // namespace mc::expr
