// Training end to end: convergence within stated step budgets (fixed seeds), determinism, save / load /
// continue, divergence handling and the traced step.
#include "nn/nn.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace mc;
using namespace mc::nn;
using Catch::Matchers::WithinAbs;

namespace {
Metrics trainFor(const char* config, int steps) {
  Trainer t(parseConfigText(config));
  const StepResult& r = t.step(Granularity::Batch, steps);
  REQUIRE(r.ok);
  REQUIRE(r.step == steps);
  return t.metrics();
}

bool sameWeights(const Trainer& a, const Trainer& b) {
  for (int l = 0; l < a.network().layerCount(); ++l) {
    if (a.network().layer(l).weight != b.network().layer(l).weight) return false;
    if (a.network().layer(l).bias != b.network().layer(l).bias) return false;
  }
  return true;
}
}  // namespace

TEST_CASE("xor reaches 100% training accuracy within 400 steps", "[nn][convergence]") {
  const Metrics m = trainFor(R"({"layers":[2,8,8,1],"optimizer":{"name":"adam","lr":0.03},
      "dataset":{"name":"xor","n":200,"seed":1}})", 400);
  CHECK(m.trainAccuracy == 1.0);
}

TEST_CASE("circle reaches 95% test accuracy within 600 steps", "[nn][convergence]") {
  const Metrics m = trainFor(R"({"layers":[2,8,8,1],"optimizer":{"name":"adam","lr":0.03},
      "dataset":{"name":"circle","n":400,"seed":2,"noise":0.1}})", 600);
  CHECK(m.testAccuracy >= 0.95);
}

TEST_CASE("spiral (x and y only) reaches 90% test accuracy within 3000 steps", "[nn][convergence]") {
  const Metrics m = trainFor(R"({"layers":[2,16,16,1],"optimizer":{"name":"adam","lr":0.01},
      "dataset":{"name":"spiral","n":500,"seed":3,"noise":0.1}})", 3000);
  CHECK(m.testAccuracy >= 0.90);
}

TEST_CASE("regression plane reaches R^2 0.99 within 1000 steps", "[nn][convergence]") {
  const Metrics m = trainFor(R"({"layers":[2,8,1],"optimizer":{"name":"adam","lr":0.01},
      "dataset":{"name":"reg-plane","n":400,"seed":4}})", 1000);
  CHECK(m.testR2 >= 0.99);
  CHECK(std::isnan(m.testAccuracy));
}

TEST_CASE("predictions on a large grid come in chunks and equal the layer-by-layer outputs", "[nn][predict]") {
  Trainer t(parseConfigText(R"({"layers":[2,4000,1],"batch":1,"init":"he"})"));
  Matrix grid(2, 1100);  // 2,000,000 / 4000 = 500 columns per chunk: three chunks
  for (Index j = 0; j < grid.cols(); ++j) {
    grid(0, j) = -6 + 12.0 * j / 1099;
    grid(1, j) = 6 - 0.01 * j;
  }
  Matrix out;
  t.predict(grid, out);
  std::vector<Matrix> layers;
  t.neuronOutputs(grid, layers);  // all columns at once
  REQUIRE(layers.size() == 3);
  CHECK(layers[1].rows() == 4000);
  CHECK(out.cols() == 1100);
  CHECK((out - layers[2]).cwiseAbs().maxCoeff() < 1e-14);
  // every neuron at 4000 points: 4003 x 4000 outputs is over the limit, and says so
  CHECK_THROWS_WITH(t.neuronOutputs(Matrix::Zero(2, 4000), layers), Catch::Contains("4000 points x 4003 neurons"));
}

TEST_CASE("sample and epoch steps count updates and epochs", "[nn][training]") {
  Trainer t(parseConfigText(R"({"batch":10,"dataset":{"name":"circle","n":100,"train_fraction":0.5}})"));
  t.step(Granularity::Sample, 3);
  CHECK(t.stepCount() == 3);
  const StepResult& r = t.step(Granularity::Epoch, 1);  // 47 samples left in the pass: 5 batches end it
  CHECK(r.updates == 5);
  CHECK(t.epochCount() == 1);
  CHECK(r.gradientNorms.weights.size() == 3);
  CHECK(r.gradientNorms.total > 0);
}

TEST_CASE("same config and seed give bit-identical data, weights and losses", "[nn][determinism]") {
  const char* config = R"({"layers":[2,6,6,1],"init":"he","optimizer":{"name":"adam","lr":0.01},
      "dataset":{"name":"gauss","n":200,"noise":0.4,"seed":9}})";
  Trainer a(parseConfigText(config)), b(parseConfigText(config));
  for (std::size_t i = 0; i < a.data().train.size(); ++i) {
    CHECK(a.data().train[i].x == b.data().train[i].x);
    CHECK(a.data().train[i].label == b.data().train[i].label);
  }
  for (int i = 0; i < 200; ++i) CHECK(a.step().loss == b.step().loss);
  CHECK(sameWeights(a, b));
  // a different seed gives different weights
  Trainer c(parseConfigText(R"({"seed":2})")), d(parseConfigText(R"({"seed":3})"));
  CHECK_FALSE(sameWeights(c, d));
  // reset(seed) is a fresh start
  Trainer e(parseConfigText(R"({"seed":3})"));
  c.step(Granularity::Batch, 5);
  c.reset(3);
  CHECK(sameWeights(c, e));
  CHECK(c.stepCount() == 0);
}

TEST_CASE("save, load and continue equals an uninterrupted run", "[nn][model]") {
  const char* config = R"({"layers":[2,5,3,1],"optimizer":{"name":"adam","lr":0.01},"init":"he",
      "regularization":{"kind":"l2","rate":0.001},"dataset":{"name":"spiral","n":120,"noise":0.3,"seed":5}})";
  Trainer first(parseConfigText(config));
  first.step(Granularity::Batch, 17);
  first.addPoint({1.5, -2.5, 1});  // data changed after the config: it travels in the model file
  first.step(Granularity::Batch, 3);
  Trainer replay(parseConfigText(config));  // the uninterrupted run
  replay.step(Granularity::Batch, 17);
  replay.addPoint({1.5, -2.5, 1});
  replay.step(Granularity::Batch, 3);

  const std::string saved = first.saveJson();
  auto loaded = Trainer::loadJson(saved);
  CHECK(loaded->saveJson() == saved);
  CHECK(loaded->stepCount() == 20);
  // identical predictions
  Matrix grid(2, 3);
  grid << -5, 0, 4.5, 3, 0.1, -6;
  Matrix p1, p2;
  first.predict(grid, p1);
  loaded->predict(grid, p2);
  CHECK(p1 == p2);
  // identical next steps
  for (int i = 0; i < 25; ++i) {
    const double la = replay.step().loss;
    CHECK(la == loaded->step().loss);
  }
  CHECK(sameWeights(replay, *loaded));
}

TEST_CASE("loading a model checks every shape and says what is wrong", "[nn][model]") {
  Trainer t(parseConfigText(R"({"layers":[2,3,1]})"));
  nlohmann::json model;
  t.save(model);
  auto broken = model;
  broken["layers"][0]["W"] = {{1, 2}, {3, 4}};
  CHECK_THROWS_WITH(Trainer::load(broken), Catch::Contains("layers[0].W") && Catch::Contains("expected 3x2"));
  broken = model;
  broken["layers"][1]["b"] = {1, 2};
  CHECK_THROWS_WITH(Trainer::load(broken), Catch::Contains("layers[1].b") && Catch::Contains("2 entries"));
  broken = model;
  broken["layers"].erase(1);
  CHECK_THROWS_WITH(Trainer::load(broken), Catch::Contains("\"layers\" has 1 entries"));
  broken = model;
  broken["format"] = "keras";
  CHECK_THROWS_WITH(Trainer::load(broken), Catch::Contains("mc-model"));
  broken = model;
  broken["config"]["batch"] = -4;
  CHECK_THROWS_WITH(Trainer::load(broken), Catch::Contains("model: config: \"batch\" is -4"));
  broken = model;
  broken["order"]["permutation"][0] = 1;
  broken["order"]["permutation"][1] = 1;
  CHECK_THROWS_WITH(Trainer::load(broken), Catch::Contains("not a permutation"));
  CHECK_THROWS_WITH(Trainer::loadJson("{"), Catch::Contains("not valid JSON"));
}

TEST_CASE("a diverging step keeps the last good weights and says why", "[nn][divergence]") {
  // A linear network with lr 10 on MSE: every step multiplies the error, until it overflows.
  const char* config = R"({"layers":[2,4,1],"activation":"linear","output":"linear","loss":"mse",
      "optimizer":{"name":"sgd","lr":10},"dataset":{"name":"reg-plane","n":100,"seed":1}})";
  Trainer t(parseConfigText(config));
  const StepResult r = t.step(Granularity::Batch, 10000);
  REQUIRE_FALSE(r.ok);
  CHECK(r.status == "diverged");
  const long good = t.stepCount();
  CHECK(good > 0);
  CHECK(r.step == good);
  CHECK(r.updates == good);
  CHECK_THAT(r.message, Catch::Contains("diverged at step " + std::to_string(good + 1)) &&
                            Catch::Contains("try a smaller learning rate"));
  // the weights are those after the last good step, and finite
  Trainer replay(parseConfigText(config));
  replay.step(Granularity::Batch, static_cast<int>(good));
  for (int l = 0; l < 2; ++l) {
    CHECK(t.network().layer(l).weight.allFinite());
    CHECK(t.network().layer(l).weight == replay.network().layer(l).weight);
    CHECK(t.network().layer(l).bias == replay.network().layer(l).bias);
  }
  // still usable: a fresh start at a sane rate trains
  t.reset(1);
  t.setLearningRate(0.01);
  CHECK(t.step(Granularity::Batch, 5).ok);
  CHECK(t.stepCount() == 5);
}

TEST_CASE("a traced step labels its nodes and reports old value, gradient and new value", "[nn][trace]") {
  Trainer t(parseConfigText(R"({"layers":[2,3,1],"activation":"tanh","batch":4,"optimizer":{"name":"sgd","lr":0.5},
      "regularization":{"kind":"l2","rate":0.01}})"));
  Trainer untraced(parseConfigText(R"({"layers":[2,3,1],"activation":"tanh","batch":4,"optimizer":{"name":"sgd","lr":0.5},
      "regularization":{"kind":"l2","rate":0.01}})"));
  const StepRecording& rec = t.recordStep(Granularity::Batch);
  REQUIRE(rec.tape != nullptr);
  const Tape& tape = *rec.tape;
  CHECK(tape.label(rec.input.id) == "X");
  CHECK(tape.label(rec.target.id) == "Y");
  CHECK(tape.label(rec.loss.id) == "loss");
  CHECK(tape.label(rec.forward.affine[0].id) == "layer 1 / affine");
  CHECK(tape.label(rec.forward.activated[0].id) == "layer 1 / tanh");
  CHECK(rec.input.value().cols() == 4);
  CHECK(rec.samples.size() == 4);
  CHECK(rec.learningRate == 0.5);
  REQUIRE(rec.parameters.size() == 4);
  CHECK(rec.parameters[0].name == "W1");
  CHECK(tape.label(rec.parameters[3].var.id) == "b2");
  CHECK(rec.loss.value()(0, 0) > rec.dataLoss.value()(0, 0));  // the L2 term is included

  const TracedUpdate u = t.applyRecordedStep();
  REQUIRE(u.result.ok);
  REQUIRE(u.parameters.size() == 4);
  for (const ParameterUpdate& p : u.parameters) {
    CAPTURE(p.name);
    CHECK(((p.before - 0.5 * p.gradient) - p.after).cwiseAbs().maxCoeff() < 1e-15);  // SGD
  }
  CHECK(u.parameters[0].after == t.network().layer(0).weight);
  // the traced step is the same step an untraced run takes
  untraced.step();
  CHECK(((untraced.network().layer(0).weight - t.network().layer(0).weight).cwiseAbs().maxCoeff()) < 1e-15);
  CHECK_THROWS_AS(t.applyRecordedStep(), std::logic_error);
}

TEST_CASE("accuracy: one output is class 1 above 0.5 whatever its activation, several outputs by argmax", "[nn][metrics]") {
  for (const char* output : {"tanh", "sigmoid", "linear"}) {
    CAPTURE(output);
    Trainer t(parseConfigText(std::string(R"({"layers":[2,1],"loss":"mse","output":")") + output + R"("})"));
    t.setWeight(0, 0, 0, 0);
    t.setWeight(0, 0, 1, 0);
    // a constant output of 0.3 (tanh: atanh(0.3); sigmoid: logit(0.3)) predicts class 0 everywhere
    const double b = std::string(output) == "tanh" ? std::atanh(0.3) : std::string(output) == "sigmoid" ? std::log(0.3 / 0.7) : 0.3;
    t.setBias(0, 0, b);
    double zeros = 0;
    for (const Point& p : t.data().train) zeros += p.label == 0;
    CHECK_THAT(t.metrics().trainAccuracy, WithinAbs(zeros / static_cast<double>(t.data().train.size()), 1e-15));
  }
  Trainer m(parseConfigText(R"({"layers":[2,3],"dataset":{"name":"spiral3"}})"));
  for (int i = 0; i < 3; ++i) {
    m.setWeight(0, i, 0, 0);
    m.setWeight(0, i, 1, 0);
    m.setBias(0, i, i == 2 ? 1.0 : 0.0);  // class 2 wins everywhere
  }
  double twos = 0;
  for (const Point& p : m.data().test) twos += p.label == 2;
  CHECK_THAT(m.metrics().testAccuracy, WithinAbs(twos / static_cast<double>(m.data().test.size()), 1e-15));
}
