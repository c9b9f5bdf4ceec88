// Issue 11, item 9: texts with nothing to read were accepted, and the text
// size limit was checked only before normalisation (which can triple it).
#include <gtest/gtest.h>

#include <string>

#include "ingest/normalize.h"
#include "ingest/validate.h"

namespace tidings::ingest {
namespace {

v1::Document Article(std::string text) {
  v1::Document d;
  d.set_id("a-1");
  d.set_kind("article");
  d.set_text(std::move(text));
  return d;
}

TEST(HasVisibleCharacter, OnlyInvisibleCharactersAreNotText) {
  EXPECT_FALSE(HasVisibleCharacter(""));
  EXPECT_FALSE(HasVisibleCharacter(std::string("\0\0\0", 3)));
  EXPECT_FALSE(HasVisibleCharacter("\x01\x1b\x7f\xc2\x85\xc2\x9f"));                 // C0, DEL, C1
  EXPECT_FALSE(HasVisibleCharacter("\u200b\u200c\u200d\u2060\ufeff\u200e\u202e"));  // Cf
  EXPECT_FALSE(HasVisibleCharacter("\u00a0\u3000\u2028 \t\n"));                      // white space
  EXPECT_FALSE(HasVisibleCharacter("\u3164\u115f\ufe0f"));  // Hangul fillers, variation selector
  EXPECT_TRUE(HasVisibleCharacter("a"));
  EXPECT_TRUE(HasVisibleCharacter(std::string("\0.\0", 3)));
  EXPECT_TRUE(HasVisibleCharacter("\u200b\u0301"));  // a combining mark is drawn
  EXPECT_TRUE(HasVisibleCharacter("\U0001F600"));
  EXPECT_TRUE(HasVisibleCharacter("\u062f"));
}

TEST(ValidateText, InvisibleOnlyTextIsEmptyText) {
  for (std::string text : {std::string("\0\0", 2), std::string("\x01\x02\x7f"), std::string("\u200b\u200d\ufeff"),
                           std::string(" \0\n\u200b\t\x07 \u00a0", 13)}) {
    auto d = Article(text);
    Status s = ValidateDocument(d, Limits{});
    EXPECT_EQ(s.code(), ErrorCode::kEmptyText) << s.ToString();
  }
  // Bytes that are not UTF-8 are refused as such before any of this.
  auto not_utf8 = Article("\xff");
  EXPECT_EQ(ValidateDocument(not_utf8, Limits{}).code(), ErrorCode::kInvalidUtf8);
  auto with_nul = Article(std::string("Aleppo\0 fell.", 13));
  EXPECT_TRUE(ValidateDocument(with_nul, Limits{}).ok());
}

TEST(ValidateText, TheLimitHoldsAfterNormalisation) {
  Limits limits;
  limits.max_text_bytes = 400;
  // U+1D160 (4 bytes) is NFC U+1D158 U+1D165 U+1D16E (12 bytes).
  std::string grows;
  for (int i = 0; i < 100; ++i) grows += "\U0001D160";
  ASSERT_EQ(grows.size(), 400u);
  auto d = Article(grows);
  Status s = ValidateDocument(d, limits);
  EXPECT_EQ(s.code(), ErrorCode::kTooLarge) << s.ToString();
  EXPECT_NE(s.message().find("after normalisation"), std::string::npos) << s.message();

  // The limit is on the text stored: one that normalisation shortens to fit
  // is taken, but a raw text over kMaxRawTextFactor times the limit is
  // refused before normalising, so the work per record stays bounded.
  limits.max_text_bytes = 100;
  auto shrinks = Article(std::string(200, '\r') + "x");
  EXPECT_TRUE(ValidateDocument(shrinks, limits).ok());
  auto huge = Article(std::string(100 * kMaxRawTextFactor + 1, '\r') + "x");
  EXPECT_EQ(ValidateDocument(huge, limits).code(), ErrorCode::kTooLarge);
  auto fits = Article(std::string(99, 'x'));
  EXPECT_TRUE(ValidateDocument(fits, limits).ok());
}

}  // namespace
}  // namespace tidings::ingest
