// The paper rules the ops name: what the trace and the lessons show next to every number.
#include "mc.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace mc;

TEST_CASE("every rule has a unique id, a name, a formula and a lesson number", "[rules]") {
  std::set<std::string> ids;
  for (int i = 0; i < static_cast<int>(Rule::Count); ++i) {
    const RuleInfo& r = ruleInfo(static_cast<Rule>(i));
    const std::string id = r.id;
    CAPTURE(i, id);
    CHECK(!id.empty());
    CHECK(id.find(' ') == std::string::npos);  // used in JSON and links
    CHECK(ids.insert(id).second);
    CHECK(std::string(r.name).size() > 3);
    CHECK(std::string(r.formula).size() > 0);
    CHECK(r.paperItem >= 0);
    CHECK(r.paperItem <= 12);
  }
}

TEST_CASE("ops name the paper rule they illustrate", "[rules]") {
  const std::pair<Op, Rule> expected[] = {
      {Op::Variable, Rule::Leaf},          {Op::Add, Rule::ElementWiseBinary},   {Op::Div, Rule::ElementWiseBinary},
      {Op::AddScalar, Rule::ScalarExpansion}, {Op::MulScalar, Rule::ScalarExpansion}, {Op::Sin, Rule::ScalarDerivative},
      {Op::Relu, Rule::Relu},              {Op::Dot, Rule::DotProduct},          {Op::MatMul, Rule::MatrixProduct},
      {Op::AddBias, Rule::BiasBroadcast},  {Op::Stack, Rule::Stack},   {Op::Sum, Rule::SumReduction},
      {Op::Transpose, Rule::Transpose},    {Op::Mse, Rule::MseLoss},             {Op::Softmax, Rule::Softmax},
      {Op::SoftmaxCrossEntropy, Rule::SoftmaxCrossEntropy}, {Op::BceWithLogits, Rule::BinaryCrossEntropy},
      {Op::LeakyRelu, Rule::LeakyRelu},    {Op::Mean, Rule::MeanReduction}};
  for (const auto& [op, rule] : expected) {
    const std::string opName = opInfo(op).name;
    CAPTURE(opName);
    CHECK(opInfo(op).rule == rule);
  }
  CHECK(ruleInfo(Rule::ElementWiseBinary).paperItem == 6);
  CHECK(ruleInfo(Rule::ScalarExpansion).paperItem == 7);
  CHECK(ruleInfo(Rule::SumReduction).paperItem == 8);
  CHECK(ruleInfo(Rule::MseLoss).paperItem == 11);
}
