#include "enrich/text.h"

#include <gtest/gtest.h>

#include <string>

#include "enrich/kb.h"

namespace tidings::enrich {
namespace {

std::string Tok(std::string_view s, const Token& t) {
  return std::string(s.substr(t.begin_byte, t.end_byte - t.begin_byte));
}

TEST(Text, CodePointIndexMapsBothWays) {
  std::string s = "“Hi” — é";
  CodePointIndex idx(s);
  EXPECT_EQ(idx.size(), 8u);
  EXPECT_EQ(idx.ToCodePoint(0), 0u);
  EXPECT_EQ(idx.ToCodePoint(3), 1u);  // 'H' after the 3-byte quote
  EXPECT_EQ(idx.ToByte(1), 3u);
  EXPECT_EQ(idx.ToCodePoint(s.size()), 8u);
  EXPECT_EQ(idx.ToByte(100), s.size());
}

TEST(Text, AsciiIndexIsIdentity) {
  CodePointIndex idx("plain");
  EXPECT_EQ(idx.ToCodePoint(3), 3u);
  EXPECT_EQ(idx.ToByte(3), 3u);
}

TEST(Text, InvalidUtf8DoesNotCrash) {
  std::string s = "a\xff\xfe\xc3";
  EXPECT_FALSE(IsValidUtf8(s));
  EXPECT_EQ(CountCodePoints(s), 4u);
  CodePointIndex idx(s);
  EXPECT_EQ(idx.size(), 4u);
  EXPECT_TRUE(IsValidUtf8("Bashar al-Assad’s"));
}

TEST(Text, SentencesRespectAbbreviations) {
  std::string s = "Mr. Putin met the U.S. envoy on 17 Oct. in Aleppo. “He left.” Then Dr Jones spoke!\nNew line";
  auto ss = SplitSentences(s);
  ASSERT_EQ(ss.size(), 4u) << s;
  EXPECT_EQ(s.substr(ss[0].begin_byte, ss[0].end_byte - ss[0].begin_byte),
            "Mr. Putin met the U.S. envoy on 17 Oct. in Aleppo.");
  EXPECT_EQ(s.substr(ss[1].begin_byte, ss[1].end_byte - ss[1].begin_byte), "“He left.”");
  EXPECT_EQ(ss[3].end, CountCodePoints(s));
}

TEST(Text, SentencesOfEmptyAndBlankText) {
  EXPECT_TRUE(SplitSentences("").empty());
  EXPECT_TRUE(SplitSentences(" \n\n \t").empty());
}

TEST(Text, TokenizerKeepsNamesAndNumbers) {
  std::string s = "Bashar al-Assad’s 1,200 men, the 21st U.S. 9/11 don’t Hay'at";
  auto toks = Tokenize(s);
  std::vector<std::string> got;
  for (auto& t : toks) got.push_back(Tok(s, t));
  std::vector<std::string> want = {"Bashar", "al",  "-",     "Assad", "’",     "s",    "1,200", "men",
                                   ",",      "the", "21st", "U.S.",  "9/11",  "don’t", "Hay'at"};
  EXPECT_EQ(got, want);
  EXPECT_TRUE(toks[0].upper);
  EXPECT_EQ(toks[6].kind, TokenKind::kNumber);
}

// "U.S" without its final stop is one word wherever it stands (before a
// comma or before the next word), as "U.S." is; a stop between two words
// ("in the U.S.A. Then") and initials with a stop each are unchanged.
TEST(Text, TwoCapitalsWithAStopBetweenAreOneWord) {
  const std::string s = "the U.S and its allies, the U.S, the U.N in New York, U.S.A. Then";
  std::vector<std::string> got;
  for (auto& t : Tokenize(s)) got.push_back(Tok(s, t));
  const std::vector<std::string> want = {"the", "U.S", "and", "its", "allies", ",",  "the",    "U.S", ",",
                                         "the", "U.N", "in",  "New", "York",   ",",  "U.S.A.", "Then"};
  EXPECT_EQ(got, want);
}

// Each token knows whether a line break stands between it and the token
// before, whatever the spaces, punctuation or other scripts around it.
TEST(Text, TokensKnowTheLineBreakBeforeThem) {
  const std::string s = "\nTEHRAN -\r\n  Iran\u2019s \u00e9lite,\n\n\u2014 said\u2028 he \t.\nEnd";
  const auto toks = Tokenize(s);
  ASSERT_GT(toks.size(), 3u);
  for (size_t k = 1; k < toks.size(); ++k) {
    const std::string_view between(s.data() + toks[k - 1].end_byte, toks[k].begin_byte - toks[k - 1].end_byte);
    EXPECT_EQ(toks[k].line_break_before, between.find('\n') != std::string_view::npos) << Tok(s, toks[k]);
  }
  EXPECT_TRUE(toks[0].line_break_before);
  EXPECT_EQ(sizeof(Token), 12u);
}

TEST(Text, TokenizerHandlesHugeTokenAndControls) {
  std::string s(100000, 'x');
  s += std::string("\0\0 word", 7);
  auto toks = Tokenize(s);
  ASSERT_EQ(toks.size(), 2u);
  EXPECT_EQ(toks[0].end_byte, 100000u);
}

// Vietnamese capitals ("Ộ", "Ư", "Ơ") and a transliteration's dotted ones
// ("Ḥ") are capitals; their accents fold away for the look-ups that take
// plain letters ("Trần Văn Đức" -> "Tran Van Duc", "Ḥasan" -> "Hasan").
TEST(Text, VietnameseAndDottedCapitalsAreCapitalsAndFold) {
  for (char32_t c : {U'Ộ', U'Ư', U'Ơ', U'Ḥ', U'Ạ', U'Ỳ'}) EXPECT_TRUE(IsUpper(c)) << static_cast<uint32_t>(c);
  for (char32_t c : {U'ộ', U'ư', U'ơ', U'ḥ', U'ạ', U'ỳ', U'ẟ'}) EXPECT_FALSE(IsUpper(c)) << static_cast<uint32_t>(c);
  EXPECT_EQ(FoldLatinAccents("Trần Văn Đức"), "Tran Van Duc");
  EXPECT_EQ(FoldLatinAccents("Nguyễn Phú Trọng"), "Nguyen Phu Trong");
  EXPECT_EQ(FoldLatinAccents("Ḥasan Ṣāliḥ"), "Hasan Salih");
  EXPECT_EQ(FoldLatinAccents("Hưng Yên"), "Hung Yen");
  EXPECT_EQ(FoldLatinAccents("Zürich 2×3"), "Zurich 2×3");
  EXPECT_EQ(FoldLatinAccents("Hanoi"), "");
}

// Latin Extended-A's capitals are capitals whichever way their pairs run
// ("Ş" U+015E is even, "Ł" U+0141 and "Ż" U+017B odd), and the keys under
// which names are looked up fold them; "İstanbul" is "istanbul".
TEST(Text, LatinExtendedCapitalsAreCapitalsAndFold) {
  for (char32_t c : {U'Ş', U'Ł', U'Ż', U'Ș', U'Ț', U'İ', U'Ğ', U'Č', U'Ő'}) {
    EXPECT_TRUE(IsUpper(c)) << static_cast<uint32_t>(c);
  }
  for (char32_t c : {U'ş', U'ł', U'ż', U'ș', U'ı', U'ğ', U'č', U'ő'}) {
    EXPECT_FALSE(IsUpper(c)) << static_cast<uint32_t>(c);
  }
  EXPECT_EQ(LowerLatinExtended(U'Ł'), U'ł');
  EXPECT_EQ(LowerLatinExtended(U'Ş'), U'ş');
  EXPECT_EQ(LowerLatinExtended(U'Ż'), U'ż');
  EXPECT_EQ(LowerLatinExtended(U'Ș'), U'ș');
  EXPECT_EQ(LowerLatinExtended(U'ł'), U'ł');
  EXPECT_EQ(NormaliseToken("İstanbul"), "istanbul");
  EXPECT_EQ(NormaliseToken("ŁÓDŹ"), "łódź");
  EXPECT_EQ(NormaliseToken("Şanlıurfa"), "şanlıurfa");
}

}  // namespace
}  // namespace tidings::enrich
