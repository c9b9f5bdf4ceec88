#pragma once
// Temporal expressions in the TIMEX3 sense (DATE, TIME, DURATION, SET) with
// values normalised against an anchor date. Rule-based, over the tokens of
// Tokenize(). Pure functions; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "enrich/kb.h"
#include "enrich/text.h"
#include "tidings/v1/enriched.pb.h"

namespace tidings::enrich {

struct CivilDate {
  int year = 0, month = 0, day = 0;
};

// Parses the date part of an RFC 3339 timestamp or a plain YYYY-MM-DD, of
// a year from 1 to 9998 (nullopt for others: no anchor).
std::optional<CivilDate> ParseIsoDate(std::string_view s);

// Finds an anchor in the text when a document has no published_at:
// "first appeared in the 16 July 2014 issue" (source "first_appeared") or a
// dateline in the first kDatelineBytes, on the first line or on a line of
// at most kDatelineMaxLineBytes among the first kDatelineLines ("Aleppo, 13
// December 2016 -"; "SOCCER - DUTCH FIRST DIVISION RESULTS.\nAMSTERDAM
// 1996-08-24"; source "dateline"). Returns nullopt when there is none.
std::optional<CivilDate> InferAnchor(std::string_view text, std::string* source);
inline constexpr size_t kDatelineBytes = 300;
inline constexpr int kDatelineLines = 3;
inline constexpr size_t kDatelineMaxLineBytes = 60;

// Appends the temporal expressions of `text` to `out` in text order.
// `anchor` null: values keep X for the parts that need it. Fills `rule`
// when `debug`.
// `keys` is TokenKeys(text, tokens) (enrich/kb.h).
void TagDates(std::string_view text, const std::vector<Token>& tokens,
              const std::vector<std::string>& keys, const CodePointIndex& cps,
              const CivilDate* anchor, bool debug,
              ::google::protobuf::RepeatedPtrField<::tidings::v1::DateMention>* out);
// The same with keys as views (TokenKeyViews), as the engine calls it.
void TagDates(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
              const CodePointIndex& cps, const CivilDate* anchor, bool debug,
              ::google::protobuf::RepeatedPtrField<::tidings::v1::DateMention>* out);

// TagDates without the gate: every rule family's matcher at every token.
// The gate is derived from the families' start conditions (one table,
// enrich/dates_rules.cc); a test checks that no matcher fires where its
// start condition is false. Slower; for tests only.
void TagDatesUngatedForTest(std::string_view text, const std::vector<Token>& tokens,
                            const KeyViews& keys, const CodePointIndex& cps,
                            const CivilDate* anchor, bool debug,
                            ::google::protobuf::RepeatedPtrField<::tidings::v1::DateMention>* out);

// Whether a token key ("march", "sept", "thursday") is a month's or a
// weekday's name in the date tagger's vocabulary.
bool IsMonthOrWeekday(std::string_view key);
// Whether a token's key is a month's name or abbreviation ("dec", "sept").
bool IsMonth(std::string_view key);

}  // namespace tidings::enrich
