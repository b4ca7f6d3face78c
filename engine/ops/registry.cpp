// The op table: one row per Op, in the order of core/op_list.def; each row is made beside its maths.
#include "ops/op.hpp"
#include "ops/structure.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace mc {

#define MC_OP(name) OpInfo make##name();
#include "core/op_list.def"
#undef MC_OP

namespace {

OpInfo leaf(const char* name) {
  return opRow(name, 0, Rule::Leaf, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
}

using Table = std::array<OpInfo, static_cast<std::size_t>(Op::Count)>;

Table makeTable() {
  Table t{leaf("variable"), leaf("constant"),
#define MC_OP(name) make##name(),
#include "core/op_list.def"
#undef MC_OP
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    OpInfo& row = t[i];
    // A row without its forward, derivatives or structure would be a silent hole in every tool.
    const bool complete = row.name != nullptr && (row.arity == 0 || (row.shape && row.forward && row.vjp && row.jvp &&
                                                                      row.jacobian && row.structure));
    if (!complete) throw std::logic_error("op table: row " + std::to_string(i) + " is missing or incomplete");
    row.op = static_cast<Op>(i);
  }
  return t;
}

}  // namespace

const OpInfo& opInfo(Op op) {
  static const Table table = makeTable();
  const auto i = static_cast<std::size_t>(op);
  if (i >= table.size()) throw std::out_of_range("opInfo: no op " + std::to_string(i));
  return table[i];
}

void throwShapeError(const char* op, const Matrix& a, const char* verb, const Matrix& b, const char* reason) {
  throw ShapeError(std::string(op) + ": (" + shapeText(a) + ") " + verb + " (" + shapeText(b) + "): " + reason);
}

void throwShapeError(const char* op, const Matrix& a, const char* reason) {
  throw ShapeError(std::string(op) + ": (" + shapeText(a) + "): " + reason);
}

}  // namespace mc
