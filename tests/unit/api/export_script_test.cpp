// The exported PyTorch and NumPy scripts, run by Debian's python3 (python3-torch, python3-numpy: installed
// by scripts/setup.sh): each recomputes the loss, every gradient and one optimiser step from the weights
// and data it carries, and its numbers must equal the engine's to 1e-9.
#include "api/session.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>

using mc::api::Session;

namespace {

// Runs the script; returns its output (the last line reads "max |engine - <framework>| = <d> over <n> numbers").
std::string runPython(const std::string& script, const std::string& name) {
  const std::string path = std::string(MC_SOURCE_DIR) + "/build/export_" + name + ".py";
  std::ofstream(path) << script;
  std::string out;
  FILE* pipe = popen(("/usr/bin/python3 " + path + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[512];
  while (std::fgets(buf, sizeof buf, pipe)) out += buf;
  const int status = pclose(pipe);
  CAPTURE(out);
  REQUIRE(status == 0);
  std::remove(path.c_str());
  return out;
}

double maxDifference(const std::string& out) {
  const auto at = out.rfind("| = ");
  REQUIRE(at != std::string::npos);
  return std::stod(out.substr(at + 4));
}

void checkBoth(Session& s, const std::string& name) {
  for (const char* framework : {"pytorch", "numpy"}) {
    CAPTURE(name, framework);
    const std::string out = runPython(s.exportScript(framework), name + "_" + framework);
    CAPTURE(out);
    CHECK(maxDifference(out) < 1e-9);
    CHECK(out.find("over ") != std::string::npos);
  }
}

}  // namespace

TEST_CASE("exported scripts reproduce Mazur's network: loss, gradients and one SGD step to 1e-9", "[api][export][python]") {
  Session s(R"({"layers":[2,2,2],"activation":"sigmoid","output":"sigmoid","loss":"mse","optimizer":{"name":"sgd","lr":0.5},
      "dataset":{"name":"custom","train_fraction":1,"points":[{"x":[0.05,0.10],"y":[0.01,0.99]}]}})");
  checkBoth(s, "mazur");
}

TEST_CASE("exported scripts reproduce adam on iris with softmax and L2, after three steps", "[api][export][python]") {
  Session s(R"({"layers":[4,5,3],"activation":"tanh","optimizer":{"name":"adam","lr":0.01},
      "regularization":{"kind":"l2","rate":0.01},"dataset":{"name":"iris","seed":2}})");
  s.step("batch", 3);
  checkBoth(s, "iris_adam");
}

TEST_CASE("exported scripts reproduce momentum with bce, leaky relu and L1 on 2-D features", "[api][export][python]") {
  Session s(R"({"layers":[3,4,1],"activation":"leaky_relu","features":["x","y","xy"],"optimizer":{"name":"momentum","lr":0.05},
      "regularization":{"kind":"l1","rate":0.001},"dataset":{"name":"xor","n":30,"seed":4}})");
  s.step("batch", 2);
  checkBoth(s, "xor_momentum");
}

TEST_CASE("exported scripts reproduce multi-output regression (linnerud) with sgd", "[api][export][python]") {
  Session s(R"({"layers":[3,4,3],"activation":"relu","output":"linear","optimizer":{"name":"sgd","lr":0.1},"dataset":{"name":"linnerud"}})");
  checkBoth(s, "linnerud");
}
