#include "ingest/normalize.h"

#include <gtest/gtest.h>

#include "ingest/utf8.h"

namespace tidings::ingest {
namespace {

std::string Norm(std::string_view s) {
  auto r = NormalizeText(s);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value() : "";
}

TEST(Normalize, LineEndings) {
  EXPECT_EQ(Norm("a\r\nb\rc\n"), "a\nb\nc");
  EXPECT_EQ(Norm("a\r\r\nb"), "a\n\nb");
}

TEST(Normalize, TrailingWhiteSpaceTrimmedLeadingKept) {
  EXPECT_EQ(Norm("  indented  \t\nnext\xC2\xA0"), "  indented\nnext");  // NBSP is white space
  EXPECT_EQ(Norm("ideographic\xE3\x80\x80"), "ideographic");
}

TEST(Normalize, BlankLineRunsCollapseToOneParagraphBreak) {
  EXPECT_EQ(Norm("one\n\n\n\ntwo\n \n\t\nthree"), "one\n\ntwo\n\nthree");
  EXPECT_EQ(Norm("\n\n  \nstart\n\n\n"), "start");
  EXPECT_EQ(Norm("single\nnewline\n\npara"), "single\nnewline\n\npara");
}

TEST(Normalize, Nfc) {
  // "e" + COMBINING ACUTE -> U+00E9; Angstrom sign -> U+00C5.
  EXPECT_EQ(Norm("cafe\xCC\x81"), "caf\xC3\xA9");
  EXPECT_EQ(Norm("\xE2\x84\xAB"), "\xC3\x85");
  // Already NFC text is returned unchanged, quotes and dashes included.
  std::string s = "It\xE2\x80\x99s \xE2\x80\x9C" "fine\xE2\x80\x9D \xE2\x80\x93 really";
  EXPECT_EQ(Norm(s), s);
}

TEST(Normalize, NeverRewritesInnerText) {
  std::string s = "Double  spaces\tand tabs stay.  *Stars* too.";
  EXPECT_EQ(Norm(s), s);
}

TEST(Normalize, WhiteSpaceOnlyBecomesEmpty) { EXPECT_EQ(Norm(" \n\t\r\n\xC2\xA0"), ""); }

TEST(Normalize, RejectsInvalidUtf8) {
  EXPECT_EQ(NormalizeText("bad \xFF").status().code(), ErrorCode::kInvalidUtf8);
}

TEST(Utf8, Validity) {
  EXPECT_TRUE(IsValidUtf8("plain \xE2\x80\x99 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x80"));          // truncated
  EXPECT_EQ(CodePointCount("a\xE2\x80\x99" "b"), 3u);
}

TEST(ContentHash, CoversContentNotIdOrIngest) {
  v1::Document a;
  a.set_id("x");
  a.set_kind("article");
  a.set_text("Hello");
  v1::Document b = a;
  b.set_id("y");
  b.mutable_ingest()->set_version(7);
  EXPECT_EQ(ContentHash(a), ContentHash(b));
  b.set_title("New title");
  EXPECT_NE(ContentHash(a), ContentHash(b));
  v1::Document c = a;
  (*c.mutable_extra())[std::string("votes")] = std::string("3");
  EXPECT_NE(ContentHash(a), ContentHash(c));
  // Field boundaries are unambiguous.
  v1::Document d1 = a, d2 = a;
  d1.set_title("ab");
  d1.set_author("c");
  d2.set_title("a");
  d2.set_author("bc");
  EXPECT_NE(ContentHash(d1), ContentHash(d2));
  EXPECT_EQ(ContentHash(a).size(), 64u);
}

}  // namespace
}  // namespace tidings::ingest
