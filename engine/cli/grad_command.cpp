// mc grad / mc jacobian: derivatives of a network with respect to every parameter, with shapes, and an
// optional central-difference check.
#include "api/gradients.hpp"
#include "autodiff/derivatives.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "nn/trainer.hpp"

#include <cstdio>
#include <memory>

namespace mc::cli {

namespace {

void printMatrix(const Matrix& m, Index maxCols = 12, Index maxRows = 16) {
  for (Index i = 0; i < std::min(m.rows(), maxRows); ++i) {
    std::printf("    [");
    for (Index j = 0; j < std::min(m.cols(), maxCols); ++j) std::printf("%s% .6e", j ? " " : "", m(i, j));
    std::printf("%s]\n", m.cols() > maxCols ? " ..." : "");
  }
  if (m.rows() > maxRows) std::printf("    ... (%ld more rows)\n", static_cast<long>(m.rows() - maxRows));
}

constexpr long kMaxJacobianEntries = 16'000'000;  // 128 MB of doubles

// Prints one parameter's finite-difference check, judged by the engine's one rule (autodiff/fd_check.hpp);
// false only when it fails away from any kink (near one the comparison decides nothing, and says so).
bool printCheck(const FdReport& r, const Tape& tape, Var of, Var parameter) {
  const FdVerdict v = fdVerdict(r.maxRelError, kinkAt(tape, of.id, r.step, parameter.id));
  std::printf("  check: max |analytic - central difference| = %.3e, max relative %.3e (h = %g): %s\n",
              r.maxAbsError, r.maxRelError, r.step,
              v.status == "kink" ? ("near a kink, not judged: " + v.note).c_str() : v.passed ? "ok" : "MISMATCH");
  return v.passed || v.nearKink;
}

}  // namespace

std::unique_ptr<nn::Trainer> trainerFromModelOrConfig(const Args& a) {
  if (a.has("model") && a.has("config")) {
    throw UsageError("give --model or --config, not both (a saved model carries its own config)");
  }
  if (a.has("model")) return nn::Trainer::loadJson(readTextOrFile(a.get("model"), "--model"));
  if (a.has("config")) {
    return std::make_unique<nn::Trainer>(nn::parseConfigText(readTextOrFile(a.get("config"), "--config")));
  }
  throw UsageError("give --model FILE|JSON (a saved model) or --config FILE|JSON (a freshly initialised one)");
}

int gradCommand(const std::vector<std::string>& words, bool wantJacobian) {
  const Args a(words, {"model", "config", "points"}, {"check", "json"});
  const std::unique_ptr<nn::Trainer> trainer = trainerFromModelOrConfig(a);
  const auto& train = trainer->data().train;
  const long defaultPoints = wantJacobian ? std::min<long>(3, static_cast<long>(train.size())) : static_cast<long>(train.size());
  const long n = a.integer("points", defaultPoints, 1, static_cast<long>(train.size()));
  const std::vector<nn::Point> points(train.begin(), train.begin() + n);

  if (a.flag("json")) {
    if (wantJacobian) throw UsageError("--json is for mc grad (the gradient of the loss); mc jacobian prints text");
    std::printf("%s\n", api::gradientsJson(*trainer, points).c_str());
    return 0;
  }
  Tape tape;
  const nn::StepRecording rec = trainer->recordAt(tape, points);
  const bool check = a.flag("check");
  const auto& cfg = trainer->config();
  std::printf("network ");
  for (std::size_t i = 0; i < cfg.layers.size(); ++i) std::printf("%s%d", i ? "-" : "", cfg.layers[i]);
  std::printf(", loss %s, at the first %ld training points (X is %s)\n", nn::lossName(cfg.loss), n,
              shapeText(rec.input.value()).c_str());
  if (wantJacobian) {
    std::printf("Jacobians of the prediction y (%s, vec(y) has %ld entries, column by column) in numerator layout:\n",
                shapeText(rec.output.value()).c_str(), static_cast<long>(rec.output.value().size()));
  } else {
    std::printf("loss C = %.17g; gradients are shaped like their parameter\n", rec.loss.value()(0, 0));
  }
  bool allPass = true;
  for (const auto& p : rec.parameters) {
    const Matrix& value = p.var.value();
    if (wantJacobian) {
      const double entries = static_cast<double>(rec.output.value().size()) * static_cast<double>(value.size());
      if (entries > kMaxJacobianEntries) {  // one backward pass per row: memory and time both grow with it
        throw UsageError("the Jacobian of y (" + shapeText(rec.output.value()) + ") w.r.t. " + p.name + " (" +
                         shapeText(value) + ") would have " + std::to_string(static_cast<long>(entries)) +
                         " entries; at most " + std::to_string(kMaxJacobianEntries) + ": give fewer --points");
      }
      const Matrix j = jacobian(tape, rec.output, p.var);
      std::printf("\nd vec(y) / d vec(%s): %s   (%s is %s)\n", p.name.c_str(), shapeText(j).c_str(), p.name.c_str(),
                  shapeText(value).c_str());
      printMatrix(j);
      if (check) allPass = printCheck(checkJacobian(tape, rec.output, p.var, j), tape, rec.output, p.var) && allPass;
    } else {
      const Matrix g = gradient(tape, rec.loss, p.var);
      std::printf("\ndC/d%s: %s\n", p.name.c_str(), shapeText(g).c_str());
      printMatrix(g);
      if (check) {
        const Matrix row = Eigen::Map<const Eigen::RowVectorXd>(g.data(), g.size());
        allPass = printCheck(checkJacobian(tape, rec.loss, p.var, row), tape, rec.loss, p.var) && allPass;
      }
    }
  }
  if (check) {
    std::printf("\n%s\n", allPass ? "no derivative disagrees with central differences" : "some derivatives DISAGREE with central differences");
    if (!allPass) {
      std::fprintf(stderr, "mc: the finite-difference check failed (relative tolerance %g)\n", kFdTolerance);
      return 1;
    }
  }
  return 0;
}

}  // namespace mc::cli
