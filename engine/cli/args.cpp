#include "cli/args.hpp"

#include "core/bounded_json.hpp"

#include <filesystem>
#include <fstream>

namespace mc::cli {

Args::Args(const std::vector<std::string>& words, const std::set<std::string>& options, const std::set<std::string>& flags) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w.rfind("--", 0) != 0) throw UsageError("unexpected argument \"" + cutText(w) + "\"");
    const std::string name = w.substr(2);
    if (flags.count(name)) {
      flags_.insert(name);
    } else if (options.count(name)) {
      if (i + 1 >= words.size()) throw UsageError("option --" + name + " needs a value");
      values_[name] = words[++i];
    } else {
      std::string known;
      for (const auto& o : options) known += " --" + o + " VALUE";
      for (const auto& f : flags) known += " --" + f;
      throw UsageError("unknown option \"" + w + "\"; this command takes:" + known);
    }
  }
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

long Args::integer(const std::string& name, long fallback, long lo, long hi) const {
  if (!has(name)) return fallback;
  const std::string text = get(name);
  std::size_t used = 0;
  long v = 0;
  try {
    v = std::stol(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || v < lo || v > hi) {
    throw UsageError("--" + name + " is \"" + text + "\"; allowed: an integer from " + std::to_string(lo) + " to " +
                     std::to_string(hi));
  }
  return v;
}

std::string readTextOrFile(const std::string& fileOrJson, const char* what) {
  const auto first = fileOrJson.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (fileOrJson[first] == '{' || fileOrJson[first] == '[')) return fileOrJson;
  if (std::filesystem::is_directory(fileOrJson)) {
    throw UsageError(std::string(what) + ": \"" + cutText(fileOrJson) + "\" is a directory (give a file name or JSON text)");
  }
  std::ifstream in(fileOrJson);
  if (!in) throw UsageError(std::string(what) + ": cannot read the file \"" + cutText(fileOrJson) + "\" (give a file name or JSON text)");
  const auto tooLarge = [&] {
    return UsageError(std::string(what) + ": the file \"" + cutText(fileOrJson) + "\" is larger than " +
                      std::to_string(kMaxInputBytes >> 20) + " MiB; allowed: at most " +
                      std::to_string(kMaxInputBytes >> 20) + " MiB of JSON");
  };
  std::error_code ec;  // a regular file is measured first; a device or pipe only while reading
  if (std::filesystem::is_regular_file(fileOrJson, ec) && std::filesystem::file_size(fileOrJson, ec) > kMaxInputBytes) {
    throw tooLarge();
  }
  std::string text;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes) throw tooLarge();
  }
  return text;
}

}  // namespace mc::cli
