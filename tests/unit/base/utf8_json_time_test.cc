#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "base/json.h"
#include "base/time.h"
#include "base/utf8.h"

namespace tidings::base {
namespace {

TEST(Utf8, Validity) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain \xE2\x80\x99 \xF0\x9F\x98\x80"));
  EXPECT_TRUE(IsValidUtf8("Bashar al-Assad\xE2\x80\x99s long enough for the 8-byte path"));
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBD"));                // U+FFFD itself
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));            // U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));                   // overlong
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));               // overlong, 3 bytes
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));               // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));           // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x80"));                   // truncated
  EXPECT_FALSE(IsValidUtf8("abcdefgh\x80" "abcdefgh"));    // lone continuation after 8 ASCII
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Utf8, DecodeAt) {
  char32_t cp = 0;
  EXPECT_EQ(DecodeUtf8At("a\xE2\x80\x99", 1, &cp), 3u);
  EXPECT_EQ(cp, U'\u2019');
  EXPECT_EQ(DecodeUtf8At("\xF0\x9F\x98\x80", 0, &cp), 4u);
  EXPECT_EQ(cp, U'\U0001F600');
  EXPECT_EQ(DecodeUtf8At("\xE2\x80", 0, &cp), 0u);
  EXPECT_EQ(DecodeUtf8At("\x80", 0, &cp), 0u);
}

std::string Escaped(std::string_view s) {
  std::string out;
  AppendJsonEscaped(out, s);
  return out;
}

TEST(Json, EscapesWhatJsonAndLogLinesNeed) {
  EXPECT_EQ(Escaped(std::string("a\0b\x01\"\\", 6)), R"(a\u0000b\u0001\"\\)");
  EXPECT_EQ(Escaped("\n\r\t\b\f"), R"(\n\r\t\b\f)");
  EXPECT_EQ(Escaped("del\x7F c1\xC2\x85"), R"(del\u007f c1\u0085)");
  EXPECT_EQ(Escaped("ls\xE2\x80\xA8ps\xE2\x80\xA9"), R"(ls\u2028ps\u2029)");
  EXPECT_EQ(Escaped("caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x80\x99"), "caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x80\x99");
  EXPECT_EQ(Escaped("bad\xFF" "byte\xE2\x80"), "bad\xEF\xBF\xBD" "byte\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(Escaped(R"(x","level":"critical)"), R"(x\",\"level\":\"critical)");
}

TEST(Time, Rfc3339WithMilliseconds) {
  using std::chrono::milliseconds;
  using std::chrono::system_clock;
  EXPECT_EQ(FormatRfc3339(system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(system_clock::time_point{milliseconds(1476954720123)}), "2016-10-20T09:12:00.123Z");
  EXPECT_EQ(FormatRfc3339(system_clock::time_point{milliseconds(-1)}), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace tidings::base
