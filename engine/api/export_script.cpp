// The current network and one full-batch step as a short Python script (PyTorch or NumPy) that rebuilds
// the same weights, inputs and targets, computes the loss, the gradients and the step itself, and prints
// them beside the engine's numbers (embedded in the script) with the largest difference.
#include "api/export_script.hpp"

#include "core/tape.hpp"
#include "nn/features.hpp"
#include "nn/optimizer.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace mc::api {

namespace {

using nlohmann::json;

std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string pyMatrix(const Matrix& m) {
  std::string out = "[";
  for (Index i = 0; i < m.rows(); ++i) {
    out += i ? ", [" : "[";
    for (Index j = 0; j < m.cols(); ++j) out += (j ? ", " : "") + num(m(i, j));
    out += "]";
  }
  return out + "]";
}

Matrix matrixFrom(const json& rows, Index r, Index c) {
  Matrix m(r, c);
  for (Index i = 0; i < r; ++i)
    for (Index j = 0; j < c; ++j) m(i, j) = c == 1 && rows[static_cast<std::size_t>(i)].is_number() ? rows[static_cast<std::size_t>(i)].get<double>()
                                                                                                 : rows[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)].get<double>();
  return m;
}

const char* kNumpyBody = R"PY(
import numpy as np

def act(name, z):
    if name == "linear": return z
    if name == "relu": return np.maximum(z, 0)
    if name == "leaky_relu": return np.where(z > 0, z, SLOPE * z)
    if name == "tanh": return np.tanh(z)
    if name == "sigmoid": return 1 / (1 + np.exp(-z))
    e = np.exp(z - z.max(axis=0)); return e / e.sum(axis=0)  # softmax over each column

def act_vjp(name, z, a, g):  # g = dC/da  ->  dC/dz
    if name == "linear": return g
    if name == "relu": return g * (z > 0)
    if name == "leaky_relu": return g * np.where(z > 0, 1.0, SLOPE)
    if name == "tanh": return g * (1 - a * a)
    if name == "sigmoid": return g * a * (1 - a)
    return a * (g - (g * a).sum(axis=0))  # softmax: (diag(s) - s s^T) g per column

W = [np.array(w) for w in W]; b = [np.array(v).reshape(-1, 1) for v in b]
X = np.array(X); T = np.array(T)
zs, As = [], [X]
for l in range(len(W)):
    zs.append(W[l] @ As[-1] + b[l]); As.append(act(ACTS[l], zs[-1]))
z, y, B = zs[-1], As[-1], X.shape[1]
if LOSS == "mse":
    loss = np.mean((y - T) ** 2); dz = act_vjp(ACTS[-1], z, y, 2 * (y - T) / y.size)
elif LOSS == "bce":
    loss = np.mean(np.maximum(z, 0) - z * T + np.log1p(np.exp(-np.abs(z)))); dz = (1 / (1 + np.exp(-z)) - T) / z.size
else:
    ls = (z - z.max(axis=0)) - np.log(np.exp(z - z.max(axis=0)).sum(axis=0))
    loss = -(T * ls).sum() / B; dz = (np.exp(ls) * T.sum(axis=0) - T) / B
grads = [None] * (2 * len(W))
for l in reversed(range(len(W))):
    grads[2 * l], grads[2 * l + 1] = dz @ As[l].T, dz.sum(axis=1, keepdims=True)
    if l: dz = act_vjp(ACTS[l - 1], zs[l - 1], As[l], W[l].T @ dz)
reg = sum(REG_RATE / 2 * (w ** 2).sum() if REG == "l2" else REG_RATE * np.abs(w).sum() for w in W) if REG != "none" else 0.0
params = [p for l in range(len(W)) for p in (W[l], b[l])]
total = [g + (0 if k % 2 or REG == "none" else (REG_RATE * params[k] if REG == "l2" else REG_RATE * np.sign(params[k]))) for k, g in enumerate(grads)]
after = []
for k, (p, g) in enumerate(zip(params, total)):
    if OPT == "sgd": after.append(p - LR * g)
    elif OPT == "momentum": after.append(p - LR * (MOMENTUM * np.array(FIRST[k]).reshape(p.shape) + g))
    else:
        t = STEPS + 1
        m = BETA1 * np.array(FIRST[k]).reshape(p.shape) + (1 - BETA1) * g
        v = BETA2 * np.array(SECOND[k]).reshape(p.shape) + (1 - BETA2) * g * g
        after.append(p - LR * (m / (1 - BETA1 ** t)) / (np.sqrt(v / (1 - BETA2 ** t)) + EPSILON))
theirs = {"loss": float(loss), "lossWithReg": float(loss + reg), "gradients": [g.tolist() for g in grads], "after": [a.tolist() for a in after]}
)PY";

const char* kTorchBody = R"PY(
import torch
import torch.nn.functional as F
torch.set_default_dtype(torch.float64)

def act(name, z):
    if name == "linear": return z
    if name == "relu": return torch.relu(z)
    if name == "leaky_relu": return F.leaky_relu(z, SLOPE)
    if name == "tanh": return torch.tanh(z)
    if name == "sigmoid": return torch.sigmoid(z)
    return torch.softmax(z, dim=0)  # over each column (a column is a sample)

params = []
for w, v in zip(W, b):
    params += [torch.tensor(w, dtype=torch.float64, requires_grad=True), torch.tensor(v, dtype=torch.float64, requires_grad=True)]  # b is a column
X = torch.tensor(X, dtype=torch.float64); T = torch.tensor(T, dtype=torch.float64)
a = X
for l in range(len(W)):
    z = params[2 * l] @ a + params[2 * l + 1]; a = act(ACTS[l], z)
if LOSS == "mse": loss = F.mse_loss(a, T)
elif LOSS == "bce": loss = F.binary_cross_entropy_with_logits(z, T)
else: loss = -(T * F.log_softmax(z, dim=0)).sum() / X.shape[1]
reg = sum((REG_RATE / 2 * (p ** 2).sum() if REG == "l2" else REG_RATE * p.abs().sum()) for p in params[0::2]) if REG != "none" else torch.tensor(0.0)
grads = torch.autograd.grad(loss, params, retain_graph=True)
total = loss + reg
if OPT == "sgd": opt = torch.optim.SGD(params, lr=LR)
elif OPT == "momentum": opt = torch.optim.SGD(params, lr=LR, momentum=MOMENTUM)
else: opt = torch.optim.Adam(params, lr=LR, betas=(BETA1, BETA2), eps=EPSILON)
if STEPS > 0:  # the optimiser's state as the engine holds it
    for k, p in enumerate(params):
        if OPT == "momentum": opt.state[p] = {"momentum_buffer": torch.tensor(FIRST[k], dtype=torch.float64).reshape(p.shape)}
        if OPT == "adam": opt.state[p] = {"step": torch.tensor(float(STEPS)), "exp_avg": torch.tensor(FIRST[k], dtype=torch.float64).reshape(p.shape), "exp_avg_sq": torch.tensor(SECOND[k], dtype=torch.float64).reshape(p.shape)}
opt.zero_grad(); total.backward(); opt.step()
theirs = {"loss": loss.item(), "lossWithReg": total.item(), "gradients": [g.tolist() for g in grads], "after": [p.detach().tolist() for p in params]}
)PY";

const char* kCompare = R"PY(
def flat(x):
    return [v for row in x for v in (flat(row) if isinstance(row, list) else [row])] if isinstance(x, list) else [x]
names = [n for l in range(len(W)) for n in ("W%d" % (l + 1), "b%d" % (l + 1))]
rows = [("loss (data)", [OURS["loss"]], [theirs["loss"]]), ("loss with regularisation", [OURS["lossWithReg"]], [theirs["lossWithReg"]])]
rows += [("dC/d" + n, flat(o), flat(t)) for n, o, t in zip(names, OURS["gradients"], theirs["gradients"])]
rows += [(n + " after one step", flat(o), flat(t)) for n, o, t in zip(names, OURS["after"], theirs["after"])]
worst = 0.0
print("%-28s %-24s %-24s %s" % ("", "engine", FRAMEWORK, "|difference|"))
for name, o, t in rows:
    for k, (u, v) in enumerate(zip(o, t)):
        worst = max(worst, abs(u - v))
        print("%-28s %-24.17g %-24.17g %.1e" % (name + ("" if len(o) == 1 else "[%d]" % k), u, v, abs(u - v)))
print("max |engine - %s| = %.3e over %d numbers" % (FRAMEWORK, worst, sum(len(o) for _, o, _ in rows)))
)PY";

}  // namespace

std::string exportScript(const nn::Trainer& trainer, const std::string& framework) {
  if (framework != "pytorch" && framework != "numpy") {
    throw std::invalid_argument("exportScript: framework \"" + framework.substr(0, 40) + "\" is not known; allowed: \"pytorch\", \"numpy\"");
  }
  const nn::Config& c = trainer.config();
  const std::vector<nn::Point>& points = trainer.data().train;
  Matrix input, target;
  nn::computeInputs(c, trainer.data(), points, nullptr, input);
  nn::computeTargets(trainer.data(), points, nullptr, target);

  // The engine's numbers: the loss and gradients at every training point, then one update with them.
  Tape tape;
  const nn::StepRecording rec = trainer.recordAt(tape, points);
  const json model = json::parse(trainer.saveJson());
  const json& state = model["optimizer"];
  nn::Optimizer opt(c.optimizer);
  std::vector<Matrix> params, totals;
  std::vector<const Matrix*> slots;
  for (const nn::RecordedParameter& p : rec.parameters) {
    params.push_back(p.var.value());
    totals.push_back(p.var.grad());  // of the loss minimised (regularisation included)
  }
  for (const Matrix& p : params) slots.push_back(&p);
  opt.prepare(slots);
  opt.setSteps(state["t"].get<long>());
  for (std::size_t k = 0; k < params.size(); ++k) {
    opt.first()[k] = matrixFrom(state["first"][k], params[k].rows(), params[k].cols());
    opt.second()[k] = matrixFrom(state["second"][k], params[k].rows(), params[k].cols());
  }
  json first = json::array(), second = json::array();
  for (std::size_t k = 0; k < params.size(); ++k) {
    first.push_back(state["first"][k]);
    second.push_back(state["second"][k]);
  }
  tape.zeroGrad();
  tape.backward(rec.dataLoss);
  std::string gradients = "[", after = "[";
  opt.beginStep();
  for (std::size_t k = 0; k < params.size(); ++k) {
    gradients += (k ? ", " : "") + pyMatrix(rec.parameters[k].var.grad());
    Matrix p = params[k];
    opt.update(static_cast<int>(k), p, totals[k]);
    after += (k ? ", " : "") + pyMatrix(p);
  }
  gradients += "]";
  after += "]";

  std::string acts = "[";
  for (std::size_t l = 0; l < c.activations.size(); ++l) acts += std::string("\"") + nn::activationName(c.activations[l]) + "\", ";
  acts += std::string("\"") + nn::activationName(c.output) + "\"]";
  std::string w = "[", b = "[";
  for (std::size_t l = 0; l < params.size(); l += 2) {
    w += (l ? ", " : "") + pyMatrix(params[l]);
    b += (l ? ", " : "") + pyMatrix(params[l + 1]);
  }
  std::string s = "# The network of the matrix calculus playground and one full-batch training step, rebuilt in " +
                  std::string(framework == "pytorch" ? "PyTorch" : "NumPy") +
                  ".\n# Columns are samples (X is inputs x N, as the engine stores it); the engine's numbers are in OURS.\n";
  s += "FRAMEWORK = \"" + framework + "\"\n";
  s += "W = " + w + "]\nb = " + b + "]\n";
  s += "X = " + pyMatrix(input) + "\nT = " + pyMatrix(target) + "\n";
  s += "ACTS = " + acts + "\nLOSS = \"" + nn::lossName(c.loss) + "\"\nSLOPE = " + num(c.leakySlope) + "\n";
  s += "REG = \"" + std::string(nn::regularizationName(c.regularization.kind)) + "\"\nREG_RATE = " + num(c.regularization.rate) + "\n";
  s += "OPT = \"" + std::string(nn::optimizerName(c.optimizer.kind)) + "\"\nLR = " + num(c.optimizer.lr) +
       "\nMOMENTUM = " + num(c.optimizer.momentum) + "\nBETA1 = " + num(c.optimizer.beta1) + "\nBETA2 = " +
       num(c.optimizer.beta2) + "\nEPSILON = " + num(c.optimizer.epsilon) + "\nSTEPS = " + std::to_string(state["t"].get<long>()) + "\n";
  s += "FIRST = " + first.dump() + "\nSECOND = " + second.dump() + "\n";
  s += "OURS = {\"loss\": " + num(rec.dataLoss.value()(0, 0)) + ", \"lossWithReg\": " + num(rec.loss.value()(0, 0)) +
       ", \"gradients\": " + gradients + ", \"after\": " + after + "}\n";
  s += framework == "pytorch" ? kTorchBody : kNumpyBody;
  s += kCompare;
  return s;
}

}  // namespace mc::api
