#include "api/calculator.hpp"

#include "expr/calculator.hpp"

#if defined(MC_WITH_SYMBOLIC)  // set by CMake when engine/symbolic is linked (see MC_WASM_SYMBOLIC)
#include "symbolic/answer.hpp"
#endif

namespace mc::api {

std::string calculate(const std::string& requestJson) {
#if defined(MC_WITH_SYMBOLIC)
  return expr::calculateText(requestJson, sym::addSymbolic);  // the closed form, its steps, checks, Hessian
#else
  return expr::calculateText(requestJson);
#endif
}

}  // namespace mc::api
