// The demo generators' random numbers: our own splitmix64 and integer draws
// only, so the same seed gives the same data on every platform and compiler
// (std:: distributions are implementation-defined).
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace meihao::domain::setup {

class DemoRandom {
 public:
  explicit DemoRandom(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // 0 … n−1; the modulo bias is below 1e-15 for these small n.
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  // lo … hi, both included.
  int64_t Between(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(Below(static_cast<size_t>(hi - lo + 1))); }
  bool Percent(int p) { return Below(100) < static_cast<size_t>(p); }
  // Index into a list skewed towards the front: min of two draws.
  size_t Skewed(size_t n) { return std::min(Below(n), Below(n)); }
  template <typename T> const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }

 private:
  uint64_t s_;
};

}  // namespace meihao::domain::setup
