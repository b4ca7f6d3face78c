#pragma once
// Command-line arguments: "--name value" options and "--flag" switches after a command word.
#include <cstddef>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace mc::cli {

struct UsageError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

class Args {
 public:
  // flags: the switches this command knows; options: the "--name value" pairs it knows.
  Args(const std::vector<std::string>& words, const std::set<std::string>& options, const std::set<std::string>& flags);
  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::string get(const std::string& name, const std::string& fallback = "") const;
  long integer(const std::string& name, long fallback, long lo, long hi) const;

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
};

// A config or model given as a file name or as the JSON text itself. A file may hold at most
// kMaxInputBytes (a model of a million parameters with Adam's moments is about 80 MB); a larger one, or
// an endless one such as /dev/zero, is refused after reading that much.
constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;
std::string readTextOrFile(const std::string& fileOrJson, const char* what);

}  // namespace mc::cli
