// mc train and mc demo.
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "nn/trainer.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace mc::cli {

using nlohmann::json;
using nn::Trainer;

namespace {

using Clock = std::chrono::steady_clock;

void printNumber(std::FILE* out, double v) {
  if (std::isfinite(v)) std::fprintf(out, "%.17g", v);
  else std::fputs("null", out);
}

void printMatrixJson(std::FILE* out, const Matrix& m, bool column) {
  std::fputc('[', out);
  for (Index i = 0; i < m.rows(); ++i) {
    if (i) std::fputc(',', out);
    if (column) {
      printNumber(out, m(i, 0));
      continue;
    }
    std::fputc('[', out);
    for (Index j = 0; j < m.cols(); ++j) {
      if (j) std::fputc(',', out);
      printNumber(out, m(i, j));
    }
    std::fputc(']', out);
  }
  std::fputc(']', out);
}

void printMetricsLine(std::FILE* out, const nn::Metrics& m) {
  if (m.problem == nn::Problem::Regression) {
    std::fprintf(out, "train loss %.6f  test loss %.6f  train R^2 %.4f  test R^2 %.4f", m.trainLoss, m.testLoss, m.trainR2,
                 m.testR2);
  } else {
    std::fprintf(out, "train loss %.6f  test loss %.6f  train accuracy %.1f%%  test accuracy %.1f%%", m.trainLoss,
                 m.testLoss, 100 * m.trainAccuracy, 100 * m.testAccuracy);
  }
  if (m.regularization > 0) std::fprintf(out, "  (with regularisation: train %.6f)", m.trainLossWithRegularization);
  std::fputc('\n', out);
}

// Progress: a redrawn bar on a terminal, or a line every `every` steps.
class Progress {
 public:
  Progress(std::FILE* out, long total, long every, bool tty) : out_(out), total_(total), every_(every), tty_(tty) {}
  void update(long done, double loss, bool force = false) {
    const auto now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    if (tty_) {
      if (!force && done != total_ && now - lastDraw_ < std::chrono::milliseconds(100)) return;
      lastDraw_ = now;
      const int width = 30;
      const int filled = static_cast<int>(width * static_cast<double>(done) / static_cast<double>(total_));
      std::fprintf(out_, "\r[%.*s%*s] %ld/%ld  %.0f steps/s  loss %.6g ", filled,
                   "##############################", width - filled, "", done, total_, rate, loss);
      if (done == total_) std::fputc('\n', out_);
      std::fflush(out_);
    } else if (done % every_ == 0 || done == total_) {
      std::fprintf(out_, "step %ld/%ld  loss %.6g  %.0f steps/s\n", done, total_, loss, rate);
      std::fflush(out_);
    }
  }

 private:
  std::FILE* out_;
  long total_, every_;
  bool tty_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point lastDraw_{};
};

struct RunOptions {
  long steps = 100;
  long every = 0;
  nn::Granularity granularity = nn::Granularity::Batch;
  bool json = false;
  std::string save;
};

void drawBoundary(const Trainer& t) {
  const int cols = 60, rows = 24;
  Matrix grid(2, cols * rows);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      grid(0, r * cols + c) = -6 + 12 * (c + 0.5) / cols;
      grid(1, r * cols + c) = 6 - 12 * (r + 0.5) / rows;
    }
  Matrix out;
  t.predict(grid, out);
  std::vector<std::string> canvas(rows, std::string(cols, ' '));
  for (int i = 0; i < cols * rows; ++i) {
    int cls = 0;
    if (out.rows() == 1) cls = out(0, i) > 0.5 ? 1 : 0;
    else out.col(i).maxCoeff(&cls);
    canvas[static_cast<std::size_t>(i / cols)][static_cast<std::size_t>(i % cols)] = cls == 1 ? '.' : cls == 0 ? ' ' : ':';
  }
  const char marks[] = {'o', 'x', '+'};
  for (const auto& p : t.data().train) {
    const int c = static_cast<int>((p.x + 6) / 12 * cols), r = static_cast<int>((6 - p.y) / 12 * rows);
    if (c >= 0 && c < cols && r >= 0 && r < rows) canvas[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] = marks[static_cast<int>(p.label) % 3];
  }
  std::printf("+%s+\n", std::string(cols, '-').c_str());
  for (const auto& line : canvas) std::printf("|%s|\n", line.c_str());
  std::printf("+%s+\n  training points: o class 0, x class 1; background '.' = predicted class 1\n",
              std::string(cols, '-').c_str());
}

int run(Trainer& trainer, const RunOptions& o) {
  // A --save path that cannot be written fails before the training, not after it (append: an existing
  // model stays intact until the new one is written).
  if (!o.save.empty() && !std::ofstream(o.save, std::ios::app)) {
    throw UsageError("--save: cannot write \"" + o.save + "\"");
  }
  const bool tty = isatty(fileno(o.json ? stderr : stdout)) != 0;
  std::FILE* progressOut = o.json ? stderr : stdout;
  const bool showProgress = !o.json || tty;
  const long every = o.every > 0 ? o.every : std::max(1L, o.steps / 10);
  Progress progress(progressOut, o.steps, every, tty);
  std::vector<double> losses;
  losses.reserve(static_cast<std::size_t>(o.steps));
  const nn::StepResult* result = nullptr;
  const auto start = Clock::now();
  for (long i = 0; i < o.steps; ++i) {
    result = &trainer.step(o.granularity, 1);
    if (!result->ok) break;
    losses.push_back(result->meanLoss);  // = loss for one batch or sample; the mean over an epoch
    if (showProgress) progress.update(i + 1, result->meanLoss);
  }
  const nn::StepResult& last = *result;
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const nn::Metrics m = trainer.metrics();
  if (!o.save.empty()) {
    std::ofstream f(o.save);
    f << trainer.saveJson() << '\n';
    if (!f) throw UsageError("--save: cannot write \"" + o.save + "\"");
  }
  if (o.json) {
    json metrics;
    nn::toJson(metrics, m);
    std::printf("{\"config\":%s,\n\"granularity\":\"%s\",\"steps\":%lld,\"status\":\"%s\",\"message\":%s,\n\"losses\":[",
                trainer.configJson().c_str(), nn::granularityName(o.granularity), static_cast<long long>(trainer.stepCount()),
                last.status.c_str(), json(last.message).dump().c_str());
    for (std::size_t i = 0; i < losses.size(); ++i) {
      if (i) std::fputc(',', stdout);
      printNumber(stdout, losses[i]);
    }
    std::printf("],\n\"metrics\":%s,\n\"layers\":[", metrics.dump().c_str());
    for (int l = 0; l < trainer.network().layerCount(); ++l) {
      const auto& layer = trainer.network().layer(l);
      std::printf("%s{\"W\":", l ? ",\n" : "\n");
      printMatrixJson(stdout, layer.weight, false);
      std::printf(",\"b\":");
      printMatrixJson(stdout, layer.bias, true);
      std::printf("}");
    }
    std::printf("]}\n");
  } else {
    std::printf("%lld steps in %.3f s (%.0f steps/s), %lld epochs\n", static_cast<long long>(trainer.stepCount()), seconds,
                seconds > 0 ? static_cast<double>(losses.size()) / seconds : 0.0, static_cast<long long>(trainer.epochCount()));
    printMetricsLine(stdout, m);
    if (!o.save.empty()) std::printf("saved the model to %s\n", o.save.c_str());
  }
  if (!last.ok) {
    std::fprintf(stderr, "mc train: %s\n", last.message.c_str());
    return 2;
  }
  return 0;
}

}  // namespace

int trainCommand(const std::vector<std::string>& words) {
  const Args a(words, {"config", "steps", "granularity", "every", "save"}, {"json"});
  if (!a.has("config")) throw UsageError("--config FILE|JSON is required");
  RunOptions o;
  o.steps = a.integer("steps", 100, 1, 100'000'000);
  o.every = a.integer("every", 0, 1, 100'000'000);
  o.granularity = nn::parseGranularity(a.get("granularity", "batch"));
  o.json = a.flag("json");
  o.save = a.get("save");
  Trainer trainer(nn::parseConfigText(readTextOrFile(a.get("config"), "--config")));
  return run(trainer, o);
}

int demoCommand(const std::vector<std::string>& words) {
  const Args a(words, {"steps"}, {});
  const char* config =
      R"({"layers":[4,8,8,1],"activation":"tanh","features":["x","y","sinx","siny"],"batch":10,
          "optimizer":{"name":"adam","lr":0.01},
          "dataset":{"name":"spiral","n":500,"noise":0.1,"seed":3,"train_fraction":0.5}})";
  RunOptions o;
  o.steps = a.integer("steps", 3000, 1, 10'000'000);
  std::printf("mc demo: a 4-8-8-1 tanh network (features x, y, sin x, sin y), Adam lr 0.01, batch 10,\n"
              "         on 500 spiral points (250 for training, 250 for testing)\n");
  Trainer trainer(nn::parseConfigText(config));
  std::printf("before training: ");
  printMetricsLine(stdout, trainer.metrics());
  const int status = run(trainer, o);
  drawBoundary(trainer);
  return status;
}

}  // namespace mc::cli
