#include "trace/trace_text.hpp"

#include <nlohmann/json.hpp>

namespace mc::trace {

std::string traceText(const nlohmann::json& trace, int indent) {
  if (!trace.is_object()) return trace.dump(indent);
  static const char* const kOrder[] = {"schemaVersion", "kind", "conventions", "root", "loss", "dataLoss",
                                       "optimizer", "learningRate", "updateRule", "step", "nodes", "forward",
                                       "backward", "parameters", "gradientCheck", "chains"};
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const char* key : kOrder) {
    if (trace.contains(key)) out[key] = nlohmann::ordered_json(trace.at(key));
  }
  for (auto it = trace.begin(); it != trace.end(); ++it) {
    if (!out.contains(it.key())) out[it.key()] = nlohmann::ordered_json(it.value());
  }
  return out.dump(indent);
}

}  // namespace mc::trace
