// The generators follow TF Playground's dataset.ts in shape (radius 5 circles, xor with padding, two
// Gaussian clusters, interleaved spirals, the regression plane and six bumps), drawn from our own Rng so
// the points are the same natively and in WebAssembly. TF's labels -1 / +1 are 0 / 1 here.
#include "nn/dataset.hpp"
#include "nn/enum_json.hpp"

#include "core/bounded_json.hpp"
#include "nn/config.hpp"
#include "nn/csv_fields.hpp"
#include "nn/portable_math.hpp"
#include "nn/rng.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace mc::nn {

namespace {

constexpr double kPi = 3.14159265358979323846;

// TF Playground's noise slider goes 0 .. 50 %, used as 0 .. 0.5; ours is 0 .. 1.
double tfNoise(const DatasetConfig& c) { return c.noise * 0.5; }

void circle(const DatasetConfig& c, Rng& rng, std::vector<Point>& out) {
  const double radius = 5, noise = tfNoise(c);
  auto add = [&](double rMin, double rMax) {
    const double r = rng.uniform(rMin, rMax);
    const double angle = rng.uniform(0, 2 * kPi);
    const double x = r * portableSin(angle), y = r * portableCos(angle);
    const double nx = rng.uniform(-radius, radius) * noise, ny = rng.uniform(-radius, radius) * noise;
    const double d = std::sqrt((x + nx) * (x + nx) + (y + ny) * (y + ny));
    out.push_back({x, y, d < radius * 0.5 ? 1.0 : 0.0});
  };
  for (int i = 0; i < c.n / 2; ++i) add(0, radius * 0.5);
  for (int i = c.n / 2; i < c.n; ++i) add(radius * 0.7, radius);
}

void xorData(const DatasetConfig& c, Rng& rng, std::vector<Point>& out) {
  const double padding = 0.3, noise = tfNoise(c);
  for (int i = 0; i < c.n; ++i) {
    double x = rng.uniform(-5, 5);
    x += x > 0 ? padding : -padding;
    double y = rng.uniform(-5, 5);
    y += y > 0 ? padding : -padding;
    const double nx = rng.uniform(-5, 5) * noise, ny = rng.uniform(-5, 5) * noise;
    out.push_back({x, y, (x + nx) * (y + ny) >= 0 ? 1.0 : 0.0});
  }
}

void gauss(const DatasetConfig& c, Rng& rng, std::vector<Point>& out) {
  const double variance = 0.5 + (4 - 0.5) * (tfNoise(c) / 0.5);  // noise 0 .. 1 -> variance 0.5 .. 4
  const double sd = std::sqrt(variance);
  for (int i = 0; i < c.n; ++i) {
    const bool positive = i < c.n / 2;
    const double cx = positive ? 2 : -2;
    const double x = rng.normal(cx, sd), y = rng.normal(cx, sd);
    out.push_back({x, y, positive ? 1.0 : 0.0});
  }
}

void spiral(const DatasetConfig& c, Rng& rng, int classes, std::vector<Point>& out) {
  const double noise = tfNoise(c);
  for (int k = 0; k < classes; ++k) {
    const int n = c.n / classes + (k < c.n % classes ? 1 : 0);
    const double delta = 2 * kPi * k / classes;
    for (int i = 0; i < n; ++i) {
      const double r = static_cast<double>(i) / n * 5;
      const double t = 1.75 * i / n * 2 * kPi + delta;
      const double x = r * portableSin(t) + rng.uniform(-1, 1) * noise;
      const double y = r * portableCos(t) + rng.uniform(-1, 1) * noise;
      // two classes: TF's +1 spiral (delta 0) is label 1, the other 0
      const double label = classes == 2 ? (k == 0 ? 1.0 : 0.0) : static_cast<double>(k);
      out.push_back({x, y, label});
    }
  }
}

void plane(const DatasetConfig& c, Rng& rng, std::vector<Point>& out) {
  const double radius = 6, noise = tfNoise(c);
  for (int i = 0; i < c.n; ++i) {
    const double x = rng.uniform(-radius, radius), y = rng.uniform(-radius, radius);
    const double nx = rng.uniform(-radius, radius) * noise, ny = rng.uniform(-radius, radius) * noise;
    out.push_back({x, y, (x + nx + y + ny) / 10});  // [-10, 10] -> [-1, 1]
  }
}

void bumps(const DatasetConfig& c, Rng& rng, std::vector<Point>& out) {
  const double radius = 6, noise = tfNoise(c);
  const double centres[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  for (int i = 0; i < c.n; ++i) {
    const double x = rng.uniform(-radius, radius), y = rng.uniform(-radius, radius);
    const double px = x + rng.uniform(-radius, radius) * noise, py = y + rng.uniform(-radius, radius) * noise;
    double label = 0;
    for (const auto& g : centres) {
      const double d = std::sqrt((px - g[0]) * (px - g[0]) + (py - g[1]) * (py - g[1]));
      const double v = g[2] * std::max(0.0, 1 - d / 2);  // distance 0 .. 2 -> 1 .. 0
      if (std::abs(v) > std::abs(label)) label = v;
    }
    out.push_back({x, y, label});
  }
}

// The paper's single neuron (item 11): y = max(0, w.x + b) with w = (0.15, -0.1), b = 0.2, plus noise.
void neuron(const DatasetConfig& c, Rng& rng, std::vector<Point>& out) {
  for (int i = 0; i < c.n; ++i) {
    const double x = rng.uniform(-6, 6), y = rng.uniform(-6, 6);
    const double z = 0.15 * x - 0.1 * y + 0.2;
    out.push_back({x, y, std::max(0.0, z) + rng.normal(0, 0.2 * c.noise)});
  }
}

bool isClassLabel(double v) { return v == 0 || v == 1; }

}  // namespace

const char* problemName(Problem p) { return enumName(p); }

const std::vector<std::string>& datasetNames() {
  static const std::vector<std::string> names{"circle", "xor", "gauss", "spiral", "spiral3", "reg-plane",
                                              "reg-gauss", "neuron", "iris", "linnerud", "custom"};
  return names;
}

bool isBuiltinTable(const std::string& name) { return name == "iris" || name == "linnerud"; }

Problem datasetProblem(const DatasetConfig& c) {
  if (c.name == "spiral3" || c.name == "iris") return Problem::Multiclass;
  if (c.name == "linnerud") return Problem::Regression;
  // a table with regression targets
  if (c.isTable() && !c.points.empty() && !c.points.front().out.empty()) return Problem::Regression;
  if (c.name == "reg-plane" || c.name == "reg-gauss" || c.name == "neuron") return Problem::Regression;
  if (c.name != "custom") return Problem::Classification;
  // custom: 0/1 labels are two classes; integers 0 .. k-1 (k from 3 to 10, each present) are k classes
  bool binary = true, integral = true;
  double top = 0;
  for (const Point& p : c.points) {
    binary = binary && isClassLabel(p.label);
    integral = integral && p.label >= 0 && p.label == std::floor(p.label) && p.label < 10;
    top = std::max(top, p.label);
  }
  if (binary) return Problem::Classification;
  if (integral && top >= 2) return Problem::Multiclass;
  return Problem::Regression;
}

int datasetClasses(const DatasetConfig& c) {
  const Problem problem = datasetProblem(c);
  if (problem == Problem::Regression && c.isTable()) return static_cast<int>(c.targetNames.size());
  if (problem != Problem::Multiclass) return 1;
  if (c.name == "spiral3" || c.name == "iris") return 3;
  double top = 0;
  for (const Point& p : c.points) top = std::max(top, p.label);
  return static_cast<int>(top) + 1;
}

DataSet makeDataSet(const DatasetConfig& c) {
  DataSet d;
  d.problem = datasetProblem(c);
  d.classes = datasetClasses(c);
  d.inputNames = c.inputNames;
  d.targetNames = c.targetNames;
  std::vector<Point> all;
  Rng rng(c.seed);
  if (c.name == "custom") {
    all = c.points;
  } else {
    all.reserve(static_cast<std::size_t>(c.n));
    if (isBuiltinTable(c.name)) all = builtinTable(c.name).points;
    else if (c.name == "circle") circle(c, rng, all);
    else if (c.name == "xor") xorData(c, rng, all);
    else if (c.name == "gauss") gauss(c, rng, all);
    else if (c.name == "spiral") spiral(c, rng, 2, all);
    else if (c.name == "spiral3") spiral(c, rng, 3, all);
    else if (c.name == "reg-plane") plane(c, rng, all);
    else if (c.name == "reg-gauss") bumps(c, rng, all);
    else if (c.name == "neuron") neuron(c, rng, all);
    else throw ConfigError("config: \"dataset.name\" is \"" + c.name + "\"; allowed: circle, xor, gauss, spiral, spiral3, reg-plane, reg-gauss, neuron, iris, linnerud, custom");
    // shuffle before the split, so train and test cover every class and region
    std::vector<int> order(all.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    rng.shuffle(order);
    std::vector<Point> shuffled;
    shuffled.reserve(all.size());
    for (int i : order) shuffled.push_back(all[static_cast<std::size_t>(i)]);
    all.swap(shuffled);
  }
  const auto split = static_cast<std::size_t>(std::floor(static_cast<double>(all.size()) * c.trainFraction));
  d.train.assign(all.begin(), all.begin() + static_cast<long>(split));
  d.test.assign(all.begin() + static_cast<long>(split), all.end());
  return d;
}

namespace {

std::vector<Point> parseJsonPoints(const std::string& text) {
  const nlohmann::json j = parseBoundedJson(text, "points");  // "points: not valid JSON: ..."
  if (!j.is_array()) throw std::invalid_argument("points: expected a JSON array of [x, y, label] or {\"x\",\"y\",\"label\"}, got " + std::string(j.type_name()));
  std::vector<Point> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const auto& e = j[i];
    const std::string where = "points[" + std::to_string(i) + "]";
    double v[3];
    if (e.is_array()) {
      if (e.size() != 3) throw std::invalid_argument(where + ": expected [x, y, label], got " + std::to_string(e.size()) + " entries");
      for (int k = 0; k < 3; ++k) {
        if (!e[static_cast<std::size_t>(k)].is_number()) throw std::invalid_argument(where + "[" + std::to_string(k) + "]: expected a number, got " + describeJson(e[static_cast<std::size_t>(k)]));
        v[k] = e[static_cast<std::size_t>(k)].get<double>();
      }
    } else if (e.is_object()) {
      const char* keys[3] = {"x", "y", "label"};
      for (int k = 0; k < 3; ++k) {
        if (!e.contains(keys[k]) || !e[keys[k]].is_number()) throw std::invalid_argument(where + ": \"" + keys[k] + "\" must be a number");
        v[k] = e[keys[k]].get<double>();
      }
      for (auto it = e.begin(); it != e.end(); ++it) {
        if (it.key() != "x" && it.key() != "y" && it.key() != "label") throw std::invalid_argument(where + ": unknown key \"" + cutText(it.key()) + "\"; allowed: x, y, label");
      }
    } else {
      throw std::invalid_argument(where + ": expected [x, y, label] or {\"x\",\"y\",\"label\"}, got " + describeJson(e));
    }
    out.push_back({v[0], v[1], v[2]});
  }
  return out;
}

// A decimal number with optional sign and exponent, nothing else (no inf, nan or hex: what
// `istream >> double` in the classic locale accepts in libstdc++); out-of-range magnitudes fail.
// strtod instead of a stream keeps libc++'s iostreams and locales out of the WebAssembly module.
bool parseNumber(const std::string& field, double& out) {
  std::size_t start = field.find_first_not_of(" \t\r");
  std::size_t end = field.find_last_not_of(" \t\r");
  if (start == std::string::npos) return false;
  std::string s = field.substr(start, end - start + 1);
  s.erase(0, s.find_first_not_of(" \t\n\v\f\r"));  // the stream skipped all leading white space
  if (s.empty() || s.find_first_not_of("0123456789+-.eE") != std::string::npos) return false;
  char* stop = nullptr;
  out = std::strtod(s.c_str(), &stop);
  return stop == s.c_str() + s.size() && !std::isinf(out);
}

// A field meant as a number: only digits, signs, dots and exponents, or nan / inf spelled out. A line
// with such a field is data (possibly bad data, e.g. "nan,0,1" or "1e400,0,1"), never a header.
bool looksNumeric(const std::string& field) {
  std::string s;
  for (char ch : field) {
    if (ch != ' ' && ch != '\t' && ch != '\r') s += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  }
  if (s.empty()) return false;
  if (s.find_first_not_of("0123456789+-.e") == std::string::npos && s.find_first_of("0123456789") != std::string::npos) return true;
  const std::size_t sign = s[0] == '+' || s[0] == '-' ? 1 : 0;
  const std::string word = s.substr(sign);
  return word == "nan" || word == "inf" || word == "infinity";
}

// The pieces of `line` between commas; like std::getline(in, field, ','), a trailing comma adds no
// empty last field.
std::vector<std::string> splitFields(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t begin = 0;
  while (begin < line.size()) {
    const std::size_t comma = line.find(',', begin);
    if (comma == std::string::npos) {
      fields.push_back(line.substr(begin));
      break;
    }
    fields.push_back(line.substr(begin, comma - begin));
    begin = comma + 1;
  }
  return fields;
}

std::vector<Point> parseCsvPoints(const std::string& text) {
  std::vector<Point> out;
  int lineNo = 0;
  bool seenData = false;
  for (std::size_t begin = 0; begin < text.size();) {
    const std::size_t newline = text.find('\n', begin);
    const std::size_t stop = newline == std::string::npos ? text.size() : newline;
    const std::string line = text.substr(begin, stop - begin);
    begin = stop + 1;
    ++lineNo;
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    const std::vector<std::string> fields = splitFields(line);
    double v[3];
    bool numeric = fields.size() == 3;
    for (std::size_t k = 0; numeric && k < 3; ++k) numeric = parseNumber(fields[k], v[k]);
    if (!numeric) {
      const bool header = !seenData && fields.size() == 3 &&
                          std::none_of(fields.begin(), fields.end(), looksNumeric);
      if (header) {  // a line of three names before the first data line
        seenData = true;
        continue;
      }
      throw std::invalid_argument("points: line " + std::to_string(lineNo) + " \"" + cutText(line) +
                                  "\": expected three finite numbers x,y,label");
    }
    seenData = true;
    out.push_back({v[0], v[1], v[2]});
  }
  return out;
}

}  // namespace

bool parseCsvNumber(const std::string& field, double& out) { return parseNumber(field, out); }

std::vector<Point> parsePoints(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  std::vector<Point> points;
  if (first != std::string::npos && (text[first] == '[' || text[first] == '{')) points = parseJsonPoints(text);
  else points = parseCsvPoints(text);
  if (points.empty()) throw std::invalid_argument("points: no points given (expected CSV lines x,y,label or a JSON array)");
  if (static_cast<long>(points.size()) > kMaxPoints) {
    throw std::invalid_argument("points: " + std::to_string(points.size()) + " points exceed the limit of " + std::to_string(kMaxPoints));
  }
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Point& p = points[i];
    if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.label)) {
      throw std::invalid_argument("points: point " + std::to_string(i + 1) + " has a non-finite value");
    }
  }
  return points;
}

}  // namespace mc::nn
