#pragma once
// The date scanner behind TagDates (enrich/dates.h): rule families in a
// table (dates_rules.cc), the word facts they read (dates_vocab.cc) and the
// per-document state they share. Internal to the date tagger.
//
// A rule family has a name, a start condition (the words and word classes it
// may start at, plus a cheap look at the next tokens) and a matcher. The gate
// that decides which tokens reach the matchers is derived from the start
// conditions of the table; no other code restates them. A Scanner is used by
// one thread for one text.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "enrich/dates.h"
#include "enrich/dates_calendar.h"
#include "enrich/kb.h"
#include "enrich/text.h"
#include "tidings/v1/enriched.pb.h"

namespace tidings::enrich::dates {

namespace v1 = ::tidings::v1;

// Word classes (DateWord::cls); a family may start at every word of a class.
enum WordClass : uint32_t {
  kMonthWord = 1u << 0,     // january, jan, sept
  kWeekdayWord = 1u << 1,   // monday
  kNumberWord = 1u << 2,    // one, twenty, hundred, dozen
  kUnitWord = 1u << 3,      // year(s), day(s), decade(s) ...
  kVagueWord = 1u << 4,     // few, several, many, recent ...
  kPartWord = 1u << 5,      // morning afternoon evening night
  kBoundedWord = 1u << 6,   // last next past coming previous first following
  kEdgeWord = 1u << 7,      // start end beginning middle close turn
  kCountLead = 1u << 8,     // a an half all: may lead a count
  kSeasonWord = 1u << 9,    // spring summer autumn fall winter
  kDecadeWord = 1u << 10,   // twenties ... nineties
  kOrdinalWord = 1u << 11,  // first ... twenty-first as words (centuries)
  kSetAdverb = 1u << 12,    // daily weekly monthly annually ...
  kFutureCue = 1u << 13,    // will shall upcoming scheduled ... (tense window)
  kPastCue = 1u << 14,      // was were had did ago ...
  kRangeWord = 1u << 15,    // until till through (before a date: often ahead)
  kScheduleVerb = 1u << 16,  // play face open close ...: a schedule after a plural subject
  kDirectiveVerb = 1u << 17,  // agreed urged asked ...: their "to" + verb lies ahead of them
  kMoveVerb = 1u << 18,       // moved brought pushed ...: "from X to Y" is no range
};

// The calendar part of a value: "2026" (month and day 0), "2026-03",
// "2026-03-29" or a time of that day; year 0 for any other value.
CivilDate CalendarPart(std::string_view v);

// A set of rule families: bit f is Families()[f].
using FamilyMask = uint64_t;
constexpr size_t kMaxFamilies = 64;

// Lexical flags (DateWord::flags).
enum DateWordFlag : uint8_t {
  kVague = 1,
  kDurationLeadIn = 2,
  kMonthLeadIn = 4,
  kCountNoun = 8,
  kUnitFiller = 16,  // between a count and its unit: "two more weeks"
};

struct Unit {
  std::string_view code;
  bool plural;
};

// Everything the rules look up about one word, from a single probe.
struct DateWord {
  int8_t month = 0;     // 1-12
  int8_t weekday = -1;  // 0 = Monday
  int16_t number = -1;  // number word value
  int8_t ordinal = 0;   // ordinal word value ("twentieth": 20)
  int8_t decade = 0;    // decade word ("nineties": 9)
  Unit unit{"", false};
  std::string_view part;    // part of day: MO AF EV NI
  std::string_view season;  // SP SU FA WI
  std::string_view set;     // a SET adverb's value: "P1D"
  uint32_t cls = 0;         // WordClass bits
  FamilyMask families = 0;  // rule families that may start at this word (bit = index)
  uint8_t flags = 0;        // DateWordFlag bits
  bool Is(uint32_t c) const { return (cls & c) != 0; }
};

// The date words with their facts, looked up through a small open-addressing
// table with a cheap hash (most tokens miss on an empty slot).
class DateVocab {
 public:
  const DateWord* Find(std::string_view k) const {
    if (k.empty()) return nullptr;
    const uint32_t h = Hash(k);
    for (size_t i = Home(h);; i = (i + 1) & (kSlots - 1)) {
      const Slot& s = slots_[i];
      if (s.word == 0) return nullptr;
      if (s.hash == h && SameWord(keys_[s.word - 1], k)) return &words_[s.word - 1];
    }
  }
  // Adds `k` (a literal or a key of a static table) unless present.
  DateWord& At(std::string_view k);
  const std::vector<std::string_view>& keys() const { return keys_; }

  // False for most keys that start no family: bit (size % 32) of the shape
  // (first byte, last byte % 32) is set for the keys some family may start
  // at, for the prefixed keys ("fy2012") and for every key starting with a
  // digit.
  bool MayStart(std::string_view k) const {  // k not empty
    const auto* p = reinterpret_cast<const uint8_t*>(k.data());
    return (shape_[p[0] << 5 | (p[k.size() - 1] & 31u)] >> (k.size() & 31)) & 1;
  }
  void AddShape(std::string_view k) { AddShape(k.front(), k.back(), k.size()); }
  // Every key with this first byte, last byte and size.
  void AddShape(char first, char last, size_t size) {
    shape_[static_cast<uint8_t>(first) << 5 | (static_cast<uint8_t>(last) & 31u)] |= uint32_t{1} << (size & 31);
  }
  void AddShapes();

  // Families that may start at a number token / at a key with a prefix
  // family's prefix ("fy" + digits); and those that need a capital.
  FamilyMask number_families = 0;
  FamilyMask prefix_families = 0;
  FamilyMask capital_families = 0;
  FamilyMask needs_next_families = 0;

 private:
  static constexpr size_t kSlots = 2048;  // at most half full (DateVocab::At)
  // From the (first byte, last byte, length) shape only: keys that share one
  // are told apart by the compare.
  static uint32_t Hash(std::string_view k) {  // k not empty
    const auto* p = reinterpret_cast<const uint8_t*>(k.data());
    return (p[0] | uint32_t{p[k.size() - 1]} << 8 | static_cast<uint32_t>(k.size()) << 16) * 0x9E3779B1u;
  }
  static size_t Home(uint32_t h) { return h >> 22; }
  struct Slot {
    uint32_t hash = 0;
    uint32_t word = 0;  // index into words_ + 1; 0: empty
  };
  Slot slots_[kSlots];
  uint32_t shape_[256 * 32] = {};
  std::vector<std::string_view> keys_;
  std::vector<DateWord> words_;
};

// The vocabulary with the families' start words folded in (built once).
const DateVocab& Vocab();
extern const DateWord kNoDateWord;

// A token key whose comparisons with string literals compile to a length
// check and an inline fixed-size compare (the rules make many of them).
struct Key : std::string_view {
  Key() = default;
  Key(std::string_view s) : std::string_view(s) {}  // NOLINT: implicit on purpose
  template <size_t N>
  bool operator==(const char (&lit)[N]) const {
    if constexpr (N == 1) {
      return empty();
    } else {
      return size() == N - 1 && std::memcmp(data(), lit, N - 1) == 0;
    }
  }
};

struct Hit {
  size_t begin, end;  // token indices, end exclusive
  v1::TimexType type;
  std::string value;
  std::string_view rule;
};

// What a matcher found at a token.
enum class Outcome : uint8_t {
  kNone,  // nothing here: the next family tries
  kHit,   // hits added: the scanner moves past them
  kStop,  // not a date, and no later family may read one here ("five-year-old")
};

class Scanner;
// One rule family. `words` and `classes` say where it may start (`numbers`:
// at tokens whose key starts with a digit; `prefix`: at keys made of the
// prefix and digits); `capital`: only at capitalised tokens; `may_start`
// (optional) looks at the start token and the next ones; `needs_next`: only
// where the next token is a number, punctuation or a vocabulary word (the
// cheap half of the start condition, checked once for all families). The
// matcher must
// give kNone wherever the start condition is false (the gate test checks).
struct RuleFamily {
  std::string_view name;
  std::vector<std::string_view> words;
  uint32_t classes = 0;
  bool numbers = false;
  bool capital = false;
  bool needs_next = false;
  std::string_view prefix;
  bool (Scanner::*may_start)(size_t i) const = nullptr;
  Outcome (Scanner::*match)(size_t i) = nullptr;
};
// The families in priority order (the first that fires at a token wins).
const std::vector<RuleFamily>& Families();

// Tense of the clause around a date without a year or a direction.
enum class Tense : uint8_t { kPast, kFuture, kUnknown };

// A regular past form ("attacked", "announced"); the future cues that end in
// -ed ("scheduled", "planned") are looked at before it.
inline bool PastForm(std::string_view k) {
  if (k.size() < 5 || !k.ends_with("ed") || k == "hundred") return false;
  // "need", "speed", "exceed" are no past forms; "agreed", "freed",
  // "guaranteed", "decreed" are.
  return !k.ends_with("eed") || k.ends_with("agreed") || k == "freed" || k.ends_with("anteed") ||
         k.ends_with("decreed") || k.ends_with("ereed");
}
// A verb that puts a date off or sets a deadline ("postponed until",
// "extended to", "has given the relatives until Tuesday").
inline bool Deferral(std::string_view k) {
  return k == "postponed" || k == "delayed" || k == "deferred" || k == "adjourned" || k == "extended" ||
         k == "rescheduled" || k == "recessed" || k == "suspended" || k == "given" || k == "gave" || k == "granted";
}
// A verb that stops a thing until a date ("cancelled all flights until
// Monday", "closed until Friday"): the date ahead only after "until",
// "till" or "through" ("cancelled flights to London on Monday" is the
// past).
inline bool StopsUntil(std::string_view k) {
  return k == "cancelled" || k == "canceled" || k == "closed" || k == "halted" || k == "grounded";
}
// An irregular past participle that is no past form ("been", "taken").
inline bool IsParticiple(std::string_view k) {
  return k == "been" || k == "done" || k == "gone" || k == "seen" || k == "taken" || k == "given" ||
         k == "known" || k == "shown" || k == "written" || k == "spoken" || k == "chosen" || k == "fallen" ||
         k == "risen" || k == "begun" || k == "grown" || k == "drawn" || k == "thrown" || k == "flown" ||
         k == "driven" || k == "broken" || k == "stolen" || k == "eaten" || k == "become" || k == "come" ||
         k == "run" || k == "won" || k == "hit" || k == "put" || k == "set" || k == "cut" || k == "let";
}
// A progressive or gerund form ("meeting").
inline bool IngForm(std::string_view k) { return k.size() >= 5 && k.ends_with("ing"); }

class Scanner {
 public:
  // `gated` false: every family's matcher at every token (the reference the
  // gate is tested against).
  Scanner(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
          const CivilDate* anchor, bool gated);

  // Appends the mentions of the text to `out` in text order.
  void Run(const CodePointIndex& cps, bool debug,
           ::google::protobuf::RepeatedPtrField<v1::DateMention>* out);

  // --- token facts (bounds-checked) ---
  const DateWord& D(size_t i) const {
    if (i >= n_) return kNoDateWord;
    CachedWord& c = cache_[i & (kCache - 1)];
    if (c.index != i) {
      const DateWord* w = vocab_.Find(keys_[i]);
      c.index = i;
      c.word = w != nullptr ? w : &kNoDateWord;
    }
    return *c.word;
  }
  Key K(size_t i) const { return i < n_ ? Key(keys_[i]) : Key(); }
  // The token's text as written (keys drop '.': "19.69" has the key "1969").
  std::string_view Raw(size_t i) const {
    return i < n_ ? text_.substr(tokens_[i].begin_byte, tokens_[i].end_byte - tokens_[i].begin_byte)
                  : std::string_view();
  }
  bool Upper(size_t i) const { return i < n_ && tokens_[i].upper; }
  bool IsNum(size_t i) const { return i < n_ && tokens_[i].kind == TokenKind::kNumber; }
  bool Glued(size_t i) const {  // token i touches token i-1
    return i > 0 && i < n_ && tokens_[i].begin_byte == tokens_[i - 1].end_byte;
  }
  bool IsHyph(size_t i) const;
  bool IsStop(size_t i) const;  // a '.' token
  bool UnitAt(size_t i, Unit* u) const {
    const DateWord& w = D(i);
    if (!w.Is(kUnitWord)) return false;
    // A reader's "min" only in lower case after a figure ("45 min"; not
    // the ticker "MIN" nor a surname).
    if (K(i) == "min" && (Upper(i) || i == 0 || !IsNum(i - 1))) return false;
    *u = w.unit;
    return true;
  }
  bool Number(size_t i, double* v, size_t* next, bool allow_article) const;
  bool DayNum(size_t i, int* d) const;
  bool Year(size_t i, int* y) const;
  // Month name at i (capitalised; an abbreviation needs a '.' or a number
  // after it). *next: past the name and the abbreviation's '.'.
  int Month(size_t i, size_t* next = nullptr) const;
  std::string YearOr(int y) const { return y > 0 ? Fmt("%04d", y) : "XXXX"; }

  // --- context ---
  // The tense of the clause around token i (same sentence, a few tokens).
  // For an expression of several tokens ("4 a.m. EDT Thursday"), `from` is
  // its first token: the words before it are scanned back from there.
  Tense TenseBefore(size_t i) const { return TenseAround(i, i); }
  Tense TenseAround(size_t from, size_t i) const;
  bool Attribution(size_t j, size_t not_at = 0) const;
  // Whether a date beginning at token `from` opens its sentence, alone or
  // after a preposition ("Today, ...", "On Monday, ...").
  bool Opens(size_t from) const {
    return from < n_ && (tokens_[from].sentence_start || (from > 0 && tokens_[from - 1].sentence_start));
  }
  // Whether a comma comes within `n` tokens from token `from`, in its sentence.
  bool CommaWithin(size_t from, size_t n) const {
    for (size_t c = from; c < n_ && c < from + n && !tokens_[c].sentence_start; ++c)
      if (K(c) == ",") return true;
    return false;
  }
  bool InfinitiveAhead(size_t j) const;
  bool ForwardLead(size_t from) const;
  bool AbbreviationEndsPhrase(size_t i) const;  // a month's abbreviation alone after a time preposition
  // The middle word of "as ... as" right before token `from` ("soon" of "as
  // soon as Tuesday", "early" of "as early as May"); empty where none is.
  Key AsAsBefore(size_t from) const {
    return from >= 3 && K(from - 1) == "as" && K(from - 3) == "as" ? K(from - 2) : Key();
  }
  bool DueAfter(size_t i) const;
  bool LinkedPrevious(size_t from, CivilDate* prev, bool* range) const;
  int LinkedYear(size_t i, int m, int d) const;
  bool VerbLast(size_t j) const;
  Tense CueAt(size_t j) const;
  int YearForMonth(int m, Tense t) const;
  // The year of a month (or a day) without one at token i: the explicit year
  // the sentence named just before it, in the last mention or after it, or
  // the one that mention took so ("in 2018, the drought lasted from May
  // until late October"; in a future clause only one not past), else
  // YearForMonth / YearForDay.
  // *deictic: the year was "this year", "last year" or "next year".
  int SentenceYear(size_t i, bool* deictic = nullptr) const;
  // Whether the schedule verb at token j is a plural subject's present, an
  // event's time ahead (Scanner::CueAt).
  bool ScheduledPresent(size_t j) const;
  int ClauseYear(size_t i, Tense t, int m, int d) const;
  int MonthYearAt(size_t i, int m) const { return DayYearAt(i, m, 0); }
  int DayYearAt(size_t i, int m, int d) const;  // d 0: a month's
  int YearForDay(int m, int d, Tense t) const;
  // Values that also become the reference of later anaphora.
  std::string DayVal(int y, int m, int d);
  std::string MonthVal(int y, int m);
  std::string YearVal(int y);
  size_t DayDate(size_t i, std::string* value);
  int RangeYear(size_t j, int m) const;
  // The weekday at i as a day: in a future clause the next one from the
  // anchor on, else the latest one not after it. `from`: the first token of
  // the expression it ends ("noon Thursday"), for the tense.
  std::string WeekdayVal(size_t i) { return WeekdayVal(i, i); }
  int64_t RelativeWeekday(int d, int wd) const;
  size_t DayAfterTime(size_t at, size_t from, std::string* day);
  std::string WeekdayVal(size_t i, size_t from);
  int CenturyAt(size_t j, size_t* end) const;
  int ListedDecade(size_t i) const;

  Outcome Emit(size_t begin, size_t end, v1::TimexType t, std::string v, std::string_view rule) {
    emit_date_ = t == v1::DATE || t == v1::TIME ? CalendarPart(v) : CivilDate{};
    if (story_day_.year == 0 && emit_date_.day > 0 && !Reported(begin) && !Dateline(begin, end)) story_day_ = emit_date_;
    hits_.push_back(Hit{begin, end, t, std::move(v), rule});
    emit_begin_ = begin, emit_end_ = end, emit_year_ = year_taken_, year_taken_ = 0;
    return Outcome::kHit;
  }

  // --- start conditions and matchers (dates_rules.cc) ---
  bool PartOfDayMayStart(size_t i) const;
  Outcome PartOfDay(size_t i);
  Outcome WeekdayPlural(size_t i);
  bool AnaphorMayStart(size_t i) const;
  Outcome Anaphor(size_t i);
  bool LastNightMayStart(size_t i) const;
  Outcome LastNight(size_t i);
  Outcome Tonight(size_t i);
  bool NumericMayStart(size_t i) const;
  Outcome Numeric(size_t i);
  bool ClockMayStart(size_t i) const;
  Outcome Clock(size_t i);
  bool YearRangeMayStart(size_t i) const;
  Outcome YearRange(size_t i);
  bool WeekdayDateMayStart(size_t i) const;
  Outcome WeekdayDate(size_t i);
  bool DayAndDayMayStart(size_t i) const;
  Outcome DayAndDay(size_t i);
  bool DayOfMonthMayStart(size_t i) const;
  Outcome DayOfMonth(size_t i);
  bool DayMonthMayStart(size_t i) const;
  Outcome DayMonth(size_t i);
  Outcome MonthName(size_t i);
  bool DecadeMayStart(size_t i) const;
  Outcome Decade(size_t i);
  bool PartOfPeriodMayStart(size_t i) const;
  Outcome PartOfPeriod(size_t i);
  Outcome WeekOfMonth(size_t i);
  Outcome EarlyLate(size_t i);
  bool FiscalMayStart(size_t i) const;
  Outcome Fiscal(size_t i);
  bool DurationMayStart(size_t i) const;
  Outcome MonthsOfAYear(size_t i);
  Outcome Duration(size_t i);
  Outcome DurationAgo(size_t i, size_t e, const Unit& u, double n, bool vague, bool ahead);
  Outcome DurationBare(size_t i);
  bool GluedDurationMayStart(size_t i) const;
  Outcome GluedDuration(size_t i);
  bool SetMayStart(size_t i) const;
  Outcome Set(size_t i);
  Outcome SetDays(size_t i, size_t j);
  bool SetAdverbMayStart(size_t i) const;
  Outcome SetAdverb(size_t i);
  bool RelativeMayStart(size_t i) const;
  Outcome Relative(size_t i);
  Outcome WeekdayName(size_t i);
  bool DeicticMayStart(size_t i) const;
  Outcome Deictic(size_t i);
  bool TodayIsTheDay(size_t i) const;
  int TodayClauseCue(size_t i, size_t j) const;
  bool AfterSubject(size_t j) const;
  bool YearAloneMayStart(size_t i) const;
  Outcome YearAlone(size_t i);
  // A year in words at i ("nineteen ninety-six"); returns its end or 0.
  size_t SpelledYear(size_t i, int* y) const;
  bool SpelledYearMayStart(size_t i) const;
  Outcome SpelledYearAlone(size_t i);
  // Reporting periods (dates_periods.cc). Quarters are counted as
  // year * 4 + quarter - 1.
  bool PeriodMayStart(size_t i) const;
  Outcome Period(size_t i);
  Outcome Quarter(size_t i, size_t end, int ord, int year, int shift, Key picker);
  bool OfFiscalYear(size_t i, int* year) const;
  Outcome Half(size_t i, size_t end, int ord, int year);
  int QuarterIn(int n, Tense t) const;
  size_t MonthsQuarterEnd(size_t j) const;
  int AnchorQuarter() const;
  int FocusQuarter() const;
  std::string QuarterVal(int q);
  // Deictic periods and clock words (dates_deixis.cc). Seasons are counted
  // as year * 4 + (spring 0, summer 1, autumn 2, winter 3).
  bool RefPeriodMayStart(size_t i) const;
  Outcome RefPeriod(size_t i);
  bool WeekendSeasonMayStart(size_t i) const;
  Outcome WeekendSeason(size_t i);
  int SeasonByTense(Tense tense, int idx) const;
  bool BareSeasonMayStart(size_t i) const;
  bool HabitAround(size_t i) const;
  Outcome BareSeason(size_t i);
  bool SeasonYearMayStart(size_t i) const;
  Outcome SeasonYear(size_t i);
  bool NoonMayStart(size_t i) const;
  Outcome Noon(size_t i);
  int AnchorSeason() const;
  std::string SeasonOf(int d, std::string_view code) const;
  std::string SeasonVal(int s) const;
  bool RelativePointMayStart(size_t i) const;
  Outcome RelativePoint(size_t i);
  bool HolidayMayStart(size_t i) const;
  Outcome Holiday(size_t i);
  int NthWeekdayOrdinal(size_t i) const;
  bool NthWeekdayMayStart(size_t i) const;
  Outcome NthWeekday(size_t i);
  bool HolidayAt(size_t i, size_t from, size_t* end, std::string* value);
  bool FrequencyMayStart(size_t i) const;
  Outcome Frequency(size_t i);
  bool RateMayStart(size_t i) const;
  Outcome Rate(size_t i);
  bool PresentIdiomMayStart(size_t i) const;
  Outcome PresentIdiom(size_t i);
  bool ShortYearMayStart(size_t i) const;
  Outcome ShortYear(size_t i);

 private:
  size_t NextCandidate(size_t i, FamilyMask* families) const;
  FamilyMask StartFamilies(size_t i) const;
  bool Try(size_t i, FamilyMask families);
  void ResetParagraph();

  std::string_view text_;
  const std::vector<Token>& tokens_;
  const KeyViews& keys_;
  const size_t n_;
  const CivilDate* anchor_;
  const DateVocab& vocab_;
  const std::vector<RuleFamily>& families_;
  const bool gated_;
  // D() by token index modulo kCache: the rules look at most a few tokens
  // around the current one.
  static constexpr size_t kCache = 64;
  struct CachedWord {
    size_t index;
    const DateWord* word;
  };
  mutable CachedWord cache_[kCache];
  std::vector<Hit> hits_;

 public:
  // Anchor in days (0 without one); the reference for anaphora: the last
  // month (ref_year_, ref_month_: the document's whole text) and the last
  // day, month and year mentioned in the current paragraph (para_*).
  int64_t adays_ = 0;
  int ref_year_ = 0, ref_month_ = 0;
  // Whether the text has named a day or a month yet (ref_* start at the
  // anchor's).
  bool month_named_ = false;
  CivilDate ref_day_;
  int para_year_ = 0, para_month_ = 0, para_day_ = 0;
  // The last quarter the text named (year * 4 + quarter - 1; 0: none).
  int ref_quarter_ = 0;
  // The day of the last date alone on its line (a live page's or a
  // timeline's heading: "Thursday 6 March"), for the clock times that
  // begin the lines after it; year 0: none yet.
  CivilDate line_day_;
  // The tokens of the last mention emitted, and the year it took from its
  // sentence (SentenceYear; 0: none), for the next one in the sentence;
  // year_taken_: the year the mention being matched took.
  size_t emit_begin_ = 0, emit_end_ = 0;
  int emit_year_ = 0;
  // The calendar part of that mention's value (CalendarPart), for the one
  // that goes on from it (LinkedPrevious).
  CivilDate emit_date_;
  // The first day the text named for what happened, not for a report of it
  // ("killed 11 workers on Friday night, police said on Saturday": Friday),
  // the story's day as its lead gives it; year 0: none yet.
  CivilDate story_day_;
  // The day and hour of the last clock time given a day from the text (for
  // the small hours after an evening: Clock).
  int64_t last_clock_days_ = 0;
  int last_clock_hour_ = -1;
  bool Reported(size_t begin) const;
  bool Dateline(size_t begin, size_t end) const;
  mutable int year_taken_ = 0;
  // MonthFirstDocument's answer once read (-1: not yet).
  mutable int month_first_ = -1;
  bool MonthFirstDocument() const;
  bool LineStart(size_t i) const { return i == 0 || (i < n_ && tokens_[i].line_break_before); }
};

}  // namespace tidings::enrich::dates
