// libFuzzer target for the calculator, through the api facade (scripts/fuzz.sh expr builds and runs it).
// libFuzzer flags: -max_len=1024
// An input starting with '{' is a raw request; anything else is a program text, sent with the check
// and the graph on; depending on the input's length the request also asks for every declared variable,
// another mode, or the step-trace view.
// Besides "no crash, no sanitizer report", it checks two properties and traps when one fails:
//   - the answer is always valid JSON (an object with either "error" or "output");
//   - a program that parses prints to a canonical form that parses and prints to itself.
#include "api/calculator.hpp"
#include "expr/parser.hpp"
#include "expr/printer.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

void require(bool ok) {
  if (!ok) __builtin_trap();
}

void checkAnswer(const std::string& answer) {
  const nlohmann::json j = nlohmann::json::parse(answer, nullptr, false);
  require(!j.is_discarded() && j.is_object());
  require(j.contains("error") != j.contains("output"));
}

// Returns the declared names of a program that parses (for a request that asks for all of them).
std::vector<std::string> checkRoundTrip(const std::string& source) {
  using namespace mc::expr;
  std::vector<std::string> declared;
  std::string once;
  try {
    const Program program = parse(SourceText(source));
    for (const Statement& s : program.statements) {
      if (s.kind == Statement::Kind::Declare) declared.push_back(s.name);
    }
    once = print(program);
  } catch (const ExprError&) {
    return declared;  // not a program: nothing to print
  }
  const std::string twice = print(parse(SourceText(once)));  // must not throw
  require(once == twice);
  return declared;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  if (!input.empty() && input[0] == '{') {
    checkAnswer(mc::api::calculate(input));
    return 0;
  }
  std::vector<std::string> declared;
  try {
    declared = checkRoundTrip(input);
  } catch (...) {
    require(false);  // printing a parsed program must give a program that parses
  }
  nlohmann::json request = {{"source", input}, {"mode", "both"}, {"check", true}, {"graph", true}};
  if (size % 2 == 1 && !declared.empty()) request["wrt"] = declared;  // every variable (a name twice: an error)
  if (size % 3 == 1) request["mode"] = size % 2 ? "forward" : "auto";
  if (size % 4 == 2) request["trace"] = true;  // the step-trace view of the backward pass, too
  checkAnswer(mc::api::calculate(request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  return 0;
}
