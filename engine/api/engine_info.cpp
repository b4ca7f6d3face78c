#include "api/engine_info.hpp"

namespace mc::api {

const char* engineVersion() { return "0.1.0"; }  // keep in step with project() in CMakeLists.txt

}  // namespace mc::api
