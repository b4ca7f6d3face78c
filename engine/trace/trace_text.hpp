#pragma once
// A trace as text, its top-level keys in reading order (schemaVersion first, forward before backward)
// rather than nlohmann::json's alphabetical order; nested objects keep theirs. indent < 0: compact.
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace mc::trace {

std::string traceText(const nlohmann::json& trace, int indent = -1);

}  // namespace mc::trace
