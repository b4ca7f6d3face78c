#include "symbolic_support.hpp"

using namespace mc;
using namespace mc::test;

TEST_CASE("smoke", "[symbolic]") {
  for (auto [src, wrt] : std::vector<std::pair<std::string, std::string>>{
           {"x: vec(3)\nA: mat(3,3)\nx' @ A @ x", "x"},
           {"x: vec(3)\nA: mat(4,3)\nb: vec(4)\nsum((A @ x - b)^2)", "x"},
           {"w: vec(3)\nx: vec(3)\nb: scalar\nrelu(w . x + b)", "w"},
           {"X: mat(5,3)\nw: vec(3)\nb: scalar\ny: vec(5)\nz = X @ w + b\nmean((relu(z) - y)^2)", "w"},
           {"W: mat(2,3)\nx: vec(3)\nb: vec(2)\nsigmoid(W @ x + b)", "x"},
           {"x: scalar\n[ln(x^2), sin(3x)]", "x"},
       }) {
    auto d = diffOf(src, wrt);
    const sym::Check c = sym::verify(*d.tape, d.output, d.wrt, d.derivation, d.names, 3, 7);
    INFO(src << "\n=> " << sym::text(d.derivation.derivative) << "\n   " << sym::latex(d.derivation.derivative) << "\n   check "
              << c.maxRelError << " " << c.maxRelErrorNumeric << " " << c.note);
    for (auto& s : d.derivation.steps) INFO(s.rule << ": " << s.text);
    CHECK(c.passed);
    WARN(src << "\n=> " << sym::text(d.derivation.derivative) << "\n   " << sym::latex(d.derivation.derivative));
  }
}
