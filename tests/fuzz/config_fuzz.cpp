// libFuzzer target for the config reader and what a config leads to: train, trace, save, load
// (scripts/fuzz.sh config). The input is the config text as createSession gets it.
// libFuzzer flags: -max_len=4096
// Besides "no crash, no sanitizer report", it traps when a property fails:
//   - a bad config is refused with std::invalid_argument (a message), nothing else;
//   - a session it makes trains, traces and saves; the saved model loads into another session, and
//     saving that again gives the same text (save -> load -> save is exact).
#include "api/session.hpp"
#include "nn/trainer.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace {

void require(bool ok) {
  if (!ok) __builtin_trap();
}

// Work beyond this (parameters x points) only makes the fuzzer slow, not wiser.
constexpr double kMaxFuzzWork = 2e6;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::unique_ptr<mc::api::Session> session;
  try {
    session = std::make_unique<mc::api::Session>(input);
  } catch (const std::invalid_argument& e) {
    require(e.what()[0] != '\0');
    return 0;
  }
  const mc::nn::Trainer& t = session->trainer();
  const double points = static_cast<double>(t.data().train.size() + t.data().test.size());
  if (static_cast<double>(t.config().parameterCount()) * points > kMaxFuzzWork) return 0;

  session->step("batch", 2);
  session->step("sample", 1);
  session->metrics();
  try {
    session->stepTraced((size & 1) ? "sample" : "batch");
  } catch (const std::invalid_argument&) {  // a trace too large for one call: refused by its size
  }
  const std::string saved = session->exportModel();
  mc::api::Session other("{}");
  other.importModel(saved);  // throws (and so fails the run) if a saved model does not load
  require(other.exportModel() == saved);
  require(other.predict({0.5, -1}, {2, 0}) == session->predict({0.5, -1}, {2, 0}));
  return 0;
}
