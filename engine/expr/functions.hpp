#pragma once
// The functions the language knows, with their number of arguments (one table for parser and compiler).
#include <string>
#include <string_view>

namespace mc::expr {

struct FunctionInfo {
  const char* name;
  int arity;
};

const FunctionInfo* findFunction(std::string_view name);  // nullptr if there is none
std::string functionNames();                             // "abs, cos, ..." for messages

// Names that cannot be declared or defined: the functions and the constant pi.
bool isReserved(std::string_view name);

}  // namespace mc::expr
