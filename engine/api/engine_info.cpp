#include "api/engine_info.hpp"

#include <stdexcept>

// The calculator and the trace come from other parts of the project and join the api module when
// their files exist; the facade compiles either way.
#if __has_include("api/calculator.hpp")
#include "api/calculator.hpp"
#define MC_HAS_CALCULATOR 1
#else
#define MC_HAS_CALCULATOR 0
#endif
#if __has_include("api/traced_step.hpp")  // as in session.cpp
#define MC_HAS_TRACE 1
#else
#define MC_HAS_TRACE 0
#endif

namespace mc::api {

const char* engineVersion() { return "0.1.0"; }  // keep in step with project() in CMakeLists.txt

bool hasCalculator() { return MC_HAS_CALCULATOR != 0; }

bool hasTrace() { return MC_HAS_TRACE != 0; }

std::string calculateRequest(const std::string& requestJson) {
#if MC_HAS_CALCULATOR
  return calculate(requestJson);
#else
  (void)requestJson;
  throw std::invalid_argument("calculate: this build of the engine has no calculator yet");
#endif
}

}  // namespace mc::api
