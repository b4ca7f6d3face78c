// Live settings (Session::applySettings), the page's "hidden" form of the layers, and the published
// config schema. Oracles: the SGD update written out (W <- W - lr dL/dW) with the gradient from
// gradients(), the weights before the change, and the parser itself at each published bound.
#include "api/session.hpp"
#include "nn/config.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

using mc::api::Session;
using nlohmann::json;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

// Full batch (20 training points, batch 20): one step is the mean gradient over the training set, so
// gradients() on the training set is exactly the gradient the next update uses.
const char* kFullBatch = R"({"layers":[2,3,1],"batch":20,"optimizer":{"name":"sgd","lr":0.1},
  "dataset":{"name":"xor","n":40,"seed":3},"seed":7})";

json weightsOf(const Session& s) { return json::parse(s.weights())["layers"]; }

}  // namespace

TEST_CASE("a new learning rate keeps the weights and the step, and the next update uses it", "[api][live]") {
  Session s(kFullBatch);
  s.step("batch", 5);
  const json before = weightsOf(s);
  const long step = json::parse(s.metrics())["step"];
  const json config = json::parse(s.applySettings(R"({"optimizer":{"lr":0.01}})"));
  CHECK(config["optimizer"]["lr"] == 0.01);
  CHECK(config["optimizer"]["name"] == "sgd");  // fields not given are kept
  const json after = weightsOf(s);
  for (std::size_t l = 0; l < before.size(); ++l) {
    CHECK(after[l]["weights"] == before[l]["weights"]);  // bit for bit: nothing was rebuilt
    CHECK(after[l]["bias"] == before[l]["bias"]);
  }
  CHECK(json::parse(s.metrics())["step"] == step);

  const json grads = json::parse(s.gradients(""))["layers"];
  s.step("batch", 1);
  const json next = weightsOf(s);
  CHECK(json::parse(s.metrics())["step"] == step + 1);
  for (std::size_t l = 0; l < before.size(); ++l) {
    for (std::size_t k = 0; k < before[l]["weights"].size(); ++k) {
      const double expected = before[l]["weights"][k].get<double>() - 0.01 * grads[l]["weights"][k].get<double>();
      CHECK_THAT(next[l]["weights"][k].get<double>(), WithinAbs(expected, 1e-12));
    }
  }
}

TEST_CASE("regularisation and the optimiser's kind are live too", "[api][live]") {
  Session s(kFullBatch);
  s.step("batch", 3);
  const json before = weightsOf(s);
  const json config = json::parse(s.applySettings(R"({"optimizer":{"name":"adam"},"regularization":{"kind":"l2","rate":0.01}})"));
  CHECK(config["optimizer"]["name"] == "adam");
  CHECK(config["optimizer"]["lr"] == 0.1);
  CHECK(config["regularization"]["kind"] == "l2");
  CHECK(weightsOf(s)[0]["weights"] == before[0]["weights"]);
  CHECK(json::parse(s.metrics())["step"] == 3);
  CHECK(json::parse(s.metrics())["regularization"].get<double>() > 0);
}

TEST_CASE("applySettings refuses what needs a rebuild and bad values, and changes nothing", "[api][live]") {
  Session s(kFullBatch);
  s.step("batch", 2);
  const std::string config = s.config();
  CHECK_THROWS_WITH(s.applySettings(R"({"layers":[2,4,1]})"),
                    Contains("\"layers\" cannot change on a running network") && Contains("live fields"));
  CHECK_THROWS_WITH(s.applySettings(R"({"seed":3})"), Contains("needs a new session"));
  CHECK_THROWS_WITH(s.applySettings(R"({"optimizer":{"lr":0.5},"regularization":{"rate":11}})"),
                    Contains("\"regularization.rate\" is 11"));
  CHECK_THROWS_WITH(s.applySettings(R"({"optimizer":{"lr":0}})"), Contains("\"optimizer.lr\" is 0"));
  CHECK_THROWS_WITH(s.applySettings("[1]"), Contains("give a JSON object"));
  CHECK(s.config() == config);
  s.step("batch", 1);  // and it keeps working
  CHECK(json::parse(s.metrics())["step"] == 3);
}

TEST_CASE("hidden: the page's form of the layers takes the inputs and outputs from the data set", "[api][config]") {
  CHECK(json::parse(Session(R"({"hidden":[5,2],"features":["x","y","xy"]})").config())["layers"] == json({3, 5, 2, 1}));
  CHECK(json::parse(Session(R"({"hidden":[],"dataset":{"name":"spiral3"}})").config())["layers"] == json({2, 3}));
  // A table's columns are its inputs: "features" are for 2-D data and do not apply.
  const json iris = json::parse(Session(R"({"hidden":[6],"features":["x","y"],"dataset":{"name":"iris"}})").config());
  CHECK(iris["layers"] == json({4, 6, 3}));
  CHECK_FALSE(iris.contains("features"));
  CHECK_THROWS_WITH(Session(R"({"hidden":[4],"layers":[2,4,1]})"), Contains("not both"));
  CHECK_THROWS_WITH(Session(R"({"hidden":[0]})"), Contains("\"hidden[0]\" is 0"));
}

TEST_CASE("the published schema's ranges and names are the ones the parser applies", "[api][config]") {
  const json schema = json::parse(Session::configSchema())["fields"];
  int checked = 0;
  for (const json& field : schema) {
    const std::string path = field["path"];
    CAPTURE(path);
    const auto withValue = [&](const json& v) {
      json config = json::object();
      const auto dot = path.find('.');
      if (dot == std::string::npos) config[path] = v;
      else config[path.substr(0, dot)][path.substr(dot + 1)] = v;
      return config.dump();
    };
    if (field["type"] == "number") {
      const double lo = field["min"], hi = field["max"];
      CHECK_NOTHROW(Session(withValue(hi)));
      CHECK_THROWS_WITH(Session(withValue(hi * 1.001 + 1e-9)), Contains(path));
      if (field["minOpen"] == true) CHECK_THROWS_WITH(Session(withValue(lo)), Contains(path));
      else CHECK_NOTHROW(Session(withValue(lo)));
      CHECK_NOTHROW(Session(withValue(field["default"])));
      ++checked;
    } else if (field["type"] == "enum" && path != "output" && path != "loss" && path != "dataset.name") {
      for (const json& v : field["values"]) CHECK_NOTHROW(Session(withValue(v)));
      CHECK_THROWS_WITH(Session(withValue("bogus")), Contains(path));
      ++checked;
    }
  }
  CHECK(checked >= 12);
  // live exactly where applySettings takes the field
  for (const json& field : schema) {
    const std::string path = field["path"];
    CAPTURE(path);
    const bool live = path.rfind("optimizer.", 0) == 0 || path.rfind("regularization.", 0) == 0;
    CHECK(field["live"] == live);
  }
}

TEST_CASE("the engine states each activation's output range and each optimiser's update, once", "[api][config]") {
  const json schema = json::parse(Session::configSchema())["fields"];
  json output, optimizer;
  for (const json& f : schema) {
    if (f["path"] == "output") output = f;
    if (f["path"] == "optimizer.name") optimizer = f;
  }
  // the functions' ranges by hand: sigmoid and softmax in [0, 1], tanh in [-1, 1], relu in [0, inf)
  CHECK(output["outputRange"]["sigmoid"] == json::array({0, 1}));
  CHECK(output["outputRange"]["softmax"] == json::array({0, 1}));
  CHECK(output["outputRange"]["tanh"] == json::array({-1, 1}));
  CHECK(output["outputRange"]["relu"] == json::array({0, nullptr}));
  CHECK(output["outputRange"]["linear"] == json::array({nullptr, nullptr}));
  CHECK(output["outputRange"].size() == output["values"].size());
  CHECK(optimizer["updateRule"]["sgd"] == "p <- p - lr g");
  CHECK(optimizer["updateRule"].size() == optimizer["values"].size());
  // the running network says the same per layer, and the traced step names its optimiser's rule
  Session s(R"({"layers": [2, 3, 1], "activation": "relu", "output": "tanh", "optimizer": {"name": "momentum"}})");
  const json layers = json::parse(s.weights())["layers"];
  CHECK(layers[0]["outputRange"] == output["outputRange"]["relu"]);
  CHECK(layers[1]["outputRange"] == output["outputRange"]["tanh"]);
  CHECK(json::parse(s.stepTraced("batch"))["updateRule"] == optimizer["updateRule"]["momentum"]);
}
