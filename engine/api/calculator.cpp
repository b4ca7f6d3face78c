#include "api/calculator.hpp"

#include "api/closed_form_check.hpp"
#include "core/bounded_json.hpp"
#include "expr/calculator.hpp"
#include "symbolic/answer.hpp"

#include <nlohmann/json.hpp>

namespace mc::api {

namespace {

using nlohmann::json;

std::string dumped(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string calculate(const std::string& requestJson) {
  // The calculator with its closed forms, steps, checks and Hessian (engine/symbolic). A request with
  // "closedForm" also gets the engine's comparison of a closed form written in the language with the
  // derivative (closed_form_check.hpp); every other request goes to the calculator unchanged.
  if (requestJson.find("\"closedForm\"") == std::string::npos) return expr::calculateText(requestJson, sym::addSymbolic);
  json request;
  try {
    if (jsonNestingDepth(requestJson) > kMaxJsonDepth) return expr::calculateText(requestJson, sym::addSymbolic);
    request = json::parse(requestJson);
  } catch (const std::exception&) {
    return expr::calculateText(requestJson, sym::addSymbolic);  // it words the JSON error
  }
  if (!request.is_object() || !request.contains("closedForm")) return expr::calculateText(requestJson, sym::addSymbolic);
  const json spec = request["closedForm"];
  request.erase("closedForm");
  json answer = json::parse(expr::calculateText(dumped(request), sym::addSymbolic));
  if (answer.contains("error")) return dumped(answer);
  try {
    answer["closedForm"] = checkClosedForm(request, spec, answer);
  } catch (const std::exception& e) {
    return dumped(json{{"error", e.what()}});
  }
  return dumped(answer);
}

}  // namespace mc::api
