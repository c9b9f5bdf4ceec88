#pragma once
// SHA-256 (FIPS 180-4), self-contained so that tidings::ingest needs no
// crypto library. Used for content hashes, not for security.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tidings::ingest {

// Incremental SHA-256. Not thread-safe; cheap to construct.
class Sha256 {
 public:
  Sha256();
  // Feeds more bytes. Must not be called after Finish().
  void Update(std::string_view data);
  // Returns the 32-byte digest. Call once.
  std::array<std::uint8_t, 32> Finish();

 private:
  void Block(const std::uint8_t* p);

  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buf_{};
  std::size_t buf_len_ = 0;
  std::uint64_t total_bytes_ = 0;
};

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);

}  // namespace tidings::ingest
