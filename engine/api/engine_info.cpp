#include "api/engine_info.hpp"

#include "mc_version.hpp"  // configured by CMakeLists.txt from project(... VERSION ...)

namespace mc::api {

const char* engineVersion() { return kVersion; }

}  // namespace mc::api
