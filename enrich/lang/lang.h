#pragma once
// Language identification of a document's text, over CLD2 (Compact Language
// Detector 2, Debian libcld2-dev, its standard 83-language tables).
//
// Stateless and thread-safe: CLD2 keeps no mutable state between calls.
//
// Policy (also in enrich/README.md, "Language"):
// - Only the first kLanguagePrefixBytes of the text are examined (cut back to
//   a code-point boundary): a news article says its language in its first
//   paragraph, and CLD2 costs about 25 us a call plus 55 us per KB examined
//   here (some 17 MB/s of text). At 2 KB it was a third of the engine's time
//   on a comment in the daemon; 512 bytes still name all the long texts of
//   the multilingual sample right (tests/unit/enrich/lang_test.cc). The
//   first 256 are read first and decide when their answer is clear (below).
// - The answer is a language only when CLD2 calls it reliable and scored at
//   least kMinTextBytes bytes of letters (about five English words; Cyrillic,
//   Greek and Arabic letters count two bytes each). Below that CLD2 still
//   calls fragments "reliable" but names the wrong language too often
//   ("Hi Alexandra" -> mg, "Andre Damon" -> no, "a Russian airstrike." -> gd);
//   measured on 12,000 random windows of 2-9 words of the English seed
//   corpus: 19 of the 5,709 windows of 8-31 bytes named another language, 1
//   of the 6,229 of 32 bytes or more. So "Spot on.", "Danke schön", "+1",
//   emoji, URLs and numbers are "und", and the English rules run on them
//   (EnglishRulesApply).
// - "Confidently" different from a given language (ConfidentlyDiffers) asks
//   more: reliable, at least kConfidentTextBytes bytes of letters (none of the
//   202 windows of that size in the measurement above was misnamed) and at
//   least kConfidentPercent of them in the detected language. A one-line comment
//   never overrules the producer's label.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tidings::enrich {

inline constexpr size_t kLanguagePrefixBytes = 512;
// The first kLanguageQuickPrefixBytes are examined first; their answer
// stands when it is reliable, from at least kQuickTextBytes bytes of
// letters, kQuickPercent or more of them in that language. Else (a mixed
// or sparse beginning) the whole kLanguagePrefixBytes decide.
inline constexpr size_t kLanguageQuickPrefixBytes = 256;
inline constexpr int kQuickTextBytes = 160;
inline constexpr int kQuickPercent = 90;
inline constexpr int kMinTextBytes = 32;
inline constexpr int kConfidentTextBytes = 64;
inline constexpr int kConfidentPercent = 70;

struct LanguageGuess {
  // ISO 639-1 ("de"), the ISO 639-3 code for a language without one ("haw",
  // "ceb"), or "und" when the text is too short or unclear.
  std::string code = "und";
  // CLD2 judged the top language clearly ahead of the others.
  bool reliable = false;
  // Share of the scored letters in `code`, 0-100.
  int percent = 0;
  // Bytes of letters CLD2 scored (punctuation, digits and markup excluded).
  int text_bytes = 0;
};

// Detects the language of `text` (UTF-8; invalid bytes give "und"):
// WithoutNameLines, then EnglishByFunctionWords, else CLD2. The engine asks it
// for documents given no language or English; for one given another
// language it asks CLD2 alone, whose share of each language is what
// ConfidentlyDiffers weighs (a text mixing English and that language).
LanguageGuess DetectLanguage(std::string_view text);
// CLD2 alone, by the policy above (over WithoutNameLines too).
LanguageGuess DetectLanguageWithCld2(std::string_view text);

// The text without its lines of names, for detection: a line whose words
// all begin with a capital, not all of them in capitals ("PSV Eindhoven 3
// Vitesse Arnhem 1", "Bayern Munich 2 Hamburg 1", a byline): the names of
// a results table, a list or a by-line are no evidence of the language
// they are reported in, and CLD2 named such English wire copy after its
// clubs (Dutch, German). Lines are read from the start until
// kLanguagePrefixBytes are kept or kNameLineScanBytes read; the kept lines
// are copied into *scratch and returned when two name lines or more were
// dropped (a table's prose alone, however short: too short, it names no
// language), or one and they hold kNameLinesMinKeptLetters letters or more;
// else `text` itself (a one-line comment in Title Case is read as it is). A line with a word
// in lower case, or in a script without case, is prose; so is a headline
// in capitals.
std::string_view WithoutNameLines(std::string_view text, std::string* scratch);
inline constexpr size_t kNameLineScanBytes = 4 * kLanguagePrefixBytes;
inline constexpr int kNameLinesMinKeptLetters = kConfidentTextBytes;

// English told by its function words, before CLD2 is asked: the first
// kLanguageQuickPrefixBytes of `text` have at least kFunctionWordsMinWords
// words and kQuickTextBytes letters, "the" at least once,
// kFunctionWordsMinPercent or more of the words English function words
// ("the", "of", "is", ...) and kEnglishOnlyMinPercent or more ones that
// other languages written in Latin letters do not have ("the", "which",
// "would", ...), and letters outside ASCII at most
// kFunctionWordsMaxForeignPercent of the letters (names with accents pass,
// text in another Latin-script language does not); and the next 256 bytes,
// which CLD2 reads when the first are not clear, when they hold
// kFunctionWordsRestMinWords words or more, have kFunctionWordsRestMinPercent
// function words and kEnglishOnlyRestMinPercent English-only ones (an
// English lead into a Malay comment is CLD2's to weigh). When the first 256
// bytes fall short (a lead of names: "Horta double settles Minho derby as
// Braga see off Vitória", CLD2's Portuguese; a wire headline in capitals and
// a dateline over a Malaysian company's name, CLD2's Malay), the first 512
// bytes, all that CLD2 reads: kFunctionWordsWideMinWords words or more,
// "the" twice, kFunctionWordsWideMinPercent function words and
// kEnglishOnlyWideMinPercent English-only ones (the multilingual sample's
// texts in other languages have none of these, nor a "the"). Then the answer is
// "en", reliable, 100 percent, `text_bytes` the letters read;
// else nullopt and CLD2 decides (also for any control character or
// invalid byte in those 512 bytes, where CLD2 stops reading). Prose in
// English passes on its first sentences (CLD2 costs some 20 us a document
// there, this about 1). Every text of the test corpora that passes is
// English to CLD2 too (tests/unit/enrich/lang_test.cc).
std::optional<LanguageGuess> EnglishByFunctionWords(std::string_view text);
inline constexpr int kFunctionWordsMinWords = 24;
inline constexpr int kFunctionWordsMinPercent = 30;
inline constexpr int kEnglishOnlyMinPercent = 10;
inline constexpr int kFunctionWordsRestMinWords = 8;
inline constexpr int kFunctionWordsRestMinPercent = 20;
inline constexpr int kEnglishOnlyRestMinPercent = 5;
inline constexpr int kFunctionWordsMaxForeignPercent = 2;
inline constexpr int kFunctionWordsWideMinWords = 40;
inline constexpr int kFunctionWordsWideMinPercent = 22;
inline constexpr int kEnglishOnlyWideMinPercent = 9;

// The primary language subtag of a BCP 47 / ISO 639 tag, lower case:
// "en-GB" -> "en", "EN" -> "en", "pt_BR" -> "pt"; "" for "".
std::string PrimaryLanguage(std::string_view tag);

// Whether `guess` is a confident answer that is not the language `given`
// (compared by primary subtag). False when `given` is empty.
bool ConfidentlyDiffers(const LanguageGuess& guess, std::string_view given);

// Whether the English rules (entity heuristics, date rules, stance) apply to
// a text of this language: English, and unknown ("", "und"), since short
// texts CLD2 cannot place are in an English corpus mostly English.
bool EnglishRulesApply(std::string_view language);

// The metric label of a language code: one of a fixed set of common
// languages (the list in lang.cc and enrich/README.md), "und", or "other", so that the label stays
// low-cardinality whatever producers put in `language`.
std::string_view LanguageMetricLabel(std::string_view code);

}  // namespace tidings::enrich
