// mc diff PROGRAM --wrt x [--hessian] [--steps] [--latex | --json]: the calculator's closed form in a
// terminal. PROGRAM is a file or the program text itself (statements separated by new lines or ';');
// declarations without values are fine (the checks draw seeded random values).
#include "api/calculator.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace mc::cli {

namespace {

std::string programText(const std::string& word) {
  std::ifstream file(word);
  if (!file || word.find('\n') != std::string::npos || word.find(';') != std::string::npos) return word;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

int diffCommand(const std::vector<std::string>& words) {
  if (words.empty() || words[0].rfind("--", 0) == 0) throw UsageError("give the program first: mc diff 'x: vec(3); sum(x^2)' --wrt x");
  const std::vector<std::string> rest(words.begin() + 1, words.end());
  const Args args(rest, {"wrt"}, {"hessian", "steps", "latex", "json"});
  if (args.flag("latex") && args.flag("json")) throw UsageError("--latex and --json exclude each other");
  nlohmann::json request = {{"source", programText(words[0])}, {"graph", false}, {"hessian", args.flag("hessian")}};
  if (args.has("wrt")) request["wrt"] = args.get("wrt");
  const nlohmann::json answer = nlohmann::json::parse(api::calculate(request.dump()));
  if (answer.contains("error")) {
    std::fprintf(stderr, "mc diff: %s\n", answer["error"].get<std::string>().c_str());
    return 1;
  }
  if (args.flag("json")) {
    nlohmann::json out = {{"derivative", answer["derivative"]}, {"symbolic", answer["symbolic"]}, {"check", answer["check"]}};
    if (answer.contains("symbolicUnavailable")) out["symbolicUnavailable"] = answer["symbolicUnavailable"];
    if (answer.contains("hessian")) out["hessian"] = answer["hessian"];
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  const char* form = args.flag("latex") ? "latex" : "text";
  const nlohmann::json& d = answer["derivative"];
  const nlohmann::json& s = answer["symbolic"];
  if (s.is_null()) {
    std::printf("no closed form: %s\n", answer.value("symbolicUnavailable", "").c_str());
    return 0;
  }
  for (const auto& w : s["where"]) std::printf("where %s = %s\n", w["name"].get<std::string>().c_str(), w[form].get<std::string>().c_str());
  std::printf("d %s / d %s = %s    (%s, %s)\n", d["of"].get<std::string>().c_str(), d["wrt"].get<std::string>().c_str(),
              s[form].get<std::string>().c_str(), s["shape"].get<std::string>().c_str(), s["layout"].get<std::string>().c_str());
  if (args.flag("steps")) {
    for (const auto& st : s["steps"]) {
      std::printf("  %-32s %s\n", st["rule"].get<std::string>().c_str(), st[form].get<std::string>().c_str());
    }
  }
  const nlohmann::json& c = s["check"];
  std::printf("check: %s at %d points (max relative error %s against reverse mode, %s against central differences)%s%s\n",
              c["passed"].get<bool>() ? "passed" : "FAILED", c["points"].get<int>(), c["maxRelError"].dump().c_str(),
              c["maxRelErrorNumeric"].dump().c_str(), c["note"].get<std::string>().empty() ? "" : "; ",
              c["note"].get<std::string>().c_str());
  if (answer.contains("hessian")) {
    const nlohmann::json& h = answer["hessian"];
    if (h.is_null()) {
      std::printf("hessian: unavailable: %s\n", answer.value("hessianUnavailable", "").c_str());
    } else {
      if (!h["symbolic"].is_null()) std::printf("hessian = %s\n", h["symbolic"][form].get<std::string>().c_str());
      else std::printf("hessian: no closed form (%s)\n", h.value("symbolicUnavailable", "").c_str());
      std::printf("hessian (%s) at the point: %s\n", h["shape"].get<std::string>().c_str(), h["value"]["data"].dump().c_str());
      std::printf("hessian check: %s (max relative error %s)\n", h["check"]["passed"].get<bool>() ? "passed" : "FAILED",
                  h["check"]["maxRelError"].dump().c_str());
    }
  }
  return c["passed"].get<bool>() ? 0 : 1;
}

}  // namespace mc::cli
