// libFuzzer target for the model import and everything the page does next (scripts/fuzz.sh model):
// the metrics, the grids, the weights and points, a step, a traced step, an export and a re-import.
// libFuzzer flags: -max_len=16384
// Besides "no crash, no sanitizer report", it traps when a property fails:
//   - a refused model is refused with std::invalid_argument and leaves the session as it was;
//   - an accepted model answers every call the page makes, and its export loads again, exactly.
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

constexpr double kMaxFuzzWork = 2e6;  // parameters x points: beyond it only slower

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  static mc::api::Session fresh(R"({"layers":[2,3,1],"dataset":{"name":"xor","n":20}})");
  static const std::string freshModel = fresh.exportModel();
  mc::api::Session session(R"({"layers":[2,3,1],"dataset":{"name":"xor","n":20}})");
  try {
    session.importModel(input);
  } catch (const std::invalid_argument& e) {
    require(e.what()[0] != '\0');
    require(session.exportModel() == freshModel);  // unchanged
    return 0;
  }
  const mc::nn::Trainer& t = session.trainer();
  const double points = static_cast<double>(t.data().train.size() + t.data().test.size());
  if (static_cast<double>(t.config().parameterCount()) * points > kMaxFuzzWork) return 0;

  const std::string imported = session.exportModel();
  session.metrics();
  session.predictGrid(8);
  session.neuronGrids(4);
  session.weights();
  session.points();
  session.config();
  session.step("batch", 1);
  try {
    session.stepTraced("sample");
  } catch (const std::invalid_argument&) {  // too large to trace in one call
  }
  mc::api::Session again("{}");
  again.importModel(imported);
  require(again.exportModel() == imported);
  return 0;
}
