#include "expr/functions.hpp"

namespace mc::expr {

namespace {
// Alphabetical, so messages list them in a findable order.
constexpr FunctionInfo kFunctions[] = {
    {"abs", 1},  {"cos", 1},     {"det", 1},  {"diag", 1}, {"dot", 2},  {"exp", 1},  {"eye", 1},
    {"inv", 1},  {"kron", 2},    {"ln", 1},   {"log", 1},  {"logdet", 1}, {"logsumexp", 1}, {"max", 2},
    {"mean", 1}, {"norm", 1},    {"ones", 2}, {"relu", 1}, {"sigmoid", 1}, {"sin", 1},  {"softmax", 1},
    {"sqrt", 1}, {"sum", 1},     {"tanh", 1}, {"tr", 1},   {"transpose", 1}, {"vec", 1}, {"zeros", 2},
};
}  // namespace

const FunctionInfo* findFunction(std::string_view name) {
  for (const FunctionInfo& f : kFunctions) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

std::string functionNames() {
  std::string out;
  for (const FunctionInfo& f : kFunctions) {
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

bool isReserved(std::string_view name) { return name == "pi" || findFunction(name) != nullptr; }

}  // namespace mc::expr
