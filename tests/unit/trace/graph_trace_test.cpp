// The generic exporter on a hand-built 2-2-1 network: order, labels, gradients, local Jacobians (against
// central differences of the op's forward alone), downstream = upstream x local, and the total-derivative rule.
#include "trace/graph_trace.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tiny_net.hpp"
#include "trace/matrix_json.hpp"

using namespace mc;
using namespace mc::trace;

namespace {

double maxAbsDiff(const Matrix& a, const Matrix& b) {
  REQUIRE(a.rows() == b.rows());
  REQUIRE(a.cols() == b.cols());
  return a.size() == 0 ? 0.0 : (a - b).cwiseAbs().maxCoeff();
}

// d vec(y) / d vec(input k) by central differences of the op's forward alone (no tape, no vjp).
Matrix centralJacobian(const Tape& t, const Node& n, int k, double h = 1e-6) {
  const OpInfo& info = opInfo(n.op);
  Matrix a = t.node(n.a).value;
  Matrix b = n.b >= 0 ? t.node(n.b).value : Matrix();
  Matrix& in = k == 0 ? a : b;
  Matrix j(n.value.size(), in.size());
  Matrix up(n.value.rows(), n.value.cols()), down(n.value.rows(), n.value.cols());
  for (Index e = 0; e < in.size(); ++e) {
    const double keep = in(e);
    in(e) = keep + h;
    info.forward(a, b, n.param, up);
    in(e) = keep - h;
    info.forward(a, b, n.param, down);
    in(e) = keep;
    const Matrix diff = (up - down) / (2 * h);
    j.col(e) = Eigen::Map<const Eigen::VectorXd>(diff.data(), diff.size());
  }
  return j;
}

const BackwardNode& backwardOf(const GraphTrace& g, int id) {
  for (const BackwardNode& b : g.backward)
    if (b.id == id) return b;
  FAIL("node " << id << " is not in the backward pass");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("the forward pass lists every node the loss depends on, in tape order, with label and scope", "[trace][graph]") {
  Tape t;
  tiny::Net net = tiny::build(t);
  const GraphTrace g = traceGraph(t, net.loss);
  REQUIRE(g.forward.size() == static_cast<std::size_t>(t.size()));
  for (std::size_t i = 0; i < g.forward.size(); ++i) CHECK(g.forward[i].id == static_cast<int>(i));
  const ForwardNode& z1 = g.forward[static_cast<std::size_t>(net.z1.id)];
  CHECK(z1.op == "add bias");
  CHECK(z1.label == "layer 1 / affine");
  CHECK(z1.scope == "layer 1");
  CHECK(z1.name == "affine");
  CHECK(z1.inputs == std::vector<int>{net.a1.id, net.b1.id});
  CHECK(z1.rule.id == "bias-broadcast");
  CHECK(z1.value == net.z1.value());
  const ForwardNode& w1 = g.forward[static_cast<std::size_t>(net.w1.id)];
  CHECK(w1.kind == "variable");
  CHECK(w1.scope.empty());
  CHECK(w1.name == "W1");
  CHECK(g.forward[static_cast<std::size_t>(net.x.id)].kind == "constant");
  CHECK(splitLabel("network / layer 2 / tanh").scope == "network / layer 2");
}

TEST_CASE("nodes the loss does not depend on are listed, marked, and left out of the backward pass", "[trace][graph]") {
  Tape t;
  tiny::Net net = tiny::build(t);
  Var unrelated = sum(square(net.w2));  // recorded after the loss, not part of it
  const GraphTrace g = traceGraph(t, net.loss);
  REQUIRE(g.forward.size() == static_cast<std::size_t>(t.size()));
  for (const ForwardNode& f : g.forward) CHECK(f.reachesRoot == (f.id <= net.loss.id));
  for (const BackwardNode& b : g.backward) CHECK(b.id <= net.loss.id);
  CHECK(g.forward.back().id == unrelated.id);
}

TEST_CASE("the backward pass: upstream gradients are the tape's, root first, constants skipped", "[trace][graph]") {
  Tape t;
  tiny::Net net = tiny::build(t, 3);
  const GraphTrace g = traceGraph(t, net.loss);
  REQUIRE_FALSE(g.backward.empty());
  CHECK(g.backward.front().id == net.loss.id);
  CHECK(g.backward.front().upstream == Matrix::Ones(1, 1));
  for (std::size_t i = 1; i < g.backward.size(); ++i) CHECK(g.backward[i].id < g.backward[i - 1].id);
  for (const BackwardNode& b : g.backward) {
    CAPTURE(b.id);
    CHECK(b.id != net.x.id);
    CHECK(b.id != net.y.id);
    CHECK(b.upstream == t.node(b.id).grad);
  }
  // Against an independent backward: mc::gradient on the same tape.
  const Matrix gw1 = backwardOf(g, net.w1.id).upstream;
  CHECK(maxAbsDiff(gw1, gradient(t, net.loss, net.w1)) == 0.0);
}

TEST_CASE("local Jacobians agree with central differences of each op's forward", "[trace][graph]") {
  for (int batch : {1, 3}) {
    CAPTURE(batch);
    Tape t;
    tiny::Net net = tiny::build(t, batch);
    TraceOptions options;
    options.maxFullJacobian = 1000;  // every Jacobian in full, so every one is checked
    const GraphTrace g = traceGraph(t, net.loss, options);
    int checked = 0;
    for (const BackwardNode& b : g.backward) {
      for (const LocalJacobian& l : b.inputs) {
        CAPTURE(b.id, l.slot);
        if (!l.needsGrad) continue;
        REQUIRE(l.full);
        const Matrix fd = centralJacobian(t, t.node(b.id), l.slot);
        CHECK(maxAbsDiff(l.matrix, fd) < 1e-8);
        CHECK(l.rows == fd.rows());
        CHECK(l.cols == fd.cols());
        ++checked;
      }
    }
    CHECK(checked == 10);  // matmul W1, bias b1, tanh, matmul W2 and h1, bias b2 and a2, sigmoid, mse, a1
  }
}

TEST_CASE("downstream = upstream x local Jacobian, reshaped like the input", "[trace][graph]") {
  Tape t;
  tiny::Net net = tiny::build(t, 2);
  const GraphTrace g = traceGraph(t, net.loss);
  for (const BackwardNode& b : g.backward) {
    for (const LocalJacobian& l : b.inputs) {
      if (!l.needsGrad) continue;
      CAPTURE(b.id, l.slot);
      const Matrix j = l.full ? l.matrix : expandStructure(l.structure);
      const Matrix row = Eigen::Map<const Eigen::RowVectorXd>(b.upstream.data(), b.upstream.size()) * j;
      const Matrix& in = t.node(l.input).value;
      REQUIRE(l.downstream.rows() == in.rows());
      REQUIRE(l.downstream.cols() == in.cols());
      CHECK(maxAbsDiff(l.downstream, Eigen::Map<const Matrix>(row.data(), in.rows(), in.cols())) < 1e-15);
    }
  }
}

TEST_CASE("large local Jacobians are given by structure only", "[trace][graph]") {
  Tape t;
  tiny::Net net = tiny::build(t, 5);  // z1 is 2x5: the tanh Jacobian is 10x10 = 100 entries
  const GraphTrace g = traceGraph(t, net.loss);
  const LocalJacobian& l = backwardOf(g, net.h1.id).inputs.at(0);
  CHECK(l.rows == 10);
  CHECK_FALSE(l.full);
  CHECK(l.matrix.size() == 0);
  CHECK(l.structure.kind == "diagonal");
  // 1 - tanh^2 on the diagonal (the paper's scalar derivative rule, item 3)
  const Matrix h = net.h1.value();
  const Eigen::VectorXd expected = (1 - Eigen::Map<const Eigen::ArrayXd>(h.data(), h.size()).square()).matrix();
  CHECK(maxAbsDiff(l.structure.entries, expected) < 1e-15);
}

TEST_CASE("a node used by several others: each contribution, and their sum is its gradient", "[trace][graph]") {
  SECTION("y = x*x + x: x feeds mul twice and add once (total-derivative rule)") {
    Tape t;
    Var x = t.variable(Matrix::Constant(1, 1, 1.5), "x");
    Var y = x * x + x;
    const GraphTrace g = traceGraph(t, y);
    const BackwardNode& bx = backwardOf(g, x.id);
    REQUIRE(bx.contributions.size() == 3);
    CHECK(bx.consumers.size() == 2);
    CHECK(bx.contributions[0].gradient(0, 0) == 1.5);  // d(x*x)/d(first x) = x
    CHECK(bx.contributions[1].gradient(0, 0) == 1.5);  // d(x*x)/d(second x) = x
    CHECK(bx.contributions[2].gradient(0, 0) == 1.0);  // d(.. + x)/dx = 1
    CHECK(bx.contributionSum(0, 0) == 2 * 1.5 + 1);    // dy/dx = 2x + 1
    CHECK(bx.upstream(0, 0) == 2 * 1.5 + 1);
  }
  SECTION("W1 in a network with an L2 penalty: through the layer and through the penalty") {
    Tape t;
    tiny::Net net = tiny::build(t, 3, 0.01);
    const GraphTrace g = traceGraph(t, net.loss);
    const BackwardNode& bw = backwardOf(g, net.w1.id);
    REQUIRE(bw.contributions.size() == 2);
    CHECK(bw.contributions[0].consumer == net.a1.id);
    CHECK(maxAbsDiff(bw.contributionSum, bw.upstream) < 1e-15);
    // The penalty's share is d(0.01 * sum(W^2))/dW = 0.02 W, by hand.
    CHECK(maxAbsDiff(bw.contributions[1].gradient, 0.02 * net.w1.value()) < 1e-15);
  }
  SECTION("single-consumer nodes list no contributions") {
    Tape t;
    tiny::Net net = tiny::build(t);
    const GraphTrace g = traceGraph(t, net.loss);
    CHECK(backwardOf(g, net.h1.id).contributions.empty());
    CHECK(backwardOf(g, net.h1.id).consumers == std::vector<int>{net.a2.id});
  }
}

TEST_CASE("the JSON: schemaVersion first-class, matrices as rows, structure or full Jacobian", "[trace][graph][json]") {
  Tape t;
  tiny::Net net = tiny::build(t);
  const nlohmann::json j = traceGraph(t, net.loss);
  CHECK(j.at("schemaVersion") == kSchemaVersion);
  CHECK(j.at("kind") == "graph");
  CHECK(j.at("root") == net.loss.id);
  CHECK(j.at("forward").size() == static_cast<std::size_t>(t.size()));
  const nlohmann::json& w1 = j.at("forward").at(static_cast<std::size_t>(net.w1.id));
  CHECK(w1.at("shape") == "2x2");
  CHECK(matrixFromJson(w1.at("value")) == net.w1.value());
  CHECK(w1.at("value").at("data").at(0).at(1) == 0.20);  // row by row: W1(0, 1)
  const nlohmann::json& loss = j.at("backward").at(0);
  CHECK(loss.at("rule").at("id") == "mse-loss");
  CHECK(loss.at("inputs").at(0).at("full") == true);
  CHECK(loss.at("inputs").at(0).at("jacobianShape") == "1x1");
  CHECK(loss.at("inputs").at(1).at("needsGrad") == false);  // the target is data
  CHECK_FALSE(loss.at("inputs").at(1).contains("downstream"));
}

TEST_CASE("an expression graph with a vector root takes a seed", "[trace][graph]") {
  Tape t;
  Var x = t.variable((Matrix(2, 1) << 0.5, -1.0).finished(), "x");
  Var y = sin(square(x));  // the paper's y = sin(x^2), element-wise
  TraceOptions options;
  CHECK_THROWS_AS(traceGraph(t, y, options), ShapeError);  // no seed: the root must be 1x1
  options.seed = (Matrix(2, 1) << 1.0, 0.0).finished();    // row 0 of the Jacobian
  const GraphTrace g = traceGraph(t, y, options);
  const BackwardNode& bx = backwardOf(g, x.id);
  CHECK(std::abs(bx.upstream(0, 0) - std::cos(0.25) * 2 * 0.5) < 1e-15);
  CHECK(bx.upstream(1, 0) == 0.0);
}
