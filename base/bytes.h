#pragma once
// Unsigned integers as big-endian bytes: the form that sorts like the number
// in RocksDB keys (the store's offsets and index times, the enricher's
// state-store keys).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tidings::base {

// Appends the low `bytes` bytes of v (at most 8), most significant first.
inline void AppendBigEndian(std::string& out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// The number in the first `bytes` bytes of s (fewer if s is shorter).
inline uint64_t ReadBigEndian(std::string_view s, int bytes) {
  uint64_t v = 0;
  const size_t n = std::min(static_cast<size_t>(bytes), s.size());
  for (size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(s[i]);
  return v;
}

}  // namespace tidings::base
