#pragma once
// Helpers for the closed-form tests: differentiate a program and compare the closed form with an
// expected text or with an independently written formula evaluated at random points.
#include "symbolic/eval.hpp"
#include "symbolic/print.hpp"
#include "symbolic/program.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace mc::test {

inline sym::ProgramDerivative diffOf(const std::string& source, const std::string& wrt) {
  return sym::deriveProgram(source, wrt);
}

inline std::string closedText(const std::string& source, const std::string& wrt) {
  return sym::text(diffOf(source, wrt).derivation.derivative);
}

}  // namespace mc::test
