#pragma once
// Tokens of the expression language (see parser.hpp for the grammar). New lines end statements only
// outside brackets: inside ( ) and [ ] they are white space, so long literals may span lines.
#include "expr/source.hpp"

#include <string>
#include <vector>

namespace mc::expr {

enum class Tok {
  Number, Name,
  Plus, Minus, Star, Slash, Caret, At, Quote, Dot,  // + - * / ^ @ ' . (or the middle dot U+00B7)
  Greater, Less,                                   // > <
  LParen, RParen, LBracket, RBracket, Comma, Colon, Equals, Semicolon,
  Newline, End
};

struct Token {
  Tok kind = Tok::End;
  int begin = 0;
  int end = 0;
  double number = 0;  // Number only
};

// Throws ExprError on a character outside the language or a number that does not fit a double.
std::vector<Token> tokenize(const SourceText& source);

// How a message names a token: "')'", "'sin'", "number 3", "a new line", "end of input".
std::string describe(const Token& token, const SourceText& source);

}  // namespace mc::expr
