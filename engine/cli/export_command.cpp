// mc export: the network (a saved model or a fresh one from a config), its training data and one
// full-batch step as a PyTorch or NumPy script that recomputes them and prints them beside the engine's.
#include "api/export_script.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "nn/trainer.hpp"

#include <cstdio>
#include <memory>

namespace mc::cli {

int exportCommand(const std::vector<std::string>& words) {
  const Args a(words, {"model", "config", "framework"}, {});
  std::unique_ptr<nn::Trainer> trainer;
  if (a.has("model")) {
    trainer = nn::Trainer::loadJson(readTextOrFile(a.get("model"), "--model"));
  } else if (a.has("config")) {
    trainer = std::make_unique<nn::Trainer>(nn::parseConfigText(readTextOrFile(a.get("config"), "--config")));
  } else {
    throw UsageError("give --model FILE|JSON (a saved model) or --config FILE|JSON (a freshly initialised one)");
  }
  const std::string framework = a.has("framework") ? a.get("framework") : "pytorch";
  std::fputs(api::exportScript(*trainer, framework).c_str(), stdout);
  return 0;
}

}  // namespace mc::cli
