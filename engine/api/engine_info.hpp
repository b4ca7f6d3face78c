#pragma once
// What this build of the engine offers, and the calculator entry point for the bindings (the
// calculator itself is engine/api/calculator.*; it may not be part of every build yet).
#include <string>

namespace mc::api {

const char* engineVersion();
bool hasCalculator();
bool hasTrace();

// calculate() of engine/api/calculator.hpp; throws std::invalid_argument when it is not built in.
std::string calculateRequest(const std::string& requestJson);

}  // namespace mc::api
