#include "enrich/lang/lang.h"

#include <algorithm>
#include <array>
#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <unicode/uchar.h>

#include "enrich/text.h"

namespace tidings::enrich {
namespace {

// The longest prefix of `text` of at most `max` bytes that does not cut a
// UTF-8 sequence.
std::string_view Prefix(std::string_view text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max;
  // Back off continuation bytes (10xxxxxx) to the start of a code point.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// CLD2's code of a language as ISO 639: its few legacy or non-ISO codes
// mapped, scripts and pseudo-languages ("xx-Latn", "zzb", "un") as "und".
std::string IsoCode(CLD2::Language lang) {
  if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE) return "und";
  const std::string_view c = CLD2::LanguageCode(lang);
  if (c.empty() || c == "un" || c == "xxx" || c.starts_with("xx-") || c.starts_with("zz") ||
      c == "tlh") {
    return "und";
  }
  if (c == "iw") return "he";
  if (c == "jw") return "jv";
  if (c == "zh-Hant") return "zh";
  return std::string(c.substr(0, c.find('-')));  // "sr-ME" -> "sr"
}

// Languages that get a label of their own in the per-language metric.
constexpr std::array<std::string_view, 24> kMetricLanguages = {
    "ar", "de", "el", "en", "es", "fa", "fr", "he", "hi", "id", "it", "ja",
    "ko", "ku", "nl", "pl", "pt", "ru", "sv", "tr", "uk", "ur", "zh", "und"};

}  // namespace

namespace {

// CLD2 over `p` (cut back to the valid UTF-8 before a byte CLD2 rejects).
LanguageGuess Detect(std::string_view p) {
  LanguageGuess g;
  CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language top3[3];
  int percent3[3] = {0, 0, 0};
  double score3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  CLD2::Language lang = CLD2::UNKNOWN_LANGUAGE;
  // CLD2 gives up on bytes that are not interchange-valid UTF-8 (controls
  // such as U+0001 too): then once more over the valid part before them.
  for (int attempt = 0; attempt < 2 && !p.empty(); ++attempt) {
    int valid_prefix = 0;
    lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
        p.data(), static_cast<int>(p.size()), /*is_plain_text=*/true, &hints, /*flags=*/0, top3,
        percent3, score3, /*resultchunkvector=*/nullptr, &text_bytes, &reliable, &valid_prefix);
    if (valid_prefix >= static_cast<int>(p.size())) break;
    lang = CLD2::UNKNOWN_LANGUAGE;
    reliable = false;
    p = p.substr(0, static_cast<size_t>(std::max(valid_prefix, 0)));
  }
  g.text_bytes = text_bytes;
  g.reliable = reliable && text_bytes >= kMinTextBytes;
  if (!g.reliable) return g;
  g.code = IsoCode(lang);
  if (g.code == "und") {
    g.reliable = false;
    return g;
  }
  // The summary language is normally top3[0]; its percentage is that entry's.
  for (int i = 0; i < 3; ++i) {
    if (top3[i] == lang) g.percent = percent3[i];
  }
  return g;
}

// A word of up to 8 ASCII letters as a number (its lower-case letters'
// bytes, first in the lowest): the function words are compared that way.
constexpr uint64_t Packed(std::string_view w) {
  uint64_t v = 0;
  for (size_t i = 0; i < w.size(); ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(w[i])) << (8 * i);
  return v;
}

template <size_t N>
constexpr std::array<uint64_t, N> SortedWords(const std::array<std::string_view, N>& words) {
  std::array<uint64_t, N> a{};
  for (size_t i = 0; i < N; ++i) a[i] = Packed(words[i]);
  std::sort(a.begin(), a.end());
  return a;
}

// Frequent English function words that are not common words of the other
// languages written in Latin letters.
constexpr auto kEnglishOnly = SortedWords<28>(
    {"the", "and", "that", "with", "this", "have", "has", "had", "from", "which", "were", "their", "they", "would",
     "been", "are", "its", "there", "who", "what", "when", "than", "about", "into", "after", "not", "it", "be"});
// Frequent English function words that are words of other languages too
// ("of" and "is" in Dutch, "was" and "will" in German, "for" and "by" in
// Danish, "to" in Polish): they count toward the share, not alone.
constexpr auto kShared = SortedWords<22>({"of", "to", "for", "is", "was", "by", "in", "on", "as", "at", "an",
                                          "or", "but", "his", "her", "he", "she", "we", "you", "will", "said",
                                          "a"});
constexpr uint64_t kThe = Packed("the");

// The words of a window, counted for EnglishByFunctionWords; nullopt when
// it holds a character CLD2 stops at (C0 and C1 controls but tab and line
// ends, DEL, non-characters, invalid bytes as U+FFFD): CLD2 decides such a
// text, as it always did.
struct WordCounts {
  int words = 0, english_only = 0, shared = 0, the = 0, ascii_letters = 0, other_letters = 0;

  int letters() const { return ascii_letters + other_letters; }
  // Whether the window has these shares of function words and of words
  // only English has, and few letters outside ASCII.
  bool EnglishShares(int function_percent, int english_only_percent) const {
    return (english_only + shared) * 100 >= words * function_percent &&
           english_only * 100 >= words * english_only_percent &&
           other_letters * 100 <= letters() * kFunctionWordsMaxForeignPercent;
  }
};

std::optional<WordCounts> CountWords(std::string_view w) {
  WordCounts k;
  size_t i = 0;
  while (i < w.size()) {
    const auto b = static_cast<unsigned char>(w[i]);
    if (b >= 0x80) {
      const char32_t c = DecodeUtf8(w, &i);
      if (c <= 0x9F || c == 0xFFFD || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) return std::nullopt;
      if (IsLetter(c)) ++k.other_letters;
      continue;
    }
    if (b < 0x20 ? b != '\t' && b != '\n' && b != '\r' : b == 0x7F) return std::nullopt;
    const bool letter = (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
    if (!letter) {
      ++i;
      continue;
    }
    // An ASCII word: its letters, and whether it is a listed word.
    uint64_t v = 0;
    size_t n = 0;
    for (; i < w.size(); ++i, ++n) {
      const auto c = static_cast<unsigned char>(w[i] | 0x20);
      if (c < 'a' || c > 'z' || static_cast<unsigned char>(w[i]) >= 0x80) break;
      if (n < 8) v |= static_cast<uint64_t>(c) << (8 * n);
    }
    // A word run into letters outside ASCII ("café") is not a listed word;
    // one before other characters ("it’s", "—") is.
    if (i < w.size() && static_cast<unsigned char>(w[i]) >= 0x80) {
      size_t after = i;
      if (IsLetter(DecodeUtf8(w, &after))) v = 0;
    }
    k.ascii_letters += static_cast<int>(n);
    ++k.words;
    if (n > 5 || v == 0) continue;
    if (std::binary_search(kEnglishOnly.begin(), kEnglishOnly.end(), v)) {
      ++k.english_only;
      k.the += v == kThe;
    } else if (std::binary_search(kShared.begin(), kShared.end(), v)) {
      ++k.shared;
    }
  }
  return k;
}

// Whether `line` is a line of names: two words or more, or one and a
// figure ("Barcelona 2 1 1 0 4 2 4"; a word alone is a heading), each
// beginning with a capital letter, and not all in capitals (a headline in
// capitals is prose here). A word that begins in lower case, or in a
// script without case, makes the line prose.
bool IsNameLine(std::string_view line) {
  int words = 0, all_caps = 0;
  bool digits = false;
  size_t i = 0;
  while (i < line.size()) {
    const char32_t c = DecodeUtf8(line, &i);
    digits = digits || (c >= '0' && c <= '9');
    if (!IsLetter(c)) continue;
    if (!u_isupper(static_cast<UChar32>(c)) && !u_istitle(static_cast<UChar32>(c))) return false;
    bool caps = true;
    while (i < line.size()) {
      size_t j = i;
      const char32_t d = DecodeUtf8(line, &j);
      if (!IsLetter(d)) break;
      caps = caps && !u_islower(static_cast<UChar32>(d));
      i = j;
    }
    ++words;
    all_caps += caps;
  }
  return all_caps < words && (words >= 2 || digits);
}

// Letters in `s` (code points), for the share WithoutNameLines keeps.
int Letters(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i < s.size();) n += IsLetter(DecodeUtf8(s, &i)) ? 1 : 0;
  return n;
}

}  // namespace

std::string_view WithoutNameLines(std::string_view text, std::string* scratch) {
  scratch->clear();
  size_t pos = 0, kept_end = 0;  // text[0, kept_end) kept whole until the first name line
  bool dropped = false;
  int name_lines = 0;
  while (pos < text.size() && pos < kNameLineScanBytes &&
         (dropped ? scratch->size() : kept_end) < kLanguagePrefixBytes) {
    size_t end = text.find('\n', pos);
    end = end == std::string_view::npos ? text.size() : end + 1;
    const std::string_view line = text.substr(pos, end - pos);
    if (IsNameLine(line)) {
      if (!dropped) scratch->assign(text.substr(0, kept_end));
      dropped = true;
      ++name_lines;
    } else if (dropped) {
      // Never more than the detection reads (a line may be megabytes).
      scratch->append(line.substr(0, kLanguagePrefixBytes));
    } else {
      kept_end = end;
    }
    pos = end;
  }
  // Short prose around one line of names: the line is read (a one-line
  // comment in Title Case). Around a table of them ("SOCCER - ITALIAN
  // RESULTS." over "Bologna 1 Inter 1", "Juventus 2 Lazio 0", ...): the
  // prose alone, too short to name a language, is "und", not the clubs'.
  if (!dropped || (name_lines < 2 && Letters(*scratch) < kNameLinesMinKeptLetters)) return text;
  return *scratch;
}

std::optional<LanguageGuess> EnglishByFunctionWords(std::string_view text) {
  auto english_read = [](const WordCounts& read) {
    LanguageGuess g;
    g.code = "en";
    g.reliable = true;
    g.percent = 100;
    g.text_bytes = read.ascii_letters + 2 * read.other_letters;
    return g;
  };
  const std::string_view first = Prefix(text, kLanguageQuickPrefixBytes);
  const auto k = CountWords(first);
  if (!k) return std::nullopt;
  if (k->letters() < kQuickTextBytes || k->words < kFunctionWordsMinWords || k->the < 1 ||
      !k->EnglishShares(kFunctionWordsMinPercent, kEnglishOnlyMinPercent)) {
    // A lead of names ("Horta double settles Minho derby as Braga see off
    // Vitória", a results line, "at the Estádio Municipal de Braga"): the
    // whole of what CLD2 reads, by wider shares.
    const std::string_view full = Prefix(text, kLanguagePrefixBytes);
    if (full.size() == first.size()) return std::nullopt;
    const auto f = CountWords(full);
    if (!f || f->words < kFunctionWordsWideMinWords || f->the < 2 ||
        !f->EnglishShares(kFunctionWordsWideMinPercent, kEnglishOnlyWideMinPercent))
      return std::nullopt;
    return english_read(*f);
  }
  // What CLD2 would read after them when their answer is not clear: a text
  // that goes on in another language is CLD2's to weigh.
  const std::string_view rest = Prefix(text, kLanguagePrefixBytes).substr(first.size());
  const auto r = CountWords(rest);
  if (!r || (r->words >= kFunctionWordsRestMinWords &&
             !r->EnglishShares(kFunctionWordsRestMinPercent, kEnglishOnlyRestMinPercent))) {
    return std::nullopt;
  }
  return english_read(*k);
}

namespace {

// CLD2 by the policy of lang.h, over `text` as given.
LanguageGuess Cld2Prefixes(std::string_view text) {
  const std::string_view quick = Prefix(text, kLanguageQuickPrefixBytes);
  const std::string_view full = Prefix(text, kLanguagePrefixBytes);
  if (quick.size() < full.size()) {
    const LanguageGuess g = Detect(quick);
    if (g.reliable && g.text_bytes >= kQuickTextBytes && g.percent >= kQuickPercent) return g;
  }
  return Detect(full);
}

}  // namespace

LanguageGuess DetectLanguage(std::string_view text) {
  thread_local std::string scratch;
  const std::string_view prose = WithoutNameLines(text, &scratch);
  if (auto g = EnglishByFunctionWords(prose)) return *std::move(g);
  return Cld2Prefixes(prose);
}

LanguageGuess DetectLanguageWithCld2(std::string_view text) {
  thread_local std::string scratch;
  return Cld2Prefixes(WithoutNameLines(text, &scratch));
}

std::string PrimaryLanguage(std::string_view tag) {
  const size_t end = tag.find_first_of("-_");
  std::string out(tag.substr(0, end));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  return out;
}

bool ConfidentlyDiffers(const LanguageGuess& guess, std::string_view given) {
  if (given.empty() || !guess.reliable || guess.code == "und") return false;
  if (guess.text_bytes < kConfidentTextBytes || guess.percent < kConfidentPercent) return false;
  return PrimaryLanguage(given) != guess.code;
}

bool EnglishRulesApply(std::string_view language) {
  if (language.empty()) return true;
  const std::string primary = PrimaryLanguage(language);
  return primary == "en" || primary == "und";
}

std::string_view LanguageMetricLabel(std::string_view code) {
  const std::string primary = code.empty() ? std::string("und") : PrimaryLanguage(code);
  for (std::string_view l : kMetricLanguages) {
    if (l == primary) return l;
  }
  return "other";
}

}  // namespace tidings::enrich
