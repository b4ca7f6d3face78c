#pragma once
// The program text and positions in it. Offsets are 0-based bytes; messages show a position as "at 7"
// (1-based column) when the text is one line, and "at 2:7" (line:column) when it has several. Columns
// count characters (UTF-8 code points), not bytes.
#include <stdexcept>
#include <string>

namespace mc::expr {

struct Span {
  int begin = 0;  // first byte
  int end = 0;    // one past the last byte
};

// A bad program: the message names the position and what is wrong there; offset is where (bytes).
struct ExprError : std::invalid_argument {
  ExprError(const std::string& message, int at) : std::invalid_argument(message), offset(at) {}
  int offset;
};

class SourceText {
 public:
  explicit SourceText(std::string text);

  const std::string& text() const { return text_; }
  int size() const { return static_cast<int>(text_.size()); }
  int line(int offset) const;    // 1-based
  int column(int offset) const;  // 1-based, in characters
  std::string at(int offset) const;  // "7" or "2:7"
  std::string slice(Span s) const;
  std::string excerpt(Span s) const;  // slice on one line, shortened to about 40 characters

  // Throws ExprError("at <pos>: what", offset).
  [[noreturn]] void fail(int offset, const std::string& what) const;

 private:
  std::string text_;
  bool multiLine_ = false;
};

}  // namespace mc::expr
