#pragma once
// The CLI's commands; each returns the process exit status (0 ok, 1 error, 2 training diverged).
#include <memory>
#include <string>
#include <vector>

namespace mc::nn { class Trainer; }

namespace mc::cli {

class Args;

// The network of --model FILE|JSON (a saved model) or --config FILE|JSON (freshly initialised); both
// together, or neither, is a usage error (grad_command.cpp).
std::unique_ptr<nn::Trainer> trainerFromModelOrConfig(const Args& a);

int trainCommand(const std::vector<std::string>& args);
int demoCommand(const std::vector<std::string>& args);
int gradCommand(const std::vector<std::string>& args, bool jacobian);
int traceCommand(const std::vector<std::string>& args);  // trace_command.cpp
int diffCommand(const std::vector<std::string>& args);   // diff_command.cpp
int exportCommand(const std::vector<std::string>& args);  // export_command.cpp

}  // namespace mc::cli
