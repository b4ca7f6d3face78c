// The rule the walk-through shows beside every node must be the rule of the op that ran. For every
// output unit and loss the trainer accepts (and every hidden activation, with and without a penalty), a
// traced step is walked node by node, forward and backward, and each node's rule is checked against a
// table written here from the maths of each op (not read from the engine's op registry): its rule id,
// and a piece of its formula that only the right rule has (the sigmoid in binary cross-entropy, the
// softmax in softmax cross-entropy, the slope alpha of the leaky ReLU, the 1/n of a mean).
#include "api/session.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

using nlohmann::json;

namespace {

struct Expected {
  std::string rule;     // rule id
  std::string must;     // a piece of the formula's LaTeX that states this op's derivative
  std::string mustNot;  // a piece that would mean another op's rule ("" for none)
};

// op name -> the rule that states its derivative.
const std::map<std::string, Expected>& expectedRules() {
  static const std::map<std::string, Expected> table = {
      {"variable", {"leaf", "x", ""}},
      {"constant", {"leaf", "x", ""}},
      {"matmul", {"matrix-product", "Y = W X", ""}},
      {"add bias", {"bias-broadcast", R"(\mathbf{b}\vec{1})", ""}},
      {"tanh", {"scalar-derivative", "f'(x_1)", ""}},
      {"sigmoid", {"scalar-derivative", "f'(x_1)", ""}},
      {"square", {"scalar-derivative", "f'(x_1)", ""}},
      {"abs", {"scalar-derivative", "f'(x_1)", ""}},
      {"scale", {"scalar-derivative", "f'(x_1)", ""}},
      {"relu", {"relu", R"(\max(0, z))", R"(\alpha)"}},
      {"leaky relu", {"leaky-relu", R"(\max(\alpha z, z))", ""}},
      {"softmax", {"softmax", R"(\operatorname{diag}(\mathbf{s}) - \mathbf{s}\mathbf{s}^T)", ""}},
      {"sum", {"sum-reduction", R"(\mathrm{sum}(\mathbf{x}))", R"(\frac{1}{n})"}},
      {"mean", {"mean-reduction", R"(\frac{1}{n}\vec{1})", ""}},
      {"add", {"elementwise-binary", R"(\mathbf{w} \otimes \mathbf{x})", ""}},
      {"mse", {"mse-loss", R"(\frac{2}{N}(\hat{y}_i - y_i))", ""}},
      {"binary cross-entropy", {"binary-cross-entropy", R"(\sigma(z_i) - t_i)", "softmax"}},
      {"softmax cross-entropy", {"softmax-cross-entropy", R"(\mathrm{softmax}(\mathbf{z}_j) - \mathbf{t}_j)", R"(\sigma)"}},
  };
  return table;
}

void checkRule(const std::string& op, const json& rule, std::set<std::string>& seen) {
  CAPTURE(op, rule.dump());
  const auto it = expectedRules().find(op);
  REQUIRE(it != expectedRules().end());  // an op without an expectation here: add its row
  const Expected& e = it->second;
  CHECK(rule.at("id") == e.rule);
  const std::string formula = rule.at("formula");
  CHECK(formula.find(e.must) != std::string::npos);
  if (!e.mustNot.empty()) CHECK(formula.find(e.mustNot) == std::string::npos);
  CHECK(!rule.at("name").get<std::string>().empty());
  seen.insert(op);
}

void walkTrace(const std::string& config, std::set<std::string>& seen) {
  CAPTURE(config);
  mc::api::Session s(config);
  const json t = json::parse(s.stepTraced("batch"));
  std::map<int, std::string> opOf;
  for (const json& f : t.at("forward")) {
    opOf[f.at("id").get<int>()] = f.at("op").get<std::string>();
    checkRule(f.at("op"), f.at("rule"), seen);
  }
  for (const json& b : t.at("backward")) {
    const std::string op = opOf.at(b.at("id").get<int>());
    checkRule(op, b.at("rule"), seen);
    if (b.contains("contributionRule")) CHECK(b.at("contributionRule").at("id") == "total-derivative");
  }
  // The loss node names the loss that ran.
  const std::string rootOp = opOf.at(t.at("root").get<int>());
  CHECK(rootOp != "variable");
}

}  // namespace

TEST_CASE("trace rules: every node of every output unit and loss shows its own op's rule", "[api][trace][rules]") {
  const std::string data2 = R"("dataset":{"name":"circle","n":40},"batch":4)";
  const std::string reg = R"("dataset":{"name":"reg-plane","n":40},"batch":4)";
  const std::string multi = R"("dataset":{"name":"spiral3","n":45},"batch":4)";
  const std::string configs[] = {
      // The default pair: sigmoid output with binary cross-entropy (fused).
      R"({"layers":[2,3,1],"activation":"tanh","output":"sigmoid","loss":"bce",)" + data2 + "}",
      R"({"layers":[2,3,1],"activation":"relu","output":"sigmoid","loss":"mse",)" + data2 + "}",
      R"({"layers":[2,3,1],"activation":"leaky_relu","output":"tanh","loss":"mse",)" + reg + "}",
      R"({"layers":[2,3,1],"activation":"sigmoid","output":"linear","loss":"mse",)" + reg + "}",
      R"({"layers":[2,3,1],"activation":"linear","output":"relu","loss":"mse",)" + reg + "}",
      R"({"layers":[2,3,1],"activation":"tanh","output":"leaky_relu","loss":"mse",)" + reg + "}",
      R"({"layers":[2,4,3],"activation":"tanh","output":"softmax","loss":"softmax_cross_entropy",)" + multi + "}",
      R"({"layers":[2,4,3],"activation":"relu","output":"softmax","loss":"mse",)" + multi + "}",
      // Penalties add their own nodes (abs / square, sums, a scale, an add).
      R"({"layers":[2,3,1],"output":"sigmoid","loss":"bce","regularization":{"kind":"l2","rate":0.01},)" + data2 + "}",
      R"({"layers":[2,3,1],"output":"sigmoid","loss":"bce","regularization":{"kind":"l1","rate":0.01},)" + data2 + "}",
  };
  std::set<std::string> seen;
  for (const std::string& c : configs) walkTrace(c, seen);
  // The walk covered the ops that matter most (so a renamed op cannot slip past the table).
  for (const char* op : {"matmul", "add bias", "tanh", "relu", "leaky relu", "sigmoid", "softmax", "mse",
                         "binary cross-entropy", "softmax cross-entropy"}) {
    CAPTURE(op);
    CHECK(seen.count(op) == 1);
  }
}

TEST_CASE("trace rules: the default network's loss node is binary cross-entropy, not softmax", "[api][trace][rules]") {
  mc::api::Session s("{}");
  const json t = json::parse(s.stepTraced("batch"));
  const int root = t.at("root");
  const json& loss = t.at("forward").at(static_cast<std::size_t>(root));
  CHECK(loss.at("op") == "binary cross-entropy");
  CHECK(loss.at("rule").at("id") == "binary-cross-entropy");
  CHECK(loss.at("rule").at("formula").get<std::string>().find("softmax") == std::string::npos);
}
