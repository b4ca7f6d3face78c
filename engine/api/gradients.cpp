#include "api/gradients.hpp"

#include <nlohmann/json.hpp>

namespace mc::api {

using nlohmann::json;

std::string gradientsJson(const nn::Trainer& trainer, const std::vector<nn::Point>& points) {
  Tape tape;
  const nn::StepRecording rec = trainer.recordAt(tape, points);  // backward of the loss with regularisation
  tape.zeroGrad();
  tape.backward(rec.dataLoss);  // the data loss alone, as weights() and other frameworks report it
  json layers = json::array();
  for (std::size_t k = 0; k + 1 < rec.parameters.size(); k += 2) {
    const Matrix& gw = rec.parameters[k].var.grad();
    const Matrix& gb = rec.parameters[k + 1].var.grad();
    json w = json::array(), b = json::array();
    for (Index i = 0; i < gw.rows(); ++i)
      for (Index j = 0; j < gw.cols(); ++j) w.push_back(gw(i, j));
    for (Index i = 0; i < gb.rows(); ++i) b.push_back(gb(i, 0));
    layers.push_back({{"rows", gw.rows()}, {"cols", gw.cols()}, {"weights", w}, {"bias", b}});
  }
  return json{{"loss", rec.dataLoss.value()(0, 0)},
              {"lossWithReg", rec.loss.value()(0, 0)},
              {"points", points.size()},
              {"layers", layers}}
      .dump();
}

}  // namespace mc::api
