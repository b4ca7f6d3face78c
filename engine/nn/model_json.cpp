// Model save / load: architecture (the full config), weights, optimiser state, counters, the sample order
// and the generator's state, and the data points, so a loaded model continues exactly as the saved one.
#include "nn/trainer.hpp"

#include "core/bounded_json.hpp"

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace mc::nn {

using nlohmann::json;

namespace {

json matrixRows(const Matrix& m) {
  json rows = json::array();
  for (Index i = 0; i < m.rows(); ++i) {
    json row = json::array();
    for (Index j = 0; j < m.cols(); ++j) row.push_back(m(i, j));
    rows.push_back(row);
  }
  return rows;
}

json column(const Matrix& m) {
  json out = json::array();
  for (Index i = 0; i < m.rows(); ++i) out.push_back(m(i, 0));
  return out;
}

[[noreturn]] void bad(const std::string& field, const std::string& what) {
  throw ConfigError("model: \"" + field + "\" " + what);
}

const json& need(const json& j, const char* key, const std::string& path) {
  if (!j.is_object() || !j.contains(key)) bad(path + key, "is missing");
  return j.at(key);
}

double numberAt(const json& v, const std::string& field) {
  if (!v.is_number()) bad(field, "is " + describeJson(v) + "; expected a number");
  return v.get<double>();
}

// rows x cols from [[...], ...] (or a flat column when cols == 1 and flat is allowed)
void readMatrix(const json& v, const std::string& field, Matrix& m, bool flatColumn) {
  const std::string expected = "expected " + shapeText(m) + (flatColumn ? " as a list of " + std::to_string(m.rows()) + " numbers" : " as a list of rows");
  if (!v.is_array()) bad(field, "is " + std::string(v.type_name()) + "; " + expected);
  if (flatColumn) {
    if (static_cast<Index>(v.size()) != m.rows()) bad(field, "has " + std::to_string(v.size()) + " entries; " + expected);
    for (Index i = 0; i < m.rows(); ++i) m(i, 0) = numberAt(v[static_cast<std::size_t>(i)], field + "[" + std::to_string(i) + "]");
    return;
  }
  if (static_cast<Index>(v.size()) != m.rows()) bad(field, "has " + std::to_string(v.size()) + " rows; " + expected);
  for (Index i = 0; i < m.rows(); ++i) {
    const json& row = v[static_cast<std::size_t>(i)];
    const std::string rf = field + "[" + std::to_string(i) + "]";
    if (!row.is_array() || static_cast<Index>(row.size()) != m.cols()) {
      bad(rf, "has " + (row.is_array() ? std::to_string(row.size()) + " entries" : std::string(row.type_name())) + "; " + expected);
    }
    for (Index j = 0; j < m.cols(); ++j) m(i, j) = numberAt(row[static_cast<std::size_t>(j)], rf + "[" + std::to_string(j) + "]");
  }
  if (!m.allFinite()) bad(field, "holds a non-finite number");
}

json pointsJson(const std::vector<Point>& pts) {
  json out = json::array();
  for (const Point& p : pts) {
    if (p.in.empty()) out.push_back({p.x, p.y, p.label});
    else if (p.out.empty()) out.push_back({{"x", p.in}, {"label", p.label}});
    else out.push_back({{"x", p.in}, {"y", p.out}});
  }
  return out;
}

// A table's points: {"x": [..], "label": k} or {"x": [..], "y": [..]}, with the columns of the data set.
std::vector<Point> readTablePoints(const json& v, const std::string& field, const DataSet& data) {
  if (!v.is_array()) bad(field, "must be a list of {\"x\": [..], \"y\": [..]} or {\"x\": [..], \"label\": k}");
  if (v.empty()) return {};
  std::vector<Point> out;
  try {
    out = parsePointTable(v.dump()).points;
  } catch (const std::invalid_argument& e) {
    bad(field, std::string("is not a list of table points: ") + e.what());
  }
  if (out.front().in.empty()) bad(field, "holds [x, y, label] points but the data set is a table; expected {\"x\": [..], ...}");
  for (std::size_t i = 0; i < out.size(); ++i) {
    const Point& p = out[i];
    const std::string f = field + "[" + std::to_string(i) + "]";
    const bool regression = data.problem == Problem::Regression;
    if (p.in.size() != data.inputNames.size() || (regression ? p.out.size() != static_cast<std::size_t>(data.classes) : !p.out.empty())) {
      bad(f, "does not have the table's " + std::to_string(data.inputNames.size()) + " inputs and " +
                 (regression ? std::to_string(data.classes) + " targets" : std::string("a class label")));
    }
    if (!regression && p.label >= (data.problem == Problem::Multiclass ? data.classes : 2)) {
      bad(f, "has label " + std::to_string(static_cast<int>(p.label)) + " outside the data set's classes");
    }
  }
  return out;
}

std::vector<Point> readPoints(const json& v, const std::string& field) {
  if (!v.is_array()) bad(field, "must be a list of [x, y, label]");
  if (v.size() > static_cast<std::size_t>(kMaxPoints)) {
    bad(field, "has " + std::to_string(v.size()) + " points; allowed: at most " + std::to_string(kMaxPoints) + " in all");
  }
  std::vector<Point> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const json& p = v[i];
    const std::string f = field + "[" + std::to_string(i) + "]";
    if (!p.is_array() || p.size() != 3) bad(f, "must be [x, y, label]");
    out.push_back({numberAt(p[0], f), numberAt(p[1], f), numberAt(p[2], f)});
  }
  return out;
}

std::string hex(std::uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::uint64_t unhex(const json& v, const std::string& field) {
  if (!v.is_string() || v.get<std::string>().size() != 16) bad(field, "must be 16 hex digits");
  std::uint64_t out = 0;
  for (char ch : v.get<std::string>()) {
    int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
    if (d < 0) bad(field, "must be 16 hex digits");
    out = out * 16 + static_cast<std::uint64_t>(d);
  }
  return out;
}

}  // namespace

void Trainer::save(json& out) const {
  json cfg;
  toJson(cfg, config_);
  out = {{"format", "mc-model"}, {"version", 1}, {"config", cfg}, {"step", step_}, {"epoch", epoch_}};
  json layers = json::array();
  for (const DenseLayer& l : network_.layers()) layers.push_back({{"W", matrixRows(l.weight)}, {"b", column(l.bias)}});
  out["layers"] = layers;
  json first = json::array(), second = json::array();
  for (std::size_t s = 0; s < optimizer_.first().size(); ++s) {
    const bool bias = s % 2 == 1;
    first.push_back(bias ? column(optimizer_.first()[s]) : matrixRows(optimizer_.first()[s]));
    second.push_back(bias ? column(optimizer_.second()[s]) : matrixRows(optimizer_.second()[s]));
  }
  out["optimizer"] = {{"name", optimizerName(config_.optimizer.kind)}, {"t", optimizer_.steps()}, {"first", first}, {"second", second}};
  out["order"] = {{"permutation", order_}, {"cursor", cursor_}};
  const Rng::State st = rng_.state();
  out["rng"] = {{"s", {hex(st.s[0]), hex(st.s[1]), hex(st.s[2]), hex(st.s[3])}}, {"has_spare", st.hasSpare}, {"spare", st.spare}};
  out["data"] = {{"train", pointsJson(data_.train)}, {"test", pointsJson(data_.test)}};
}

std::string Trainer::saveJson() const {
  json j;
  save(j);
  return j.dump();
}

std::unique_ptr<Trainer> Trainer::load(const json& model) {
  if (!model.is_object()) throw ConfigError("model: expected a JSON object, got " + std::string(model.type_name()));
  const json& format = need(model, "format", "");
  if (format != "mc-model") bad("format", "is " + describeJson(format) + "; expected \"mc-model\"");
  const json& version = need(model, "version", "");
  if (version != 1) bad("version", "is " + describeJson(version) + "; this engine reads version 1");
  Config config;
  const json& configJson = need(model, "config", "");  // its own "model: " message, outside the try
  try {
    config = parseConfig(configJson);
  } catch (const ConfigError& e) {
    throw ConfigError(std::string("model: ") + e.what());
  }
  auto t = std::make_unique<Trainer>(config);
  Trainer& tr = *t;

  if (model.contains("data")) {
    const json& d = model.at("data");
    if (tr.data_.isTable()) {
      tr.data_.train = readTablePoints(need(d, "train", "data."), "data.train", tr.data_);
      tr.data_.test = readTablePoints(need(d, "test", "data."), "data.test", tr.data_);
    } else {
      tr.data_.train = readPoints(need(d, "train", "data."), "data.train");
      tr.data_.test = readPoints(need(d, "test", "data."), "data.test");
    }
    if (tr.data_.train.empty()) bad("data.train", "is empty; a model needs training points");
    if (tr.data_.train.size() + tr.data_.test.size() > static_cast<std::size_t>(kMaxPoints)) {
      bad("data", "holds " + std::to_string(tr.data_.train.size() + tr.data_.test.size()) +
                      " points in train and test; allowed: at most " + std::to_string(kMaxPoints));
    }
    // Labels must fit the network the config builds (a label 7 in a 3-class model would index past
    // the one-hot target).
    for (const char* part : {"train", "test"}) {
      const std::vector<Point>& pts = part[1] == 'r' ? tr.data_.train : tr.data_.test;
      for (std::size_t i = 0; i < pts.size(); ++i) {
        checkPointLabel(tr.data_, pts[i], "model: \"data." + std::string(part) + "[" + std::to_string(i) + "]\"");
      }
    }
  }

  const json& layers = need(model, "layers", "");
  if (!layers.is_array() || static_cast<int>(layers.size()) != tr.network_.layerCount()) {
    bad("layers", "has " + (layers.is_array() ? std::to_string(layers.size()) : std::string(layers.type_name())) +
                      " entries; the config's layers give " + std::to_string(tr.network_.layerCount()) + " dense layers");
  }
  for (int l = 0; l < tr.network_.layerCount(); ++l) {
    const std::string p = "layers[" + std::to_string(l) + "].";
    DenseLayer& layer = tr.network_.layer(l);
    readMatrix(need(layers[static_cast<std::size_t>(l)], "W", p), p + "W", layer.weight, false);
    readMatrix(need(layers[static_cast<std::size_t>(l)], "b", p), p + "b", layer.bias, true);
  }

  // Counters are 64-bit everywhere (wasm's long has 32); JavaScript reads them exactly up to 2^53.
  const auto readCount = [&](const json& v, const std::string& field) {
    constexpr std::int64_t kMaxCount = std::int64_t{1} << 53;
    const bool ok = v.is_number_unsigned() ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(kMaxCount)
                    : v.is_number_integer() && v.get<std::int64_t>() >= 0 && v.get<std::int64_t>() <= kMaxCount;
    if (!ok) bad(field, "is " + describeJson(v) + "; expected an integer from 0 to 2^53 (9007199254740992)");
    return v.get<std::int64_t>();
  };
  tr.step_ = readCount(need(model, "step", ""), "step");
  tr.epoch_ = readCount(need(model, "epoch", ""), "epoch");

  if (model.contains("optimizer")) {
    const json& o = model.at("optimizer");
    tr.optimizer_.setSteps(readCount(need(o, "t", "optimizer."), "optimizer.t"));
    const json& first = need(o, "first", "optimizer.");
    const json& second = need(o, "second", "optimizer.");
    const std::size_t slots = tr.optimizer_.first().size();
    if (!first.is_array() || first.size() != slots) bad("optimizer.first", "must hold " + std::to_string(slots) + " entries (W1, b1, ...)");
    if (!second.is_array() || second.size() != slots) bad("optimizer.second", "must hold " + std::to_string(slots) + " entries (W1, b1, ...)");
    for (std::size_t s = 0; s < slots; ++s) {
      readMatrix(first[s], "optimizer.first[" + std::to_string(s) + "]", tr.optimizer_.first()[s], s % 2 == 1);
      readMatrix(second[s], "optimizer.second[" + std::to_string(s) + "]", tr.optimizer_.second()[s], s % 2 == 1);
    }
  }

  if (model.contains("order")) {
    const json& o = model.at("order");
    const json& perm = need(o, "permutation", "order.");
    const std::size_t n = tr.data_.train.size();
    if (!perm.is_array() || perm.size() != n) bad("order.permutation", "must list the " + std::to_string(n) + " training points");
    std::vector<int> seen(n, 0), order(n);
    for (std::size_t i = 0; i < n; ++i) {
      // read as 64-bit before any narrowing (a parsed non-negative integer is stored unsigned)
      std::int64_t v = -1;
      if (perm[i].is_number_unsigned()) v = perm[i].get<std::uint64_t>() < n ? static_cast<std::int64_t>(perm[i].get<std::uint64_t>()) : -1;
      else if (perm[i].is_number_integer()) v = perm[i].get<std::int64_t>();
      if (v < 0 || v >= static_cast<std::int64_t>(n) || seen[static_cast<std::size_t>(v)]++) {
        bad("order.permutation", "is not a permutation of 0 .. " + std::to_string(n - 1) + " (entry " + std::to_string(i) + ")");
      }
      order[i] = static_cast<int>(v);
    }
    const std::int64_t cursor = readCount(need(o, "cursor", "order."), "order.cursor");
    if (cursor >= static_cast<std::int64_t>(n)) bad("order.cursor", "is " + std::to_string(cursor) + "; expected below " + std::to_string(n));
    tr.order_ = order;
    tr.cursor_ = static_cast<std::size_t>(cursor);
  } else {
    tr.order_.resize(tr.data_.train.size());
    for (std::size_t i = 0; i < tr.order_.size(); ++i) tr.order_[i] = static_cast<int>(i);
    tr.cursor_ = 0;
  }

  if (model.contains("rng")) {
    const json& r = model.at("rng");
    const json& s = need(r, "s", "rng.");
    if (!s.is_array() || s.size() != 4) bad("rng.s", "must hold 4 words");
    Rng::State st{};
    for (std::size_t i = 0; i < 4; ++i) st.s[i] = unhex(s[i], "rng.s[" + std::to_string(i) + "]");
    const json& hs = need(r, "has_spare", "rng.");
    if (!hs.is_boolean()) bad("rng.has_spare", "must be true or false");
    st.hasSpare = hs.get<bool>();
    st.spare = numberAt(need(r, "spare", "rng."), "rng.spare");
    tr.rng_.setState(st);
  }
  return t;
}

std::unique_ptr<Trainer> Trainer::loadJson(const std::string& text) {
  json j;
  try {
    j = parseBoundedJson(text, "model");
  } catch (const JsonInputError& e) {
    throw ConfigError(e.what());
  }
  return load(j);
}

}  // namespace mc::nn
