#include "base/sha256.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace tidings::base {
namespace {

// FIPS 180-4 test vectors (the ones the hand-written ingest SHA-256 was
// tested with before OpenSSL replaced it).
TEST(Sha256, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Incremental updates across block boundaries give the same digest.
  Sha256 sha;
  std::string msg(200, 'x');
  for (std::size_t i = 0; i < msg.size(); i += 7) sha.Update(std::string_view(msg).substr(i, 7));
  EXPECT_EQ(ToHex(sha.Finish()), Sha256Hex(msg));
}

TEST(Sha256, MovedHasherKeepsItsState) {
  Sha256 a;
  a.Update("ab");
  Sha256 b = std::move(a);
  b.Update("c");
  EXPECT_EQ(ToHex(b.Finish()), Sha256Hex("abc"));
}

TEST(Sha256, OfFile) {
  const auto path = std::filesystem::temp_directory_path() / "tidings_sha_test.txt";
  { std::FILE* f = std::fopen(path.c_str(), "wb"); std::fputs("abc", f); std::fclose(f); }
  auto h = Sha256File(path.string());
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(*h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::filesystem::remove(path);
  auto missing = Sha256File(path.string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kIo);
  EXPECT_NE(missing.status().message().find(path.string()), std::string::npos);
}

}  // namespace
}  // namespace tidings::base
