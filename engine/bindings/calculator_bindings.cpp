// embind declarations of the calculator's facade (the second wasm module, mc_calculator, which the page
// loads when the calculator or the lessons are first opened): no maths here. calculate() never throws
// (its errors are answers); guard() (guard.hpp) still stands between it and JavaScript for anything else.
#include "api/calculator.hpp"
#include "bindings/guard.hpp"

#include <emscripten/bind.h>

#include <string>

EMSCRIPTEN_BINDINGS(mc_calculator) {
  using emscripten::optional_override;
  using mc::bindings::guard;

  emscripten::function("calculate", optional_override([](std::string request) {
                         return guard([&] { return mc::api::calculate(request); });
                       }));
  emscripten::function("memoryBytes", &mc::bindings::memoryBytes);
  emscripten::function("heapBytesInUse", &mc::bindings::heapBytesInUse);
}
