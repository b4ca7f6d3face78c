// Tables: points with named columns, any number of inputs and targets. A CSV whose header names the
// columns, JSON points {"x": [..], "y": [..]} / {"x": [..], "label": k}, and the built-in tables
// (engine/nn/data/*.csv, compiled in by CMake as builtin_tables.cpp). The 2-D forms go to parsePoints.
#include "core/bounded_json.hpp"
#include "nn/config.hpp"
#include "nn/csv_fields.hpp"
#include "nn/dataset.hpp"
#include "nn/number_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace mc::nn {

namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& message) { throw std::invalid_argument("points: " + message); }

std::string trimmed(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\r") - a + 1);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Echoed input is cut, so a huge cell never floods a message.
std::string shortText(const std::string& s) { return s.size() <= 40 ? s : s.substr(0, 37) + "..."; }

bool isLabelName(const std::string& name) { return lower(name) == "label" || lower(name) == "class"; }
bool isTargetName(const std::string& name) { return lower(name).rfind("target:", 0) == 0; }

// The pieces of a line between commas, a trailing empty one included (a missing last value).
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t comma = line.find(',', begin);
    out.push_back(line.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin));
    if (comma == std::string::npos) return out;
    begin = comma + 1;
  }
}

void checkClass(double v, const std::string& where) {
  if (!(v >= 0 && v < kMaxClasses && v == std::floor(v))) {
    fail(where + ": " + numberText(v) + " is not a class; write an integer class from 0 to " + std::to_string(kMaxClasses - 1));
  }
}

// A point from its inputs and, for classes, the label or, for regression, the targets.
Point makePoint(std::vector<double> in, double label, std::vector<double> out) {
  Point p(in.empty() ? 0 : in[0], in.size() > 1 ? in[1] : 0, out.empty() ? label : out[0]);
  p.in = std::move(in);
  p.out = std::move(out);
  return p;
}

struct Line {
  int number = 0;
  std::string text;
};

// The lines that hold data or a header (blank lines and '#' comments left out), numbered from 1.
std::vector<Line> contentLines(const std::string& text) {
  std::vector<Line> out;
  int number = 0;
  for (std::size_t begin = 0; begin < text.size();) {
    const std::size_t newline = text.find('\n', begin);
    const std::size_t stop = newline == std::string::npos ? text.size() : newline;
    std::string line = text.substr(begin, stop - begin);
    begin = stop + 1;
    ++number;
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    out.push_back({number, std::move(line)});
  }
  return out;
}

// A CSV table: the first content line is the header.
PointTable csvTable(const std::vector<Line>& lines) {
  const Line& head = lines.front();
  const std::vector<std::string> names = cells(head.text);
  const std::string at = "line " + std::to_string(head.number);
  if (static_cast<long>(names.size()) > kMaxColumns) {
    fail(at + ": the header has " + std::to_string(names.size()) + " columns; at most " + std::to_string(kMaxColumns) +
         " (inputs and targets together) are allowed");
  }
  PointTable t;
  int labelColumn = -1;
  std::vector<int> inputColumns, targetColumns;
  for (std::size_t c = 0; c < names.size(); ++c) {
    const std::string name = trimmed(names[c]);
    const std::string where = at + ", column " + std::to_string(c + 1);
    if (name.empty()) fail(where + ": the column has no name; name every column in the header");
    if (isLabelName(name)) {
      if (labelColumn >= 0) fail(where + ": a second class column \"" + shortText(name) + "\"; give one column \"label\"");
      labelColumn = static_cast<int>(c);
    } else if (isTargetName(name)) {
      targetColumns.push_back(static_cast<int>(c));
      t.targetNames.push_back(name.substr(7));
    } else {
      inputColumns.push_back(static_cast<int>(c));
      t.inputNames.push_back(name);
    }
  }
  if (labelColumn >= 0 && !targetColumns.empty()) {
    fail(at + ": the header has both a class column \"label\" and regression targets \"target:...\"; use one kind");
  }
  if (labelColumn < 0 && targetColumns.empty()) {
    fail(at + ": the header names no target; call the class column \"label\" or write regression targets as "
              "\"target:<name>\" (e.g. x1,x2,target:price)");
  }
  if (inputColumns.empty()) fail(at + ": the header names no input column; every column that is not a target is an input");
  if (labelColumn >= 0) t.targetNames.push_back("label");
  if (static_cast<long>(lines.size()) - 1 > kMaxPoints) {
    fail(std::to_string(lines.size() - 1) + " rows exceed the limit of " + std::to_string(kMaxPoints) + " points");
  }

  auto value = [&](const std::vector<std::string>& row, int c, const std::string& lineAt) {
    const std::string cell = trimmed(row[static_cast<std::size_t>(c)]);
    const std::string where = lineAt + ", column " + std::to_string(c + 1) + " (" + shortText(trimmed(names[static_cast<std::size_t>(c)])) + ")";
    const std::string l = lower(cell);
    if (cell.empty() || l == "na" || l == "nan" || l == "?" || l == "null") {
      fail(where + ": the value is missing; every cell needs a number (fill it in or remove the row)");
    }
    double v = 0;
    if (!parseCsvNumber(cell, v)) fail(where + ": \"" + shortText(cell) + "\" is not a number; write a decimal number such as 2.5");
    if (c == labelColumn) checkClass(v, where);
    return v;
  };
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> row = cells(lines[i].text);
    const std::string lineAt = "line " + std::to_string(lines[i].number);
    if (row.size() != names.size()) {
      fail(lineAt + ": " + std::to_string(row.size()) + " values but the header names " + std::to_string(names.size()) +
           " columns; give one value per column");
    }
    std::vector<double> in, out;
    for (int c : inputColumns) in.push_back(value(row, c, lineAt));
    for (int c : targetColumns) out.push_back(value(row, c, lineAt));
    const double label = labelColumn >= 0 ? value(row, labelColumn, lineAt) : 0;
    t.points.push_back(makePoint(std::move(in), label, std::move(out)));
  }
  if (t.points.empty()) fail("the header has no rows under it; give at least one row of numbers");
  return t;
}

std::vector<double> numbers(const json& v, const std::string& where, const char* key) {
  std::vector<double> out;
  if (v.is_number()) {
    out.push_back(v.get<double>());
  } else if (v.is_array() && !v.empty() && v.size() <= static_cast<std::size_t>(kMaxColumns)) {
    for (std::size_t k = 0; k < v.size(); ++k) {
      if (!v[k].is_number()) fail(where + ".\"" + key + "\"[" + std::to_string(k) + "]: expected a number, got " + shortText(v[k].dump()));
      out.push_back(v[k].get<double>());
    }
  } else {
    fail(where + ": \"" + key + "\" must be a list of 1 to " + std::to_string(kMaxColumns) + " numbers");
  }
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (!std::isfinite(out[k])) fail(where + ".\"" + key + "\"[" + std::to_string(k) + "] is not finite");
  }
  return out;
}

// JSON table: [{"x": [..n..], "y": [..m..]}, ...] or [{"x": [..n..], "label": k}, ...].
PointTable jsonTable(const json& j) {
  PointTable t;
  bool classes = false;
  std::size_t n = 0, m = 0;
  if (j.size() > static_cast<std::size_t>(kMaxPoints)) {
    fail(std::to_string(j.size()) + " points exceed the limit of " + std::to_string(kMaxPoints));
  }
  for (std::size_t i = 0; i < j.size(); ++i) {
    const json& e = j[i];
    const std::string where = "points[" + std::to_string(i) + "]";
    if (!e.is_object() || !e.contains("x")) fail(where + ": expected {\"x\": [inputs], \"y\": [targets]} or {\"x\": [inputs], \"label\": k} like points[0]");
    for (auto it = e.begin(); it != e.end(); ++it) {
      if (it.key() != "x" && it.key() != "y" && it.key() != "label") fail(where + ": unknown key \"" + shortText(it.key()) + "\"; allowed: x, y, label");
    }
    if (e.contains("y") == e.contains("label")) fail(where + ": give either \"y\" (regression targets) or \"label\" (a class), not both or neither");
    std::vector<double> in = numbers(e["x"], where, "x");
    std::vector<double> out;
    double label = 0;
    if (e.contains("y")) {
      out = numbers(e["y"], where, "y");
    } else {
      if (!e["label"].is_number()) fail(where + ": \"label\" must be an integer class from 0 to " + std::to_string(kMaxClasses - 1));
      label = e["label"].get<double>();
      checkClass(label, where + ".\"label\"");
    }
    if (i == 0) {
      n = in.size();
      m = out.size();
      classes = e.contains("label");
      if (n + std::max<std::size_t>(m, 1) > static_cast<std::size_t>(kMaxColumns)) {
        fail(where + ": " + std::to_string(n + m) + " columns; at most " + std::to_string(kMaxColumns) + " are allowed");
      }
    } else if (in.size() != n || out.size() != m || classes != e.contains("label")) {
      fail(where + ": " + std::to_string(in.size()) + " inputs and " + (e.contains("label") ? std::string("a label") : std::to_string(out.size()) + " targets") +
           " but points[0] has " + std::to_string(n) + " and " + (classes ? std::string("a label") : std::to_string(m)) + "; every point needs the same columns");
    }
    t.points.push_back(makePoint(std::move(in), label, std::move(out)));
  }
  for (std::size_t k = 0; k < n; ++k) t.inputNames.push_back("x" + std::to_string(k + 1));
  if (classes) t.targetNames.push_back("label");
  for (std::size_t k = 0; k < m; ++k) t.targetNames.push_back("y" + std::to_string(k + 1));
  return t;
}

// A cell that reads as a number, even one the points refuse (nan, inf, 1e400): such a line is data, not a header.
bool numberLike(const std::string& cell) {
  const std::string t = trimmed(cell);
  if (t.empty()) return false;
  char* stop = nullptr;
  std::strtod(t.c_str(), &stop);
  return stop == t.c_str() + t.size();
}

bool isHeader(const std::string& line) {
  for (const std::string& cell : cells(line)) {
    if (!numberLike(cell)) return true;
  }
  return false;
}

// Whether a CSV's first content line is a table header (not the 2-D form's optional x,y,label header).
bool isTableHeader(const std::string& line) {
  const std::vector<std::string> f = cells(line);
  if (!isHeader(line)) return false;
  if (f.size() != 3) return true;
  return isTargetName(trimmed(f[0])) || isTargetName(trimmed(f[1])) || isTargetName(trimmed(f[2])) ||
         isLabelName(trimmed(f[0])) || isLabelName(trimmed(f[1]));
}

// The deepest nesting of [ and { outside strings: nlohmann's parser recurses once per level, so a deep
// text would overflow the stack (natively and in WebAssembly) before any message could be made.
constexpr int kMaxPointsDepth = 16;  // a table point is [{"x": [..]}]: 3 levels

}  // namespace

PointTable parsePointTable(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '[') {
    if (jsonNestingDepth(text, kMaxPointsDepth) > kMaxPointsDepth) {  // the flat scan of core/bounded_json
      fail("the JSON is nested more than " + std::to_string(kMaxPointsDepth) +
           " levels deep; points are [[x, y, label], ...] or [{\"x\": [..], \"y\": [..]}, ...]");
    }
    json j;
    try {
      j = json::parse(text);
    } catch (const json::parse_error&) {
      j = nullptr;  // parsePoints reports the syntax error
    }
    if (j.is_array() && !j.empty() && j[0].is_object() && j[0].contains("x") && !j[0]["x"].is_number()) return jsonTable(j);
  } else if (first != std::string::npos && text[first] != '{') {
    const std::vector<Line> lines = contentLines(text);
    if (!lines.empty() && isTableHeader(lines.front().text)) return csvTable(lines);
    if (!lines.empty() && !isHeader(lines.front().text) && cells(lines.front().text).size() != 3) {
      fail("line " + std::to_string(lines.front().number) + ": " + std::to_string(cells(lines.front().text).size()) +
           " values; a table needs a header line naming its columns (e.g. a,b,c,label or a,b,target:y), "
           "2-D points are x,y,label");
    }
  }
  PointTable t;
  t.points = parsePoints(text);
  return t;
}

std::string tableCsv(const std::vector<Point>& points, const std::vector<std::string>& inputNames,
                     const std::vector<std::string>& targetNames) {
  const bool classes = targetNames.size() == 1 && targetNames.front() == "label" && (points.empty() || points.front().out.empty());
  std::string out;
  for (const std::string& name : inputNames) out += name + ",";
  for (const std::string& name : targetNames) out += (classes ? name : "target:" + name) + ",";
  out.back() = '\n';
  char buf[32];
  auto add = [&](double v) {
    std::snprintf(buf, sizeof buf, "%.17g,", v);
    out += buf;
  };
  for (const Point& p : points) {
    for (double v : p.in) add(v);
    if (classes) add(p.label);
    for (double v : p.out) add(v);
    out.back() = '\n';
  }
  return out;
}

PointTable builtinTable(const std::string& name) {
  const char* text = builtinTableText(name);
  if (!text) throw ConfigError("config: \"dataset.name\" \"" + name + "\" is not a built-in table; allowed: \"iris\", \"linnerud\"");
  PointTable t = parsePointTable(text);
  // Standardised columns (mean 0, standard deviation 1), so the network's default scales fit every
  // column: inputs always, regression targets too.
  const std::size_t n = t.points.size();
  auto standardise = [&](std::vector<double> Point::*member, std::size_t columns) {
    for (std::size_t c = 0; c < columns; ++c) {
      double mean = 0, sq = 0;
      for (const Point& p : t.points) mean += (p.*member)[c];
      mean /= static_cast<double>(n);
      for (const Point& p : t.points) sq += ((p.*member)[c] - mean) * ((p.*member)[c] - mean);
      const double sd = std::sqrt(sq / static_cast<double>(n));
      for (Point& p : t.points) (p.*member)[c] = ((p.*member)[c] - mean) / sd;
    }
  };
  standardise(&Point::in, t.inputNames.size());
  if (!t.points.front().out.empty()) standardise(&Point::out, t.points.front().out.size());
  for (Point& p : t.points) p = makePoint(std::move(p.in), p.label, std::move(p.out));
  return t;
}

}  // namespace mc::nn
