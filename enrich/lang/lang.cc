#include "enrich/lang/lang.h"

#include <algorithm>
#include <array>
#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

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

}  // namespace

LanguageGuess DetectLanguage(std::string_view text) {
  const std::string_view quick = Prefix(text, kLanguageQuickPrefixBytes);
  const std::string_view full = Prefix(text, kLanguagePrefixBytes);
  if (quick.size() < full.size()) {
    const LanguageGuess g = Detect(quick);
    if (g.reliable && g.text_bytes >= kQuickTextBytes && g.percent >= kQuickPercent) return g;
  }
  return Detect(full);
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
