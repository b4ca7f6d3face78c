#pragma once
// The binding boundary of both wasm modules (bindings.cpp, calculator_bindings.cpp): guard() catches
// every C++ exception HERE and returns { value } or { error: message }: an exception that unwinds into
// JavaScript loses its message and leaks wasm memory (Emscripten 3.1.6). web/engine/boundary.js unwraps
// the result and throws `new Error(message)`.
#include <emscripten/val.h>
#include <malloc.h>

#include <exception>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace mc::bindings {

using emscripten::val;

// Results cross as JS values: vectors as a Float64Array COPY (memory growth would invalidate a view),
// strings as strings and a new Session as an owned handle (val's own conversion), nothing as undefined.
template <class T>
val toJs(T value) { return val(std::move(value)); }
inline val toJs(const std::vector<double>& v) {
  return val(emscripten::typed_memory_view(v.size(), v.data())).call<val>("slice");
}

template <class F>
inline val guard(F&& f) {
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

// Size of the wasm linear memory, and the bytes malloc has handed out and not yet had back.
inline double memoryBytes() { return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0; }
inline double heapBytesInUse() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace mc::bindings
