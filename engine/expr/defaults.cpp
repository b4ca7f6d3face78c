#include "expr/defaults.hpp"

#include "expr/parser.hpp"
#include "trace/graph_trace.hpp"

#include <cctype>
#include <cstdint>

namespace mc::expr {

void fillMissingValues(const Program& program, std::map<std::string, Matrix>& values) {
  std::uint64_t state = 0x5EED;
  for (const Statement& s : program.statements) {
    if (s.kind != Statement::Kind::Declare || s.hasValue || values.count(s.name)) continue;
    const Index rows = s.type == TypeKind::Scalar ? 1 : s.rows;
    const Index cols = s.type == TypeKind::Scalar ? 1 : s.type == TypeKind::Vector ? 1 : s.cols;
    if (rows <= 0 || cols <= 0 || rows * cols > kMaxDeclaredEntries) continue;
    Matrix m(rows, cols);
    for (Index k = 0; k < m.size(); ++k) {  // splitmix64, the same numbers natively and in wasm
      std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      z ^= z >> 31;
      m.data()[k] = 0.2 + static_cast<double>(z >> 11) * 0x1.0p-53;
    }
    values[s.name] = m;
  }
}

bool looksLikeParameter(const std::string& name) {
  std::size_t end = name.size();
  while (end > 0 && std::isdigit(static_cast<unsigned char>(name[end - 1]))) --end;
  const std::string base = name.substr(0, end);
  static const char* kParameters[] = {"W", "w", "b", "theta", "weights", "weight", "bias", "params"};
  for (const char* d : kParameters) {
    if (base == d) return true;
  }
  return false;
}

const Binding* defaultVariable(const Tape& tape, const Compiled& compiled, int output) {
  const std::vector<char> reaches = dependsOn(tape, output);
  const Binding* first = nullptr;
  for (const Binding& b : compiled.variables) {
    if (b.var.id > output || !reaches[static_cast<std::size_t>(b.var.id)]) continue;
    if (looksLikeParameter(b.name)) return &b;
    if (!first) first = &b;
  }
  return first;
}

}  // namespace mc::expr
