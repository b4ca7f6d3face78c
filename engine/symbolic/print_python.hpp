#pragma once
// A closed form as Python (NumPy or PyTorch), and the snippets the calculator offers to copy: a NumPy
// function giving the value and the gradient with shape asserts and a finite-difference check, and a
// PyTorch script that checks the closed form against autograd. Every array is 2-D (a vector is n x 1).
#include "symbolic/derive.hpp"

#include <string>
#include <utility>
#include <vector>

namespace mc::sym {

enum class Python { NumPy, Torch };

std::string python(const Expr& e, Python lib);

struct Variable {
  std::string name;
  Index rows, cols;
};

// variables: the program's, in order; wrt: the one differentiated by.
std::string numpySnippet(const Derivation& d, const std::vector<Variable>& variables, const std::string& wrt);
std::string torchSnippet(const Derivation& d, const std::vector<Variable>& variables, const std::string& wrt);

}  // namespace mc::sym
