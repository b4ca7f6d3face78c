#include "expr/lexer.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace mc::expr {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isNameChar(char c) { return isNameStart(c) || isDigit(c); }

std::string characterName(const std::string& text, int i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c >= 0x21 && c < 0x7F) return std::string("'") + text[i] + "'";
  char buf[24];
  std::snprintf(buf, sizeof buf, "byte 0x%02X", static_cast<unsigned>(c));
  return buf;
}

Tok single(char c) {
  switch (c) {
    case '+': return Tok::Plus;
    case '-': return Tok::Minus;
    case '*': return Tok::Star;
    case '/': return Tok::Slash;
    case '^': return Tok::Caret;
    case '@': return Tok::At;
    case '>': return Tok::Greater;
    case '<': return Tok::Less;
    case '\'': return Tok::Quote;
    case '.': return Tok::Dot;
    case '(': return Tok::LParen;
    case ')': return Tok::RParen;
    case '[': return Tok::LBracket;
    case ']': return Tok::RBracket;
    case ',': return Tok::Comma;
    case ':': return Tok::Colon;
    case '=': return Tok::Equals;
    case ';': return Tok::Semicolon;
    default: return Tok::End;  // not a one-character token
  }
}

}  // namespace

std::vector<Token> tokenize(const SourceText& source) {
  const std::string& s = source.text();
  const int n = source.size();
  std::vector<Token> out;
  int depth = 0;  // open ( and [: new lines inside them are white space
  int i = 0;
  while (i < n) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
    } else if (c == '#') {  // a comment runs to the end of the line
      while (i < n && s[i] != '\n') ++i;
    } else if (c == '\n') {
      if (depth == 0 && !out.empty() && out.back().kind != Tok::Newline) out.push_back({Tok::Newline, i, i + 1});
      ++i;
    } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(s[i + 1]))) {
      const int start = i;
      while (i < n && isDigit(s[i])) ++i;
      if (i + 1 < n && s[i] == '.' && isDigit(s[i + 1])) {
        ++i;
        while (i < n && isDigit(s[i])) ++i;
      } else if (i < n && s[i] == '.' && (i + 1 >= n || !isNameStart(s[i + 1]))) {
        ++i;  // "2." is a number; "2.x" is 2 dot x
      }
      if (i < n && (s[i] == 'e' || s[i] == 'E')) {  // an exponent only when digits follow
        int j = i + 1;
        if (j < n && (s[j] == '+' || s[j] == '-')) ++j;
        if (j < n && isDigit(s[j])) {
          i = j;
          while (i < n && isDigit(s[i])) ++i;
        }
      }
      const std::string text = s.substr(start, i - start);
      errno = 0;
      const double value = std::strtod(text.c_str(), nullptr);
      if (!std::isfinite(value) || (errno == ERANGE && value != 0)) {
        source.fail(start, "number out of range: " + text);
      }
      out.push_back({Tok::Number, start, i, value});
    } else if (isNameStart(c)) {
      const int start = i;
      while (i < n && isNameChar(s[i])) ++i;
      out.push_back({Tok::Name, start, i});
    } else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < n && static_cast<unsigned char>(s[i + 1]) == 0xB7) {
      out.push_back({Tok::Dot, i, i + 2});  // the middle dot, w · x
      i += 2;
    } else {
      const Tok kind = single(c);
      if (c == '|') {
        source.fail(i, "'|' is not in the language: for ||v|| write sqrt(sum(v^2)) (sum(v^2) for ||v||^2), for |x| write abs(x)");
      }
      if (kind == Tok::End) source.fail(i, "unexpected character " + characterName(s, i));
      if (kind == Tok::LParen || kind == Tok::LBracket) ++depth;
      if ((kind == Tok::RParen || kind == Tok::RBracket) && depth > 0) --depth;
      out.push_back({kind, i, i + 1});
      ++i;
    }
  }
  out.push_back({Tok::End, n, n});
  return out;
}

std::string describe(const Token& token, const SourceText& source) {
  switch (token.kind) {
    case Tok::End: return "end of input";
    case Tok::Newline: return "a new line";
    case Tok::Number: return "number " + source.slice({token.begin, token.end});
    default: return "'" + source.slice({token.begin, token.end}) + "'";
  }
}

}  // namespace mc::expr
