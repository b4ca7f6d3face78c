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
  const std::unique_ptr<nn::Trainer> trainer = trainerFromModelOrConfig(a);
  const std::string framework = a.has("framework") ? a.get("framework") : "pytorch";
  std::fputs(api::exportScript(*trainer, framework).c_str(), stdout);
  return 0;
}

}  // namespace mc::cli
