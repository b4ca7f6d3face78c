// mc: the engine's native command-line tool. Errors go to stderr with a non-zero exit status.
#include "api/engine_info.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace {
const char* kUsage =
    "usage:\n"
    "  mc train --config FILE|JSON --steps N [--granularity sample|batch|epoch] [--every K]\n"
    "           [--save model.json] [--json]\n"
    "      train from a config; progress bar on a terminal, one line per K steps otherwise;\n"
    "      --json prints the loss of every step and the final weights (%.17g) as JSON\n"
    "  mc grad (--model FILE|JSON | --config FILE|JSON) [--points N] [--check | --json]\n"
    "      the gradient of the loss (first N training points, default all) w.r.t. every parameter;\n"
    "      --json: the data loss and its gradients as JSON, every number to full precision\n"
    "  mc jacobian (--model FILE|JSON | --config FILE|JSON) [--points N] [--check]\n"
    "      the Jacobian of the network's output (first N training points, default 3) w.r.t. every parameter\n"
    "      --check compares with central differences\n"
    "  mc trace --config FILE|JSON [--granularity sample|batch] [--before N]\n"
    "      the trace JSON of one training step (after N untraced steps), as the page's walk-through gets it\n"
    "  mc diff PROGRAM --wrt x [--hessian] [--steps] [--latex | --json]\n"
    "      the closed-form derivative of the program's last expression (PROGRAM: a file or the text,\n"
    "      statements separated by ';'), checked against reverse mode and central differences\n"
    "  mc export (--model FILE|JSON | --config FILE|JSON) [--framework pytorch|numpy]\n"
    "      the network, its training data and one full-batch step as a Python script that recomputes\n"
    "      the loss, the gradients and the step and prints them beside the engine's numbers\n"
    "  mc demo [--steps N]\n"
    "      trains a small network on the spiral data set and draws its decision boundary\n"
    "  mc --version\n"
    "      the engine's version\n";
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    std::fputs(kUsage, words.empty() ? stderr : stdout);
    return words.empty() ? 1 : 0;
  }
  if (words[0] == "--version" || words[0] == "version") {
    std::printf("mc %s\n", mc::api::engineVersion());
    return 0;
  }
  const std::string command = words[0];
  words.erase(words.begin());
  try {
    if (command == "train") return mc::cli::trainCommand(words);
    if (command == "demo") return mc::cli::demoCommand(words);
    if (command == "grad") return mc::cli::gradCommand(words, false);
    if (command == "jacobian") return mc::cli::gradCommand(words, true);
    if (command == "trace") return mc::cli::traceCommand(words);
    if (command == "diff") return mc::cli::diffCommand(words);
    if (command == "export") return mc::cli::exportCommand(words);
    std::fprintf(stderr, "mc: unknown command \"%s\"\n%s", command.c_str(), kUsage);
    return 1;
  } catch (const mc::cli::UsageError& e) {
    std::fprintf(stderr, "mc %s: %s\n", command.c_str(), e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mc %s: %s\n", command.c_str(), e.what());
    return 1;
  }
}
