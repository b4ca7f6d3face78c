#include "core/tape.hpp"

namespace mc {

namespace {
const Matrix kNone;  // the "b" of a unary op

bool isLeaf(Op op) { return op == Op::Variable || op == Op::Constant; }
}  // namespace

const Matrix& Var::value() const {
  if (!valid()) throw std::invalid_argument("value: this Var is not on a tape");
  return tape->node(id).value;
}

const Matrix& Var::grad() const {
  if (!valid()) throw std::invalid_argument("grad: this Var is not on a tape");
  return tape->node(id).grad;
}

int Tape::check(int id) const {
  if (id < 0 || id >= size_) {
    throw std::out_of_range("tape: node " + std::to_string(id) + " does not exist (the tape has " +
                            std::to_string(size_) + " nodes)");
  }
  return id;
}

int Tape::check(Var v, const char* what) const {
  if (v.tape != this) {
    throw std::invalid_argument(std::string(what) + ": operand is not on this tape");
  }
  return check(v.id);
}

Node& Tape::push(Op op, const OpInfo* info, int a, int b, double param) {
  if (size_ == static_cast<int>(nodes_.size())) {
    nodes_.emplace_back();
    labels_.emplace_back();
  }
  Node& n = nodes_[size_];
  labels_[size_].clear();
  ++size_;
  n.op = op;
  n.info = info;
  n.a = a;
  n.b = b;
  n.param = param;
  n.needsGrad = op == Op::Variable || (a >= 0 && nodes_[a].needsGrad) || (b >= 0 && nodes_[b].needsGrad);
  return n;
}

Var Tape::leaf(Op op, const Matrix& value, std::string_view label) {
  if (size_ == static_cast<int>(nodes_.size())) {
    // The push grows the storage and moves every node and label: value or label may be one of them
    // (t.variable(y.value()), t.variable(v, t.label(id))), so copy both first.
    Matrix copy = value;
    std::string name(label);
    Node& n = push(op, nullptr, -1, -1, 0);
    n.value = std::move(copy);
    n.grad.setZero(n.value.rows(), n.value.cols());
    labels_[size_ - 1] = std::move(name);
    return Var{this, size_ - 1};
  }
  Node& n = push(op, nullptr, -1, -1, 0);  // a reused slot: no allocation once the sizes repeat
  n.value = value;
  n.grad.setZero(value.rows(), value.cols());
  labels_[size_ - 1] = label;
  return Var{this, size_ - 1};
}

Var Tape::variable(const Matrix& value, std::string_view label) { return leaf(Op::Variable, value, label); }

Var Tape::constant(const Matrix& value, std::string_view label) { return leaf(Op::Constant, value, label); }

void Tape::evaluate(Node& n) {
  const OpInfo& info = *n.info;
  const Matrix& a = n.a >= 0 ? nodes_[n.a].value : kNone;
  const Matrix& b = n.b >= 0 ? nodes_[n.b].value : kNone;
  auto [rows, cols] = info.shape(a, b, n.param);
  n.value.resize(rows, cols);
  info.forward(a, b, n.param, n.value);
}

Var Tape::apply(const OpInfo& info, Var a, Var b, double param) {
  if (info.arity < 1) throw std::invalid_argument(std::string(info.name) + ": a leaf, not an op");
  int ia = check(a, info.name);
  int ib = info.arity == 2 ? check(b, info.name) : -1;
  // Check shapes before recording, so a bad call leaves the tape as it was.
  info.shape(nodes_[ia].value, ib >= 0 ? nodes_[ib].value : kNone, param);
  Node& n = push(info.op, &info, ia, ib, param);
  evaluate(n);
  n.grad.setZero(n.value.rows(), n.value.cols());
  return Var{this, size_ - 1};
}

void Tape::backward(Var root) {
  int r = check(root, "backward");
  if (!isScalar(nodes_[r].value)) {
    throw ShapeError("backward: the root is " + shapeText(nodes_[r].value) +
                     ", not 1x1; give a seed gradient of that shape");
  }
  static const Matrix kOne = Matrix::Ones(1, 1);
  backward(root, kOne);
}

void Tape::backward(Var root, const Matrix& seed) {
  int r = check(root, "backward");
  Node& top = nodes_[r];
  if (seed.rows() != top.value.rows() || seed.cols() != top.value.cols()) {
    throw ShapeError("backward: seed (" + shapeText(seed) + ") does not match the root (" +
                     shapeText(top.value) + ")");
  }
  for (int i = 0; i <= r; ++i) {  // interior gradients belong to this pass only
    Node& n = nodes_[i];
    if (!isLeaf(n.op)) n.grad.setZero(n.value.rows(), n.value.cols());
  }
  top.grad += seed;
  for (int i = r; i >= 0; --i) {  // the one backward loop: last node to first
    Node& n = nodes_[i];
    if (!n.needsGrad || isLeaf(n.op)) continue;
    const OpInfo& info = *n.info;
    const OpArgs args{nodes_[n.a].value, n.b >= 0 ? nodes_[n.b].value : kNone, n.param, n.value};
    if (nodes_[n.a].needsGrad) info.vjp(0, args, n.grad, nodes_[n.a].grad);
    if (n.b >= 0 && nodes_[n.b].needsGrad) info.vjp(1, args, n.grad, nodes_[n.b].grad);
  }
}

void Tape::zeroGrad() {
  for (int i = 0; i < size_; ++i) nodes_[i].grad.setZero();
}

void Tape::pushTangents(Var x, const Matrix& dx) {
  int ix = check(x, "pushTangents");
  if (dx.rows() != nodes_[ix].value.rows() || dx.cols() != nodes_[ix].value.cols()) {
    throw ShapeError("pushTangents: direction (" + shapeText(dx) + ") does not match the variable (" +
                     shapeText(nodes_[ix].value) + ")");
  }
  for (int i = 0; i < size_; ++i) {
    Node& n = nodes_[i];
    if (i == ix) {
      n.tangent = dx;
    } else if (isLeaf(n.op) || i < ix) {  // nothing before x depends on it
      n.tangent.setZero(n.value.rows(), n.value.cols());
    } else {
      const OpInfo& info = *n.info;
      const OpArgs args{nodes_[n.a].value, n.b >= 0 ? nodes_[n.b].value : kNone, n.param, n.value};
      n.tangent.resize(n.value.rows(), n.value.cols());
      info.jvp(args, nodes_[n.a].tangent, n.b >= 0 ? nodes_[n.b].tangent : kNone, n.tangent);
    }
  }
}

void Tape::recompute() {
  for (int i = 0; i < size_; ++i) {
    if (!isLeaf(nodes_[i].op)) evaluate(nodes_[i]);
  }
}

void Tape::setValue(Var leaf, const Matrix& value) {
  Node& n = nodes_[check(leaf, "setValue")];
  if (!isLeaf(n.op)) throw std::invalid_argument("setValue: node " + std::to_string(leaf.id) + " is not a leaf");
  if (value.rows() != n.value.rows() || value.cols() != n.value.cols()) {
    throw ShapeError("setValue: new value (" + shapeText(value) + ") does not match the leaf (" +
                     shapeText(n.value) + ")");
  }
  n.value = value;
}

void Tape::clear() { size_ = 0; }

void Tape::setLabel(Var v, std::string_view label) { labels_[check(v, "setLabel")] = label; }

const std::string& Tape::label(int id) const { return labels_[check(id)]; }

}  // namespace mc
