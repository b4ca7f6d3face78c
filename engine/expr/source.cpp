#include "expr/source.hpp"

#include <algorithm>

namespace mc::expr {

namespace {
bool isContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
}  // namespace

SourceText::SourceText(std::string text) : text_(std::move(text)) {
  // A trailing newline does not make a one-line program multi-line.
  const auto last = text_.find_last_not_of("\r\n \t");
  multiLine_ = last != std::string::npos && text_.find('\n') < last;
}

int SourceText::line(int offset) const {
  offset = std::clamp(offset, 0, size());
  return 1 + static_cast<int>(std::count(text_.begin(), text_.begin() + offset, '\n'));
}

int SourceText::column(int offset) const {
  offset = std::clamp(offset, 0, size());
  int start = offset;
  while (start > 0 && text_[start - 1] != '\n') --start;
  int column = 1;
  for (int i = start; i < offset; ++i) {
    if (!isContinuation(text_[i])) ++column;
  }
  return column;
}

std::string SourceText::at(int offset) const {
  if (!multiLine_) return std::to_string(column(offset));
  return std::to_string(line(offset)) + ":" + std::to_string(column(offset));
}

std::string SourceText::slice(Span s) const {
  const int b = std::clamp(s.begin, 0, size()), e = std::clamp(s.end, b, size());
  return text_.substr(b, e - b);
}

std::string SourceText::excerpt(Span s) const {
  std::string out;
  bool space = false;
  for (char c : slice(s)) {  // runs of white space (new lines included) become one space
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  constexpr std::size_t kMax = 40;
  if (out.size() > kMax) {
    std::size_t cut = kMax - 3;
    while (cut > 0 && isContinuation(out[cut])) --cut;  // never split a character
    out = out.substr(0, cut) + "...";
  }
  return out;
}

void SourceText::fail(int offset, const std::string& what) const {
  throw ExprError("at " + at(offset) + ": " + what, offset);
}

}  // namespace mc::expr
