// Config parsing: defaults, round trip, and every kind of bad field rejected with a message that names
// the field, the value given and what is allowed.
#include "nn/nn.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace mc::nn;

TEST_CASE("the empty config is valid and every default is filled in", "[nn][config]") {
  const Config c = parseConfigText("{}");
  CHECK(c.layers == std::vector<int>{2, 4, 2, 1});
  CHECK(c.activations == std::vector<Activation>{Activation::Tanh, Activation::Tanh});
  CHECK(c.output == Activation::Sigmoid);  // circle is a two-class set
  CHECK(c.loss == Loss::Bce);
  CHECK(c.batch == 10);
  CHECK(c.optimizer.kind == OptimizerKind::Sgd);
  CHECK(c.optimizer.lr == 0.03);
  CHECK(c.dataset.name == "circle");
  // the full config parses back to itself
  const std::string full = configToString(c);
  CHECK(configToString(parseConfigText(full)) == full);
  const auto j = nlohmann::json::parse(full);
  for (const char* key : {"layers", "activation", "output", "loss", "batch", "init", "seed", "optimizer",
                          "regularization", "features", "dataset"}) {
    CHECK(j.contains(key));
  }
}

TEST_CASE("defaults follow the data set's problem", "[nn][config]") {
  const Config reg = parseConfigText(R"({"dataset":{"name":"reg-plane"}})");
  CHECK(reg.output == Activation::Linear);
  CHECK(reg.loss == Loss::Mse);
  const Config multi = parseConfigText(R"({"dataset":{"name":"spiral3"}})");
  CHECK(multi.layers.back() == 3);
  CHECK(multi.output == Activation::Softmax);
  CHECK(multi.loss == Loss::SoftmaxCrossEntropy);
  const Config feats = parseConfigText(R"({"features":["x","y","x2","y2","xy","sinx","siny"],"activation":["relu","leaky_relu"]})");
  CHECK(feats.layers.front() == 7);
  CHECK(feats.activations == std::vector<Activation>{Activation::Relu, Activation::LeakyRelu});
}

struct BadConfig {
  const char* json;
  const char* field;    // the message must name this
  const char* detail;   // and this (the value or what is allowed)
};

TEST_CASE("every bad config field is rejected with a message naming it", "[nn][config]") {
  const BadConfig cases[] = {
      {R"({"lr":0.1})", "unknown key \"lr\"", "optimizer"},
      {R"({"batch":0})", "\"batch\" is 0", "from 1 to 4096"},
      {R"({"batch":5000})", "\"batch\" is 5000", "from 1 to 4096"},
      {R"({"batch":"ten"})", "\"batch\" is \"ten\" (string)", "integer"},
      {R"({"batch":2.5})", "\"batch\" is 2.5", "integer"},
      {R"({"layers":[2]})", "\"layers\"", "2 to 16"},
      {R"({"layers":[3,4,1]})", "\"layers[0]\" is 3", "2 features"},
      {R"({"layers":[2,4,2]})", "last entry of \"layers\" is 2", "needs 1 output unit"},
      {R"({"layers":[2,0,1]})", "\"layers[1]\" is 0", "from 1 to 4096"},
      {R"({"layers":[2,1000,1000,1]})", "1005001 parameters", "at most 1000000"},
      {R"({"layers":[2,4096,1],"batch":1000})", "\"batch\" 1000 times the widest layer (4096 units)", "at most 2000000"},
      {R"({"activation":"swish"})", "\"activation\" is \"swish\"", "\"tanh\""},
      {R"({"activation":["tanh"]})", "\"activation\"", "one name per hidden layer (2)"},
      {R"({"activation":"softmax"})", "\"activation\" is \"softmax\"", "only as \"output\""},
      {R"({"output":"softmax"})", "\"output\"", "at least 2 output units"},
      {R"({"output":"cube"})", "\"output\" is \"cube\"", "\"sigmoid\""},
      {R"({"loss":"hinge"})", "\"loss\" is \"hinge\"", "\"mse\", \"bce\", \"softmax_cross_entropy\""},
      {R"({"loss":"bce","dataset":{"name":"reg-plane"}})", "\"loss\"", "regression"},
      {R"({"loss":"softmax_cross_entropy","output":"sigmoid"})", "\"loss\"", "only with \"output\": \"softmax\""},
      {R"({"optimizer":{"name":"adamw"}})", "\"optimizer.name\" is \"adamw\"", "\"adam\""},
      {R"({"optimizer":{"lr":0}})", "\"optimizer.lr\" is 0", "above 0"},
      {R"({"optimizer":{"lr":-1}})", "\"optimizer.lr\" is -1", "above 0"},
      {R"({"optimizer":{"beta1":1}})", "\"optimizer.beta1\" is 1", "below 1"},
      {R"({"optimizer":{"lr":0.1,"decay":1}})", "unknown key \"optimizer.decay\"", "lr"},
      {R"({"optimizer":"adam"})", "\"optimizer\" is \"adam\"", "JSON object"},
      {R"({"regularization":{"kind":"l3"}})", "\"regularization.kind\" is \"l3\"", "\"l2\""},
      {R"({"regularization":{"rate":-0.1}})", "\"regularization.rate\" is -0.1", "from 0 to 10"},
      {R"({"features":["x","z"]})", "\"features[1]\" is \"z\"", "\"sinx\""},
      {R"({"features":["x","x"]})", "\"features[1]\" is \"x\"", "each feature once"},
      {R"({"features":[]})", "\"features\"", "non-empty"},
      {R"({"dataset":{"name":"moons"}})", "\"dataset.name\" is \"moons\"", "\"spiral\""},
      {R"({"dataset":{"n":1}})", "\"dataset.n\" is 1", "from 2 to 100000"},
      {R"({"dataset":{"n":200000}})", "\"dataset.n\" is 200000", "from 2 to 100000"},
      {R"({"dataset":{"noise":2}})", "\"dataset.noise\" is 2", "from 0 to 1"},
      {R"({"dataset":{"train_fraction":0}})", "\"dataset.train_fraction\" is 0", "above 0"},
      {R"({"dataset":{"name":"custom"}})", "\"dataset.points\" is missing", "CSV"},
      {R"({"dataset":{"points":[[0,0,1]]}})", "\"dataset.points\"", "\"custom\""},
      {R"({"dataset":{"name":"custom","points":"1,2\n"}})", "\"dataset.points\"", "line 1"},
      {R"({"dataset":{"name":"custom","points":[[0,0,1],[1,"a",0]]}})", "points[1][1]", "a number"},
      {R"({"seed":-1})", "\"seed\" is -1", "non-negative integer"},
      {R"({"init":"zeros"})", "\"init\" is \"zeros\"", "\"he\""},
      {R"({"leaky_slope":2})", "\"leaky_slope\" is 2", "from 0 to 1"},
      {R"([1,2])", "(top level)", "JSON object"},
      {R"({"batch":)", "not valid JSON", "parse error"},
  };
  STATIC_REQUIRE(sizeof(cases) / sizeof(cases[0]) >= 15);
  for (const BadConfig& c : cases) {
    CAPTURE(c.json);
    try {
      Trainer t(parseConfigText(c.json));
      FAIL("accepted a bad config");
    } catch (const ConfigError& e) {
      const std::string message = e.what();
      CAPTURE(message);
      CHECK(message.find(c.field) != std::string::npos);
      CHECK(message.find(c.detail) != std::string::npos);
    }
  }
}

TEST_CASE("a config built in code is checked like a parsed one", "[nn][config]") {
  Config c;  // no layers at all
  CHECK_THROWS_WITH(Trainer(c), Catch::Contains("\"layers\" is []"));
  c = parseConfigText("{}");
  c.batch = 0;
  CHECK_THROWS_WITH(Trainer(c), Catch::Contains("\"batch\" is 0"));
  c.batch = 10;
  c.layers[0] = 3;
  CHECK_THROWS_WITH(Trainer(c), Catch::Contains("\"layers[0]\" is 3"));
}

TEST_CASE("step counts and granularities are checked", "[nn][config]") {
  Trainer t(parseConfigText("{}"));
  CHECK_THROWS_WITH(t.step(Granularity::Batch, 0), Catch::Contains("count is 0"));
  CHECK_THROWS_WITH(parseGranularity("minibatch"), Catch::Contains("\"minibatch\""));
  CHECK_THROWS_WITH(t.recordStep(Granularity::Epoch), Catch::Contains("epoch"));
  CHECK_THROWS_WITH(t.setWeight(0, 4, 0, 1.0), Catch::Contains("outside W1 (4x2)"));
  CHECK_THROWS_WITH(t.setBias(3, 0, 1.0), Catch::Contains("layer 3 does not exist"));
  CHECK_THROWS_WITH(t.addPoint({0, 0, 0.5}), Catch::Contains("allowed: 0 or 1"));
  CHECK_THROWS_WITH(t.setPoints("0,0,0.25\n1,1,0.75\n"), Catch::Contains("regression"));
}
