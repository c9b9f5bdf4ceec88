#pragma once
// Feature hashing for the linear models of enrich/learn: a feature is a
// template id and a value (a string or the hash of earlier parts), hashed to
// 64 bits and reduced to a bucket of the model's weight table.
//
// The functions are pure and the same on every platform and build: a model
// file trained on one machine scores identically on another. Changing any of
// them changes every feature and so requires a new model format version
// (learn::kFormatVersion).

#include <cstdint>
#include <string_view>

namespace tidings::enrich::learn {

// 64-bit FNV-1a over the bytes of `s`, then a final avalanche.
inline uint64_t HashBytes(std::string_view s, uint64_t seed = 0xCBF29CE484222325ull) {
  uint64_t h = seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001B3ull;
  }
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h;
}

// Combines two hashes (order matters): the feature (a, b).
inline uint64_t HashMix(uint64_t a, uint64_t b) {
  uint64_t h = a ^ (b + 0x9E3779B97F4A7C15ull + (a << 6) + (a >> 2));
  h ^= h >> 31;
  h *= 0x94D049BB133111EBull;
  h ^= h >> 29;
  return h;
}

// The feature of template `tmpl` with the value hash `v`.
inline uint64_t Feature(uint32_t tmpl, uint64_t v) { return HashMix(0x51ED270B27E9ull + tmpl, v); }
inline uint64_t Feature(uint32_t tmpl, std::string_view s) { return Feature(tmpl, HashBytes(s)); }
inline uint64_t Feature(uint32_t tmpl, uint64_t v1, uint64_t v2) {
  return Feature(tmpl, HashMix(v1, v2));
}

}  // namespace tidings::enrich::learn
