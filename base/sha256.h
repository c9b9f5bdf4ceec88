#pragma once
// SHA-256 through OpenSSL's EVP interface: content hashes (ingest), training
// data provenance (enrich/learn). Not used for security.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "runtime/status.h"

namespace tidings::base {

// Incremental SHA-256. Not thread-safe: one per thread or per use; cheap
// to construct. Movable, not copyable.
class Sha256 {
 public:
  using Digest = std::array<std::uint8_t, 32>;

  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  // Feeds more bytes. Must not be called after Finish().
  void Update(std::string_view data);
  // Returns the 32-byte digest. Call once.
  Digest Finish();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

// Lower-case hex of `digest` (64 characters).
std::string ToHex(const Sha256::Digest& digest);

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);

// Lower-case hex SHA-256 of a file's bytes, streamed. kIo naming the path
// when it cannot be read.
[[nodiscard]] Result<std::string> Sha256File(const std::string& path);

}  // namespace tidings::base
