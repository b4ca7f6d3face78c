#pragma once
// The functions the language knows, with their number of arguments (one table for parser, compiler,
// messages and the page's help). Made from the op rows that name a function in the language
// (OpInfo::function: exp, relu, dot, ...), plus the language's own functions composed of ops.
#include "ops/op.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mc::expr {

struct FunctionInfo {
  std::string name;
  int arity = 1;
  std::string summary;        // one line for the help
  const OpInfo* op = nullptr;  // the op a call records; nullptr for a function composed of ops
};

const std::vector<FunctionInfo>& functions();             // alphabetical
const FunctionInfo* findFunction(std::string_view name);  // nullptr if there is none
std::string functionNames();                             // "abs, cos, ..." for messages

// Names that cannot be declared or defined: the functions and the constant pi.
bool isReserved(std::string_view name);

}  // namespace mc::expr
