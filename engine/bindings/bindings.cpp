// embind declarations of the api facade: no maths here. Every call that can fail goes through guard(),
// which catches the C++ exception HERE and returns { value } or { error: message }: an exception that
// unwinds into JavaScript loses its message and leaks wasm memory (Emscripten 3.1.6).
// web/engine/client.js unwraps the result and throws `new Error(message)`.
#include "api/calculator.hpp"
#include "api/engine_info.hpp"
#include "api/session.hpp"

#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <exception>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using emscripten::val;
using mc::api::Session;

// Results cross as JS values: strings as strings, vectors as a Float64Array COPY (memory growth would
// invalidate a view), a new Session as an owned handle, nothing as undefined.
val toJs(std::string s) { return val(std::move(s)); }
val toJs(const std::vector<double>& v) {
  return val(emscripten::typed_memory_view(v.size(), v.data())).call<val>("slice");
}
val toJs(Session s) { return val(std::move(s)); }

template <class F>
val guard(F&& f) {
  val out = val::object();
  try {
    if constexpr (std::is_void_v<decltype(f())>) {
      f();
      out.set("value", val::undefined());
    } else {
      out.set("value", toJs(f()));
    }
  } catch (const std::exception& e) {
    out.set("error", std::string(e.what()));
  } catch (...) {
    out.set("error", std::string("unknown C++ exception"));
  }
  return out;
}

std::vector<double> numbers(const val& array) { return emscripten::convertJSArrayToNumberVector<double>(array); }

// Size of the wasm linear memory, and the bytes malloc has handed out and not yet had back.
double memoryBytes() { return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0; }
double heapBytesInUse() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

EMSCRIPTEN_BINDINGS(mc_engine) {
  using emscripten::optional_override;

  emscripten::function("engineVersion", optional_override([] { return std::string(mc::api::engineVersion()); }));
  emscripten::function("configSchema", optional_override([] { return Session::configSchema(); }));
  emscripten::function("memoryBytes", &memoryBytes);
  emscripten::function("heapBytesInUse", &heapBytesInUse);
  emscripten::function("calculate", optional_override([](std::string request) {
                         return guard([&] { return mc::api::calculate(request); });
                       }));
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
