#pragma once
// The tape (a Wengert list): every operation recorded in creation order, so inputs always come before
// the node that uses them. Var is a light handle (tape, index) onto a node.
//
// backward(root) walks the tape once, last node to first, and accumulates (+=) d root / d node into
// each node's grad (shaped like its value). Leaves (variables) keep accumulating across calls until
// zeroGrad(); interior nodes hold the gradient of the latest backward pass only, so a second pass
// never counts the first one twice. clear() forgets the nodes but keeps their matrices' storage, so a
// training loop that records the same graph each step allocates nothing after the first.
#include "core/op.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mc {

class Tape;

struct Var {
  Tape* tape = nullptr;
  int id = -1;

  bool valid() const { return tape != nullptr && id >= 0; }
  const Matrix& value() const;
  const Matrix& grad() const;
  Index rows() const { return value().rows(); }
  Index cols() const { return value().cols(); }
};

struct Node {
  Op op = Op::Constant;
  const OpInfo* info = nullptr;  // the op's row (ops/op.hpp); nullptr for a leaf
  int a = -1;              // first input's id, -1 if none
  int b = -1;              // second input's id, -1 if none
  double param = 0;        // the op's constant (exponent, scale, slope)
  bool needsGrad = false;  // a variable is upstream: backward visits it
  Matrix value;
  Matrix grad;     // d root / d value, same shape as value
  Matrix tangent;  // forward mode: d value / d x along the seeded direction
};

class Tape {
 public:
  Tape() = default;
  Tape(const Tape&) = delete;  // Vars point at their tape
  Tape& operator=(const Tape&) = delete;

  Var variable(const Matrix& value, std::string_view label = {});
  Var constant(const Matrix& value, std::string_view label = {});
  Var constant(double value) { return constant(Matrix::Constant(1, 1, value)); }

  // Records the op of row `op` on a (and b) and computes its value; checks shapes first. The rows are
  // opInfo(Op) in engine/ops; mc::apply(Op, a, b, p) there finds the row and calls this.
  Var apply(const OpInfo& op, Var a, Var b = {}, double param = 0);

  void backward(Var root);                      // root must be 1x1; seeds d root = 1
  void backward(Var root, const Matrix& seed);  // any root; seed has the root's shape
  void zeroGrad();

  // Forward mode: tangents of every node for the direction dx of variable x (other leaves fixed).
  void pushTangents(Var x, const Matrix& dx);

  // Re-runs every recorded op in order, e.g. after setValue on a leaf (finite differences use this).
  void recompute();
  void setValue(Var leaf, const Matrix& value);

  void clear();  // forget every node, keep the storage
  int size() const { return size_; }
  const Node& node(int id) const { return nodes_[check(id)]; }
  Node& node(int id) { return nodes_[check(id)]; }
  Var var(int id) { return Var{this, check(id)}; }

  // Optional readable names ("W1", "layer 1 / affine"); empty when not given.
  void setLabel(Var v, std::string_view label);
  const std::string& label(int id) const;

 private:
  int check(int id) const;
  int check(Var v, const char* what) const;
  Node& push(Op op, const OpInfo* info, int a, int b, double param);
  Var leaf(Op op, const Matrix& value, std::string_view label);
  void evaluate(Node& n);

  std::vector<Node> nodes_;  // slots [0, size_) are live; the rest keep their storage for reuse
  std::vector<std::string> labels_;
  int size_ = 0;
};

}  // namespace mc
