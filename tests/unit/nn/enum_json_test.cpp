// Enum names through nlohmann's enum serialisation (nn/enum_json.hpp): every name round-trips, and an
// unknown name, which nlohmann alone would read as the first value, is refused with the allowed names.
#include "nn/enum_json.hpp"
#include "nn/nn.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace mc::nn;
using nlohmann::json;

TEST_CASE("enum names: each name writes and reads back as its value, in declaration order", "[nn][config][enum]") {
  // the names as the config format documents them (engine/nn/config.hpp), in the enums' order
  CHECK(enumNames<Activation>() == std::vector<std::string>{"linear", "relu", "leaky_relu", "tanh", "sigmoid", "softmax"});
  CHECK(enumNames<Loss>() == std::vector<std::string>{"mse", "bce", "softmax_cross_entropy"});
  CHECK(enumNames<OptimizerKind>() == std::vector<std::string>{"sgd", "momentum", "adam"});
  CHECK(enumNames<Regularization>() == std::vector<std::string>{"none", "l1", "l2"});
  CHECK(enumNames<Init>() == std::vector<std::string>{"uniform", "xavier", "he"});
  CHECK(enumNames<Feature>() == std::vector<std::string>{"x", "y", "x2", "y2", "xy", "sinx", "siny"});
  CHECK(enumNames<Granularity>() == std::vector<std::string>{"sample", "batch", "epoch"});
  for (std::size_t i = 0; i < enumNames<OptimizerKind>().size(); ++i) {
    const auto kind = static_cast<OptimizerKind>(i);
    CHECK(json(kind) == enumNames<OptimizerKind>()[i]);
    CHECK(enumFromJson<OptimizerKind>(json(kind)) == kind);
    CHECK(std::string(optimizerName(kind)) == enumNames<OptimizerKind>()[i]);
  }
}

TEST_CASE("enum names: an unknown name is refused, not read as the first value", "[nn][config][enum]") {
  CHECK(json("adagrad").get<OptimizerKind>() == OptimizerKind::Sgd);  // nlohmann's own silent fallback
  CHECK_FALSE(enumFromJson<OptimizerKind>(json("adagrad")).has_value());
  CHECK_FALSE(enumFromJson<OptimizerKind>(json(3)).has_value());
  CHECK(allowedNames<OptimizerKind>() == "\"sgd\", \"momentum\", \"adam\"");
  CHECK_THROWS_WITH(parseConfigText(R"({"optimizer": {"name": "adagrad"}})"),
                    "config: \"optimizer.name\" is \"adagrad\" (string); allowed: \"sgd\", \"momentum\", \"adam\"");
  CHECK_THROWS_WITH(parseGranularity("step"), "granularity: \"step\" is not one of \"sample\", \"batch\", \"epoch\"");
  // written configs carry the names
  const json written = json::parse(configToString(parseConfigText(R"({"loss": "mse", "init": "he"})")));
  CHECK(written["loss"] == "mse");
  CHECK(written["init"] == "he");
  CHECK(written["optimizer"]["name"] == "sgd");
}
