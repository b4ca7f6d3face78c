#pragma once
// The CLI's commands; each returns the process exit status (0 ok, 1 error, 2 training diverged).
#include <string>
#include <vector>

namespace mc::cli {

int trainCommand(const std::vector<std::string>& args);
int demoCommand(const std::vector<std::string>& args);
int gradCommand(const std::vector<std::string>& args, bool jacobian);
int traceCommand(const std::vector<std::string>& args);  // trace_command.cpp
int exportCommand(const std::vector<std::string>& args);  // export_command.cpp

}  // namespace mc::cli
