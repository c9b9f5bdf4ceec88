// Families for periods named relative to the anchor without a number: "in
// the past", "the near future", "over the weekend", "this summer", "last
// fall", "over the summer", and the clock words "noon", "midnight" and
// "midday".

#include "enrich/dates_scanner.h"

namespace tidings::enrich::dates {

namespace {
// Prepositions that make "the past" / "the future" a time ("in the past",
// "for the future"), not a subject ("the past haunts him").
bool TimePreposition(Key p) {
  return p == "in" || p == "into" || p == "for" || p == "of" || p == "from" || p == "to" || p == "toward" ||
         p == "towards" || p == "than" || p == "until" || p == "like";
}
// Words that may follow such a "the past" without making it a modifier
// ("the past few years", "the past decade" are durations; "the future of
// Europe" a state of things).
bool EndsPhrase(Key n) {
  return n.empty() || n == "," || n == "." || n == ";" || n == ":" || n == ")" || n == "'" || n == "-" ||
         n == "and" || n == "or" || n == "but" || n == "that" || n == "when" || n == "as" || n == "is" ||
         n == "was" || n == "has" || n == "have" || n == "had" || n == "will" || n == "would" || n == "it" ||
         n == "they" || n == "we" || n == "he" || n == "she" || n == "i" || n == "you" || n == "the" ||
         n == "a" || n == "to" || n == "in" || n == "on" || n == "at" || n == "by" || n == "with" ||
         n == "if" || n == "because" || n == "there" || n == "this";
}
// Seasons in a row: spring 0, summer 1, autumn 2, winter 3 (December to
// February, named by the year it begins in).
int SeasonIndex(std::string_view code) {
  return code == "SP" ? 0 : code == "SU" ? 1 : code == "FA" ? 2 : 3;
}
constexpr std::string_view kSeasonCodes[] = {"SP", "SU", "FA", "WI"};
}  // namespace

// The season holding the anchor, counted as year * 4 + SeasonIndex.
int Scanner::AnchorSeason() const {
  if (!anchor_) return 0;
  const int m = anchor_->month;
  if (m <= 2) return (anchor_->year - 1) * 4 + 3;
  return anchor_->year * 4 + (m == 12 ? 3 : (m - 3) / 3);
}

// --- "in the past", "the near future", "in the distant past" ---
bool Scanner::RefPeriodMayStart(size_t i) const {
  const Key n = K(i + 1);
  return n == "past" || n == "future" || n == "near" || n == "distant" || n == "foreseeable";
}

Outcome Scanner::RefPeriod(size_t i) {
  if (!(K(i) == "the" && RefPeriodMayStart(i) && TimePreposition(K(i - 1)))) return Outcome::kNone;
  size_t j = i + 1;
  const Key adj = K(j);
  if (adj == "near" || adj == "distant" || adj == "foreseeable") ++j;
  const Key w = K(j);
  if (!(w == "past" || w == "future") || (adj == "foreseeable" && w == "past") || !EndsPhrase(K(j + 1))) {
    return Outcome::kNone;
  }
  return Emit(i, j + 1, v1::DATE, w == "past" ? "PAST_REF" : "FUTURE_REF", "ref-period");
}

// --- "over the weekend", "the summer", after a preposition: the latest one
// begun (past or no cue) or the next one (future) ---
bool Scanner::WeekendSeasonMayStart(size_t i) const {
  const Key p = K(i - 1);
  const bool lead = p == "over" || p == "during" || p == "in" || p == "at" || p == "on" || p == "for" ||
                    p == "of" || p == "through" || p == "until" || p == "since" || p == "after" || p == "before";
  return lead && (K(i + 1) == "weekend" || D(i + 1).Is(kSeasonWord)) && !Upper(i + 1);
}

Outcome Scanner::WeekendSeason(size_t i) {
  if (!(K(i) == "the" && WeekendSeasonMayStart(i))) return Outcome::kNone;
  const bool future = TenseBefore(i) == Tense::kFuture;
  if (K(i + 1) == "weekend") {
    if (!anchor_) return Emit(i, i + 2, v1::DATE, "XXXX-WXX-WE", "the-weekend");
    // The Saturday of the weekend: the last one not after the anchor (a
    // Sunday's is the day before), or the next one.
    const int wd = Weekday(adays_);
    const int64_t sat = future ? adays_ + (5 - wd + 7) % 7 : adays_ - (wd - 5 + 7) % 7;
    return Emit(i, i + 2, v1::DATE, IsoWeekValue(sat) + "-WE", "the-weekend");
  }
  const int idx = SeasonIndex(D(i + 1).season);
  if (!anchor_) return Emit(i, i + 2, v1::DATE, "XXXX-" + std::string(D(i + 1).season), "the-season");
  int s = AnchorSeason() - (AnchorSeason() % 4) + idx;
  if (future) {
    while (s < AnchorSeason()) s += 4;
  } else if (s > AnchorSeason()) {
    s -= 4;
  }
  return Emit(i, i + 2, v1::DATE, SeasonVal(s), "the-season");
}

// "this summer": the one of the anchor's season year; "last summer": the
// latest before the anchor's season; "next summer": the first after it.
std::string Scanner::SeasonOf(int d, std::string_view code) const {
  if (!anchor_) return "XXXX-" + std::string(code);
  const int cur = AnchorSeason(), idx = SeasonIndex(code);
  int s = cur - cur % 4 + idx;
  if (d < 0) {
    while (s >= cur) s -= 4;
  } else if (d > 0) {
    while (s <= cur) s += 4;
  }
  return SeasonVal(s);
}

std::string Scanner::SeasonVal(int s) const {
  return Fmt("%04d-", s / 4) + std::string(kSeasonCodes[s % 4]);
}

// --- "noon Thursday", "at midnight", "midday on 3 May" ---
bool Scanner::NoonMayStart(size_t i) const {
  const Key p = K(i - 1);
  const bool lead = p == "at" || p == "by" || p == "until" || p == "till" || p == "before" || p == "after" ||
                    p == "around" || p == "about" || p == "from" || p == "since" || p == "past";
  return lead || D(i + 1).weekday >= 0 || K(i + 1) == "on" || K(i + 1) == "today" || K(i + 1) == "tomorrow" ||
         K(i + 1) == "yesterday";
}

Outcome Scanner::Noon(size_t i) {
  const Key k = K(i);
  if (!((k == "noon" || k == "midnight" || k == "midday") && NoonMayStart(i))) return Outcome::kNone;
  const char* clock = k == "midnight" ? "T24:00" : "T12:00";
  size_t at = K(i + 1) == "on" ? i + 2 : i + 1;
  std::string day;
  size_t end = at;
  if (D(at).weekday >= 0 && Upper(at)) {
    day = WeekdayVal(at), end = at + 1;
  } else if (K(at) == "today" || K(at) == "tomorrow" || K(at) == "yesterday") {
    const int delta = K(at) == "today" ? 0 : K(at) == "tomorrow" ? 1 : -1;
    day = anchor_ ? DayValue(CivilFromDays(adays_ + delta)) : "XXXX-XX-XX", end = at + 1;
  } else if (size_t e = DayDate(at, &day)) {
    end = e;
  } else {
    end = i + 1;
    day = ref_day_.year > 0 ? DayValue(ref_day_) : "XXXX-XX-XX";
  }
  return Emit(i, end, v1::TIME, day + clock, "noon");
}

// --- years in words: "nineteen ninety-six", "the year two thousand" ---
bool Scanner::SpelledYearMayStart(size_t i) const {
  if (K(i) == "the") return K(i + 1) == "year" && D(i + 2).Is(kNumberWord);
  return D(i + 1).Is(kNumberWord);
}

Outcome Scanner::SpelledYearAlone(size_t i) {
  if (!SpelledYearMayStart(i)) return Outcome::kNone;
  int y = 0;
  if (K(i) == "the") {
    double v = 0;
    size_t end = 0;
    if (!Number(i + 2, &v, &end, false) || v < 1000 || v > 2199) return Outcome::kNone;
    if (K(end) == "and" && D(end + 1).number > 0 && D(end + 1).number < 100) {  // "two thousand and one"
      double more = 0;
      if (Number(end + 1, &more, &end, false)) v += more;
    }
    return Emit(i, end, v1::DATE, YearVal(static_cast<int>(v)), "spelled-year");
  }
  if (size_t end = SpelledYear(i, &y)) return Emit(i, end, v1::DATE, YearVal(y), "spelled-year");
  return Outcome::kNone;
}

}  // namespace tidings::enrich::dates
