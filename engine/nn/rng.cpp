#include "nn/rng.hpp"

#include "nn/portable_math.hpp"

#include <cmath>
#include <utility>

namespace mc::nn {

namespace {
std::uint64_t splitMix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

void Rng::reseed(std::uint64_t seed) {
  std::uint64_t x = seed;
  for (auto& word : s_) word = splitMix64(x);  // never all zero
  hasSpare_ = false;
  spare_ = 0;
}

std::uint64_t Rng::next() {  // xoshiro256** (Blackman and Vigna)
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

double Rng::normal(double mean, double sd) {
  if (hasSpare_) {
    hasSpare_ = false;
    return mean + sd * spare_;
  }
  double u = 0, v = 0, s = 0;
  do {  // a point uniform in the unit disc, not at its centre
    u = uniform(-1, 1);
    v = uniform(-1, 1);
    s = u * u + v * v;
  } while (s >= 1 || s == 0);
  const double f = std::sqrt(-2 * portableLog(s) / s);  // sqrt is exactly rounded everywhere
  spare_ = v * f;
  hasSpare_ = true;
  return mean + sd * u * f;
}

std::uint64_t Rng::below(std::uint64_t n) {
  // Reject the top partial block so every residue is equally likely.
  const std::uint64_t threshold = (0 - n) % n;
  for (;;) {
    const std::uint64_t r = next();
    if (r >= threshold) return r % n;
  }
}

void Rng::shuffle(std::vector<int>& items) {
  for (std::size_t i = items.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(below(i));
    std::swap(items[i - 1], items[j]);
  }
}

Rng::State Rng::state() const { return {{s_[0], s_[1], s_[2], s_[3]}, hasSpare_, spare_}; }

void Rng::setState(const State& state) {
  for (int i = 0; i < 4; ++i) s_[i] = state.s[i];
  hasSpare_ = state.hasSpare;
  spare_ = state.spare;
}

}  // namespace mc::nn
