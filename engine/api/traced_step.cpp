#include "api/traced_step.hpp"

#include <nlohmann/json.hpp>

#include "nn/optimizer.hpp"
#include "nn/trainer.hpp"
#include "trace/step_trace.hpp"

namespace mc::api {

namespace {

// Two runs of the tape per entry: a 64 x 64 layer is checked on 64 evenly spaced entries, not 4096
// (about 1 s native for a 2-64-64-1 net at batch 64 otherwise, several in the browser).
constexpr Index kFdMaxEntries = 64;

nlohmann::json nodeIds(const nn::StepRecording& rec) {
  nlohmann::json layers = nlohmann::json::array();
  const nn::ForwardRecord& f = rec.forward;
  for (std::size_t l = 0; l < f.weights.size(); ++l) {
    const Tape& tape = *rec.tape;
    const int affine = f.affine[l].id;
    // The affine node is addBias(matmul(W, a), b): its first input is the product W a.
    layers.push_back({{"weight", f.weights[l].id},
                      {"bias", f.biases[l].id},
                      {"product", tape.node(affine).a},
                      {"affine", affine},
                      {"activation", f.activated[l].id}});
  }
  return {{"input", rec.input.id},       {"target", rec.target.id}, {"output", rec.output.id},
          {"dataLoss", rec.dataLoss.id}, {"loss", rec.loss.id},     {"layers", std::move(layers)}};
}

}  // namespace

trace::StepTrace tracedStepTrace(nn::Trainer& trainer, const std::string& granularity) {
  const nn::StepRecording& rec = trainer.recordStep(nn::parseGranularity(granularity));
  std::vector<trace::ParameterRef> params;
  for (const nn::RecordedParameter& p : rec.parameters) {
    params.push_back({p.var, p.name, p.layer, p.kind == nn::ParamKind::Weight ? "weight" : "bias"});
  }
  trace::StepTraceOptions options;
  options.fdMaxEntries = kFdMaxEntries;
  trace::StepTrace t = trace::traceStep(*rec.tape, rec.loss, params, rec.learningRate, options);
  t.optimizer = nn::optimizerName(trainer.config().optimizer.kind);
  t.nodes = nodeIds(rec);  // before the update: rec is valid until the next trainer call
  const std::int64_t stepNumber = rec.step;
  const std::vector<int> samples = rec.samples;
  t.dataLoss = rec.dataLoss.value()(0, 0);
  t.updateRule = nn::updateRuleText(trainer.config().optimizer.kind);

  const nn::TracedUpdate update = trainer.applyRecordedStep();
  for (std::size_t i = 0; i < t.parameters.size() && i < update.parameters.size(); ++i) {
    t.parameters[i].after = update.parameters[i].after;
  }
  nlohmann::json result;
  nn::toJson(result, update.result);
  t.step = {{"number", stepNumber}, {"granularity", granularity}, {"samples", samples}, {"result", std::move(result)}};
  return t;
}

std::string tracedStep(nn::Trainer& trainer, const std::string& granularity) {
  return nlohmann::ordered_json(tracedStepTrace(trainer, granularity)).dump();
}

}  // namespace mc::api
