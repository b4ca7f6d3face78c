#pragma once
// The engine's own random generator: xoshiro256** seeded through splitmix64, with the uniform and normal
// transforms written out here. The standard library's distributions differ between libstdc++ (native)
// and libc++ (Emscripten); these give bit-identical streams on every platform.
#include <cstdint>
#include <vector>

namespace mc::nn {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 1) { reseed(seed); }
  void reseed(std::uint64_t seed);

  std::uint64_t next();                    // 64 random bits
  double uniform();                        // [0, 1), 53 random bits
  double uniform(double lo, double hi);    // [lo, hi)
  double normal(double mean = 0, double sd = 1);  // Marsaglia's polar method, portable log
  std::uint64_t below(std::uint64_t n);    // an integer in [0, n), unbiased; n > 0
  void shuffle(std::vector<int>& items);   // Fisher-Yates

  // The full state, for saving a model mid-run and continuing identically.
  struct State {
    std::uint64_t s[4];
    bool hasSpare;
    double spare;
  };
  State state() const;
  void setState(const State& state);

 private:
  std::uint64_t s_[4] = {};
  bool hasSpare_ = false;  // the polar method makes normals in pairs
  double spare_ = 0;
};

}  // namespace mc::nn
