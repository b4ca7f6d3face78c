// embind declarations of the api facade (the playground's module, mc_engine): no maths here. Every call
// that can fail goes through guard() (guard.hpp). web/engine/client.js unwraps the result and throws
// `new Error(message)`. The calculator is a module of its own (calculator_bindings.cpp).
#include "api/engine_info.hpp"
#include "api/session.hpp"
#include "bindings/guard.hpp"

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

namespace {

using emscripten::val;
using mc::api::Session;
using mc::bindings::guard;
using mc::bindings::heapBytesInUse;
using mc::bindings::memoryBytes;

std::vector<double> numbers(const val& array) { return emscripten::convertJSArrayToNumberVector<double>(array); }

}  // namespace

EMSCRIPTEN_BINDINGS(mc_engine) {
  using emscripten::optional_override;

  emscripten::function("engineVersion", optional_override([] { return std::string(mc::api::engineVersion()); }));
  emscripten::function("configSchema", optional_override([] { return Session::configSchema(); }));
  emscripten::function("memoryBytes", &memoryBytes);
  emscripten::function("heapBytesInUse", &heapBytesInUse);
  emscripten::function("createSession", optional_override([](std::string config) {
                         return guard([&] { return Session(config); });
                       }));

  emscripten::class_<Session>("Session")
      .function("step", optional_override([](Session& s, std::string g, int count) {
                  return guard([&] { return s.step(g, count); });
                }))
      .function("stepTraced", optional_override([](Session& s, std::string g) {
                  return guard([&] { return s.stepTraced(g); });
                }))
      .function("metrics", optional_override([](Session& s) { return guard([&] { return s.metrics(); }); }))
      .function("gridInfo", optional_override([](Session& s, int resolution) {
                  return guard([&] { return s.gridInfo(resolution); });
                }))
      .function("predictGrid", optional_override([](Session& s, int resolution) {
                  return guard([&] { return s.predictGrid(resolution); });
                }))
      .function("predict", optional_override([](Session& s, val xs, val ys) {
                  return guard([&] { return s.predict(numbers(xs), numbers(ys)); });
                }))
      .function("neuronGrids", optional_override([](Session& s, int resolution) {
                  return guard([&] { return s.neuronGrids(resolution); });
                }))
      .function("neuronCounts", optional_override([](Session& s) { return guard([&] { return s.neuronCounts(); }); }))
      .function("weights", optional_override([](Session& s) { return guard([&] { return s.weights(); }); }))
      .function("gradients", optional_override([](Session& s, std::string points) {
                  return guard([&] { return s.gradients(points); });
                }))
      .function("exportScript", optional_override([](Session& s, std::string framework) {
                  return guard([&] { return s.exportScript(framework); });
                }))
      .function("evaluation", optional_override([](Session& s) { return guard([&] { return s.evaluation(); }); }))
      .function("setInputPair", optional_override([](Session& s, int x, int y) {
                  return guard([&] { s.setInputPair(x, y); });
                }))
      .function("setWeight", optional_override([](Session& s, int layer, int i, int j, double v) {
                  return guard([&] { s.setWeight(layer, i, j, v); });
                }))
      .function("setBias", optional_override([](Session& s, int layer, int i, double v) {
                  return guard([&] { s.setBias(layer, i, v); });
                }))
      .function("points", optional_override([](Session& s) { return guard([&] { return s.points(); }); }))
      .function("addPoint", optional_override([](Session& s, double x, double y, double label, bool test) {
                  return guard([&] { s.addPoint(x, y, label, test); });
                }))
      .function("setPoints", optional_override([](Session& s, std::string text) {
                  return guard([&] { return s.setPoints(text); });
                }))
      .function("exportModel", optional_override([](Session& s) { return guard([&] { return s.exportModel(); }); }))
      .function("importModel", optional_override([](Session& s, std::string model) {
                  return guard([&] { s.importModel(model); });
                }))
      .function("reset", optional_override([](Session& s, double seed) { return guard([&] { s.reset(seed); }); }))
      .function("config", optional_override([](Session& s) { return guard([&] { return s.config(); }); }))
      .function("applySettings", optional_override([](Session& s, std::string settings) {
                  return guard([&] { return s.applySettings(settings); });
                }));
}
