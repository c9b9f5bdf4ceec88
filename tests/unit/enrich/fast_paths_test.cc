// The speed-oriented internals agree with the straightforward definitions:
// the sparse CodePointIndex with a full decode, TokenKeyViews with TokenKeys.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "enrich/kb.h"
#include "enrich/text.h"

namespace tidings::enrich {
namespace {

std::string RandomText(std::mt19937* rng, bool valid) {
  static const std::vector<std::string> kPieces = {
      "a", "B", " ", "\xe2\x80\x9c", "\xc3\xa9", "\xc3\x89", "\xf0\x9f\x98\x80", "U.S.", "Mr.",
      "3.5", "9/11", "\xe2\x80\x99s", "-", "\n", "Assad", "abcdefghijklmnopqrstuvwxyz0123456789",
      "\xe2\x80\x94", "'"};
  static const std::vector<std::string> kInvalid = {"\xff", "\x80", "\xc3", "\xe2\x80"};
  std::string s;
  const int len = static_cast<int>((*rng)() % 120);
  for (int k = 0; k < len; ++k) {
    if (!valid && (*rng)() % 8 == 0) {
      s += kInvalid[(*rng)() % kInvalid.size()];
    } else {
      s += kPieces[(*rng)() % kPieces.size()];
    }
  }
  return s;
}

TEST(FastPaths, SparseCodePointIndexMatchesFullDecode) {
  std::mt19937 rng(1);
  for (int iter = 0; iter < 3000; ++iter) {
    const std::string s = RandomText(&rng, iter % 2 == 0);
    std::vector<uint32_t> cp_of_byte(s.size() + 1);
    std::vector<size_t> byte_of_cp;
    size_t i = 0;
    uint32_t cp = 0;
    while (i < s.size()) {
      const size_t start = i;
      DecodeUtf8(s, &i);
      for (size_t b = start; b < i; ++b) cp_of_byte[b] = cp;
      byte_of_cp.push_back(start);
      ++cp;
    }
    CodePointIndex idx(s);
    ASSERT_EQ(idx.size(), cp) << s;
    for (size_t b = 0; b <= s.size() + 1; ++b) {
      ASSERT_EQ(idx.ToCodePoint(b), b >= s.size() ? cp : cp_of_byte[b]) << s << " byte " << b;
    }
    for (uint32_t c = 0; c <= cp + 1; ++c) {
      ASSERT_EQ(idx.ToByte(c), c >= cp ? s.size() : byte_of_cp[c]) << s << " cp " << c;
    }
  }
}

TEST(FastPaths, KeyViewsEqualTokenKeys) {
  std::mt19937 rng(2);
  std::string storage;
  for (int iter = 0; iter < 3000; ++iter) {
    const std::string s = RandomText(&rng, true);
    const auto tokens = Tokenize(s);
    const auto keys = TokenKeys(s, tokens);
    const KeyViews views = TokenKeyViews(s, tokens, &storage);
    ASSERT_EQ(views.size(), keys.size());
    for (size_t k = 0; k < keys.size(); ++k) ASSERT_EQ(views[k], keys[k]) << s;
  }
}

}  // namespace
}  // namespace tidings::enrich
