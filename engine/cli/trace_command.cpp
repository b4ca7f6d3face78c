// mc trace: one traced training step (the JSON of engine/trace/SCHEMA.md) for a config, as the page's
// walk-through receives it from the wasm engine; the node parity test compares the two.
#include "api/session.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"

#include <cstdio>

namespace mc::cli {

int traceCommand(const std::vector<std::string>& words) {
  const Args a(words, {"config", "granularity", "before"}, {});
  if (!a.has("config")) throw UsageError("give --config FILE|JSON (the session's config, as the page sends it)");
  api::Session session(readTextOrFile(a.get("config"), "--config"));
  const std::string granularity = a.get("granularity", "batch");
  const long before = a.integer("before", 0, 0, 1000000);  // untraced steps first, of the same size
  if (before > 0) session.step(granularity, static_cast<int>(before));
  const std::string trace = session.stepTraced(granularity);
  std::fwrite(trace.data(), 1, trace.size(), stdout);
  std::fputc('\n', stdout);
  return 0;
}

}  // namespace mc::cli
