// Families for periods named relative to the anchor without a number: "in
// the past", "the near future", "over the weekend", "this summer", "last
// fall", "over the summer", and the clock words "noon", "midnight" and
// "midday".

#include <cstdlib>
#include <utility>

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
// The season holding month m of year y, counted as year * 4 + SeasonIndex.
int SeasonOfMonth(int y, int m) { return m <= 2 ? (y - 1) * 4 + 3 : y * 4 + (m == 12 ? 3 : (m - 3) / 3); }
// Season idx in the year of season cur: d 0 that one, d < 0 the latest
// before cur, d > 0 the first after it.
int StepSeason(int cur, int idx, int d) {
  int s = cur - cur % 4 + idx;
  if (d < 0) {
    while (s >= cur) s -= 4;
  } else if (d > 0) {
    while (s <= cur) s += 4;
  }
  return s;
}
}  // namespace

// The season holding the anchor, counted as year * 4 + SeasonIndex.
int Scanner::AnchorSeason() const { return anchor_ ? SeasonOfMonth(anchor_->year, anchor_->month) : 0; }

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
                    p == "of" || p == "through" || p == "until" || p == "since" || p == "after" || p == "before" ||
                    p == "by";
  return lead && (K(i + 1) == "weekend" || D(i + 1).Is(kSeasonWord)) && !Upper(i + 1);
}

// The season idx (SeasonIndex) that a clause's tense names: the coming one
// in a future clause, the latest begun in a past one, else the nearest.
int Scanner::SeasonByTense(Tense tense, int idx) const {
  const int cur = AnchorSeason();
  int s = cur - (cur % 4) + idx;
  if (tense == Tense::kFuture) {
    while (s < cur) s += 4;
  } else if (tense == Tense::kPast) {
    if (s > cur) s -= 4;
  } else {
    // No tense: the nearest ("until the works are complete in the spring"
    // in late December is the coming one), the coming one on a tie.
    if (s - cur > 2) s -= 4;
    if (cur - s >= 2) s += 4;
  }
  return s;
}

// --- a season without "the" in a clause with a tense: "in summer", "by
// late autumn", "the autumn term ends", "summer timetables run from"; not a
// name ("Arab Spring"), a modifier of other things ("summer dresses", "in
// winter storms"), "a summer of", an accident ("died after fall", "injured
// in fall": "fall" needs "the" or "this"), a spring of water ("from spring
// and well sources"), nor a habit ("Bears hibernate in winter", "roads
// usually close in winter") ---
// A schedule a season names ("the autumn term", "summer timetables").
static bool ScheduleNoun(Key n) {
  return n == "term" || n == "break" || n == "holiday" || n == "holidays" || n == "recess" || n == "schedule" ||
         n == "schedules" || n == "timetable" || n == "timetables" || n == "season" || n == "session" ||
         n == "semester" || n == "sitting";
}

bool Scanner::BareSeasonMayStart(size_t i) const {
  if (!D(i).Is(kSeasonWord) || Upper(i) || K(i) == "fall") return false;
  const bool mod = K(i - 1) == "early" || K(i - 1) == "late" || K(i - 1) == "mid";
  const Key p = K(mod ? i - 2 : i - 1), n = K(i + 1);
  if (ScheduleNoun(n)) return true;
  // After a time preposition, the season alone: not a modifier of the word
  // after it ("in winter storms", "from spring onions").
  if (!EndsPhrase(n) || Upper(i + 1) || (!mod && K(i) == "spring" && (n == "and" || n == "or"))) return false;
  if (p == "in" || p == "by" || p == "during" || p == "until" || p == "till" || p == "through" || p == "since" ||
      p == "before" || p == "after" || p == "over" || p == "and" || p == "or") {
    return !(p == "and" || p == "or") || mod;
  }
  return false;
}

// A habit in the sentence of token i: "usually", "every year", "tend to".
bool Scanner::HabitAround(size_t i) const {
  auto habit = [&](size_t j) {
    const Key k = K(j);
    return k == "usually" || k == "typically" || k == "often" || k == "always" || k == "generally" ||
           k == "normally" || k == "every" || k == "each" || k == "tend" || k == "tends" || k == "traditionally";
  };
  for (size_t j = i; j > 0 && !tokens_[j].sentence_start;) {
    if (habit(--j)) return true;
  }
  for (size_t j = i + 1; j < n_ && !tokens_[j].sentence_start; ++j) {
    if (habit(j)) return true;
  }
  return false;
}

Outcome Scanner::BareSeason(size_t i) {
  if (!BareSeasonMayStart(i)) return Outcome::kNone;
  const bool mod = K(i - 1) == "early" || K(i - 1) == "late" || K(i - 1) == "mid";
  const size_t begin = mod && !(emit_end_ > i - 1 && emit_begin_ <= i - 1) ? i - 1 : i;
  const int idx = SeasonIndex(D(i).season);
  if (!anchor_) return Emit(begin, i + 1, v1::DATE, "XXXX-" + std::string(D(i).season), "season");
  // No habit; and a season the clause's tense places, or a schedule, or the
  // next of a list ("in the spring and late summer").
  if (HabitAround(begin)) return Outcome::kNone;
  const bool listed = emit_end_ + 1 == begin && (K(emit_end_) == "and" || K(emit_end_) == "or");
  const bool schedule = ScheduleNoun(K(i + 1)) && K(i + 1) != "season";
  Tense t = TenseBefore(begin);
  if (!(schedule || listed) && t == Tense::kUnknown) return Outcome::kNone;
  // Back "from its summer recess": the one just past.
  const Key d = K(begin - 1);
  if ((d == "its" || d == "the" || d == "their") && K(begin - 2) == "from") t = Tense::kPast;
  return Emit(begin, i + 1, v1::DATE, SeasonVal(SeasonByTense(t, idx)), "season");
}

Outcome Scanner::WeekendSeason(size_t i) {
  if (!(K(i) == "the" && WeekendSeasonMayStart(i))) return Outcome::kNone;
  // "the fall of Gaddafi", "the fall of the regime", "the fall in prices":
  // the noun, not autumn (but "in the fall in Vermont", "the fall of each
  // year": a name or a time's preposition before it keeps the season).
  if (K(i + 1) == "fall") {
    const Key a = K(i + 3), p = K(i - 1);
    const bool of_a_name = K(i + 2) == "of" && !IsNum(i + 3) &&
                           (Upper(i + 3) || a == "the" || a == "a" || a == "an" || a == "his" || a == "her" ||
                            a == "its" || a == "their");
    const bool in_a_measure = K(i + 2) == "in" && !Upper(i + 3) &&
                              !(p == "in" || p == "during" || p == "by" || p == "until" || p == "till" ||
                                p == "through" || p == "before" || p == "since");
    if (of_a_name || in_a_measure) return Outcome::kNone;
  }
  const Tense tense = TenseBefore(i);
  // "by the weekend": a deadline, the coming one but in a past clause.
  const bool future = tense == Tense::kFuture || (K(i - 1) == "by" && tense != Tense::kPast);
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
  return Emit(i, i + 2, v1::DATE, SeasonVal(SeasonByTense(tense, idx)), "the-season");
}

// --- a season of a year: "the summer of 1987", "spring 2024", "autumn of
// 2026", "the winter of 1944-45" (the winter that begins in 1944) ---
bool Scanner::SeasonYearMayStart(size_t i) const {
  const size_t s = K(i) == "the" ? i + 1 : i;
  const Key r = K(s + 1);
  return D(s).Is(kSeasonWord) &&
         (IsNum(r == "of" ? s + 2 : s + 1) || ((r == "next" || r == "last" || r == "this") && K(s + 2) == "year"));
}

Outcome Scanner::SeasonYear(size_t i) {
  const size_t s = K(i) == "the" ? i + 1 : i;
  if (!D(s).Is(kSeasonWord)) return Outcome::kNone;
  // A season, not a verb ("prices fall 1,200 points"): after "the", a
  // time preposition, or capitalised.
  const Key p = K(i - 1);
  if (!(s > i || Upper(s) || TimePreposition(p) || p == "since" || p == "by" || p == "during" || p == "before" ||
        p == "after" || p == "through"))
    return Outcome::kNone;
  const size_t at = K(s + 1) == "of" ? s + 2 : s + 1;
  int y = 0;
  // "spring next year", "autumn last year": the season of that year, after
  // "the", a lead-in of time or capitalised (not the verb: "expected to
  // fall next year", "could fall this year").
  const bool season_lead = s > i || Upper(s) || p == "in" || p == "during" || p == "by" || p == "until" ||
                           p == "till" || p == "since" || p == "before" || p == "after" || p == "through" ||
                           p == "from" || p == "over";
  if (const Key r = K(at); anchor_ != nullptr && season_lead && (K(s) != "fall" || s > i || Upper(s)) &&
                           (r == "next" || r == "last" || r == "this") && K(at + 1) == "year")
    return Emit(s, at + 2, v1::DATE,
                Fmt("%04d-", anchor_->year + (r == "next" ? 1 : r == "last" ? -1 : 0)) + std::string(D(s).season),
                "season-year");
  if (!Year(at, &y)) return Outcome::kNone;
  size_t end = at + 1;
  const Key second = K(end + 1);
  if (IsHyph(end) && Glued(end) && Glued(end + 1) && IsNum(end + 1) && second.size() == 2) end += 2;
  // "the" belongs to the date before "of" only ("the spring 2025 collection").
  return Emit(at == s + 2 ? i : s, end, v1::DATE, Fmt("%04d-", y) + std::string(D(s).season), "season-year");
}

// "this summer": the one of the anchor's season year; "last summer": the
// latest before the anchor's season; "next summer": the first after it.
std::string Scanner::SeasonOf(int d, std::string_view code) const {
  if (!anchor_) return "XXXX-" + std::string(code);
  return SeasonVal(StepSeason(AnchorSeason(), SeasonIndex(code), d));
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
  size_t end = DayAfterTime(at, i, &day);
  if (end == 0) {
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

// --- "the next day", "the following week", "the previous year": a point
// one unit from the date in focus (the paragraph's last day, else the
// anchor). After for/over/within/during it is a span (the duration family).
bool Scanner::RelativePointMayStart(size_t i) const {
  const Key n = K(i + 1), p = K(i - 1);
  if (!(n == "next" || n == "following" || n == "previous")) return false;
  const Key u = K(i + 2);
  if (!(u == "day" || u == "week" || u == "month" || u == "year" || (D(i + 2).weekday >= 0 && Upper(i + 2)) ||
        D(i + 2).Is(kSeasonWord)))
    return false;
  return !(p == "for" || p == "over" || p == "within" || p == "during" || p == "throughout" || p == "across");
}

Outcome Scanner::RelativePoint(size_t i) {
  if (!(K(i) == "the" && RelativePointMayStart(i))) return Outcome::kNone;
  const int d = K(i + 1) == "previous" ? -1 : 1;
  const Key u = K(i + 2);
  const bool have = ref_day_.year > 0;
  // "the following Tuesday", "the previous Friday": the first such weekday
  // after (before) the day the text last named.
  if (const int wd = D(i + 2).weekday; wd >= 0) {
    if (!have) return Emit(i, i + 3, v1::DATE, "XXXX-XX-XX", "relative-point-weekday");
    const int64_t ref = DaysOf(ref_day_);
    const int cur = Weekday(ref);
    const int64_t day = d > 0 ? ref + ((wd - cur + 6) % 7 + 1) : ref - ((cur - wd + 6) % 7 + 1);
    const CivilDate c = CivilFromDays(day);
    return Emit(i, i + 3, v1::DATE, DayVal(c.year, c.month, c.day), "relative-point-weekday");
  }
  if (u == "day") {
    if (!have) return Emit(i, i + 3, v1::DATE, "XXXX-XX-XX", "relative-point");
    const CivilDate c = CivilFromDays(DaysOf(ref_day_) + d);
    return Emit(i, i + 3, v1::DATE, DayVal(c.year, c.month, c.day), "relative-point");
  }
  if (u == "week") {
    return Emit(i, i + 3, v1::DATE, have ? IsoWeekValue(DaysOf(ref_day_) + 7 * d) : "XXXX-WXX", "relative-point");
  }
  // "the following spring", "the previous winter": the first such season
  // after (before) the one of the date the paragraph last named; after a
  // year alone, in the year after (before) it.
  if (D(i + 2).Is(kSeasonWord)) {
    const int idx = SeasonIndex(D(i + 2).season);
    // The paragraph's last date, or the last mention's ("the end of 2023").
    const CivilDate last = para_year_ > 0 ? CivilDate{para_year_, para_month_, 0} : emit_date_;
    if (last.year <= 0) return Emit(i, i + 3, v1::DATE, "XXXX-" + std::string(kSeasonCodes[idx]), "relative-point");
    if (last.month <= 0) return Emit(i, i + 3, v1::DATE, SeasonVal((last.year + d) * 4 + idx), "relative-point");
    return Emit(i, i + 3, v1::DATE, SeasonVal(StepSeason(SeasonOfMonth(last.year, last.month), idx, d)),
                "relative-point");
  }
  if (u == "month") {
    int yy = ref_year_, mm = ref_month_;
    if (yy <= 0 || mm <= 0) return Emit(i, i + 3, v1::DATE, "XXXX-XX", "relative-point");
    AddMonths(&yy, &mm, d);
    return Emit(i, i + 3, v1::DATE, MonthVal(yy, mm), "relative-point");
  }
  const int y = para_year_ > 0 ? para_year_ : ref_year_;
  return Emit(i, i + 3, v1::DATE, y > 0 ? YearVal(y + d) : "XXXX", "relative-point");
}

namespace {
// Month and day of a holiday in year y (0 month if the words name none).
// Thanksgiving is the US one: the fourth Thursday of November.
// Easter Sunday of year y (Gregorian calendar; the anonymous algorithm
// published by Meeus), as days since the epoch.
int64_t EasterDays(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  const int n = h + l - 7 * m + 114;
  return DaysFromCivil(y, n / 31, n % 31 + 1);
}

// The Persian new year, as the languages of its countries spell it.
bool IsNowruz(Key w) { return w == "nowruz" || w == "navruz" || w == "norooz" || w == "nauryz" || w == "novruz"; }

std::pair<int, int> HolidayDate(Key w, Key next, int y) {
  if (w == "christmas" || w == "xmas") return {12, next == "eve" ? 24 : 25};
  if (w == "new" && next == "year") return {12, 31};  // the caller reads "Eve" or "Day"
  if (w == "halloween") return {10, 31};
  if (IsNowruz(w)) return {3, 21};  // as Central Asia keeps it (Iran's falls on the 20th or the 21st)
  if (w == "valentine") return {2, 14};
  if (w == "boxing") return {12, 26};
  auto civil = [](int64_t days) {
    const CivilDate c = CivilFromDays(days);
    return std::pair<int, int>{c.month, c.day};
  };
  if (w == "easter") return civil(EasterDays(y) + (next == "monday" ? 1 : 0));
  if (w == "good") return civil(EasterDays(y) - 2);
  if (w == "thanksgiving" || w == "black" || w == "cyber") {
    // The fourth Thursday of November; Black Friday the day after it,
    // Cyber Monday the Monday after it.
    const int first = Weekday(DaysFromCivil(y, 11, 1));  // 0 = Monday
    const int day = 1 + (3 - first + 7) % 7 + 21;
    return civil(DaysFromCivil(y, 11, day) + (w == "black" ? 1 : w == "cyber" ? 4 : 0));
  }
  if (w == "memorial") {  // the last Monday of May
    const int last = Weekday(DaysFromCivil(y, 5, 31));
    return {5, 31 - last};
  }
  if (w == "labor") {  // the first Monday of September
    const int first = Weekday(DaysFromCivil(y, 9, 1));
    return {9, 1 + (7 - first) % 7};
  }
  if (w == "election") {  // the Tuesday after the first Monday of November
    const int first = Weekday(DaysFromCivil(y, 11, 1));
    return {11, 2 + (7 - first) % 7};
  }
  if (w == "fourth") return {7, 4};  // "the Fourth of July"
  return {0, 0};
}

// The second word a two-word holiday needs ("Good Friday", "Boxing Day").
std::string_view HolidaySecondWord(Key w) {
  if (w == "boxing" || w == "memorial" || w == "labor" || w == "election") return "day";
  if (w == "good" || w == "black") return "friday";
  if (w == "cyber") return "monday";
  return {};
}
}  // namespace

// --- "the first Monday in October", "the fourth Thursday of November
// 2025", "the last Friday in June": that day of the month, in the month's
// year as a bare month would have it (by the clause's tense) or the year
// written after it ---
// 1-5 for "first".."fifth" and "1st".."5th", -1 for "last", 0 otherwise.
int Scanner::NthWeekdayOrdinal(size_t i) const {
  const Key k = K(i);
  if (k == "last") return -1;
  if (D(i).ordinal >= 1 && D(i).ordinal <= 5) return D(i).ordinal;
  static constexpr std::string_view kNumeric[] = {"1st", "2nd", "3rd", "4th", "5th"};
  for (int n = 0; n < 5; ++n)
    if (k == kNumeric[n]) return n + 1;
  return 0;
}

bool Scanner::NthWeekdayMayStart(size_t i) const {
  size_t end = 0;
  return K(i) == "the" && NthWeekdayOrdinal(i + 1) != 0 && D(i + 2).weekday >= 0 &&
         (K(i + 3) == "in" || K(i + 3) == "of") && Month(i + 4, &end) != 0;
}

Outcome Scanner::NthWeekday(size_t i) {
  if (!NthWeekdayMayStart(i)) return Outcome::kNone;
  const int ord = NthWeekdayOrdinal(i + 1), weekday = D(i + 2).weekday;
  size_t end = i + 5;
  const int m = Month(i + 4, &end);
  int y = 0;
  const size_t y_at = end + (K(end) == "," ? 1 : 0);
  if (Year(y_at, &y)) {
    end = y_at + 1;
  } else {
    y = MonthYearAt(i + 4, m);
  }
  if (y <= 0) return Emit(i, end, v1::DATE, MonthVal(y, m), "nth-weekday");
  const int first = 1 + (weekday - Weekday(DaysFromCivil(y, m, 1)) + 7) % 7;
  int day = first + 7 * (ord - 1);
  if (ord < 0) day = first + 7 * ((DaysInMonth(y, m) - first) / 7);
  if (day > DaysInMonth(y, m)) return Outcome::kNone;
  return Emit(i, end, v1::DATE, DayVal(y, m, day), "nth-weekday");
}

// --- "Christmas", "Christmas Eve", "New Year's Day", "last Thanksgiving",
// "Valentine's Day", "Halloween", "Boxing Day", "Easter", "Good Friday",
// "Easter Monday", "Black Friday", "Cyber Monday", "Memorial Day", "Labor
// Day", "Election Day", "the Fourth of July": the nearest one by the
// clause's tense, or this/last/next one ---
bool Scanner::HolidayMayStart(size_t i) const {
  const size_t j = K(i) == "last" || K(i) == "next" || K(i) == "this" ? i + 1 : i;
  const Key w = K(j), n = K(j + 1);
  if (!Upper(j) && w != "xmas") return false;  // "xmas" as posts write it
  // "New Year's Day" and "Valentine's Day" are tokens of a possessive.
  const bool possessive = K(j + 2) == "'" && K(j + 3) == "s";
  if (w == "new") return n == "year" && Upper(j + 1) && possessive && (K(j + 4) == "day" || K(j + 4) == "eve");
  if (w == "valentine") return n == "'" && K(j + 2) == "s" && K(j + 3) == "day";
  if (w == "fourth") return n == "of" && K(j + 2) == "july" && Upper(j + 2);
  if (const std::string_view second = HolidaySecondWord(w); !second.empty()) {
    return std::string_view(n) == second && Upper(j + 1);
  }
  // "Easter" is the Sunday; not a name's first word ("Easter Island") nor
  // a period named after it ("the Easter weekend", "Easter week").
  if (w == "easter") {
    return !(Upper(j + 1) && !(n == "sunday" || n == "monday" || n == "day")) && n != "week" && n != "weekend" &&
           n != "holiday" && n != "holidays" && n != "break" && n != "season" && n != "period" && n != "term";
  }
  if (!(w == "christmas" || w == "xmas" || w == "thanksgiving" || w == "halloween" || IsNowruz(w))) return false;
  // Not a name's first word ("Christmas Island"), except its own Day/Eve.
  return !(Upper(j + 1) && !(n == "day" || n == "eve"));
}

Outcome Scanner::Holiday(size_t i) {
  size_t end = 0;
  std::string value;
  if (!HolidayAt(i, i, &end, &value)) return Outcome::kNone;
  return Emit(i, end, v1::DATE, std::move(value), "holiday");
}

// The holiday at token i (HolidayMayStart), its end and its day; the tense
// is the clause's before token `from` (the holiday, or a time of day before
// it: "4.30am on New Year's Day"). False when no day fits.
bool Scanner::HolidayAt(size_t i, size_t from, size_t* end_out, std::string* value) {
  if (!HolidayMayStart(i)) return false;
  const Key rel = K(i);
  const bool relative = rel == "last" || rel == "next" || rel == "this";
  const size_t j = relative ? i + 1 : i;
  const Key w = K(j);
  size_t end = j + 1;
  bool new_year_day = false;
  if (w == "new") {
    new_year_day = K(j + 4) == "day";
    end = j + 5;
  } else if (w == "valentine") {
    end = j + 4;
  } else if (w == "fourth") {
    end = j + 3;
  } else if (K(j + 1) == "day" || K(j + 1) == "eve" || !HolidaySecondWord(w).empty() ||
             (w == "easter" && Upper(j + 1))) {
    end = j + 2;
  }
  // "Christmas Day 2021", "Thanksgiving, 2020": that year's.
  int year = 0;
  const size_t y_at = end + (K(end) == "," ? 1 : 0);
  if (!relative && Year(y_at, &year)) {
    const int y = year - (new_year_day ? 1 : 0);  // New Year's Day: the day after 31 December of the year before
    auto [m, d] = HolidayDate(w, K(j + 1), y);
    const CivilDate c = CivilFromDays(DaysFromCivil(y, m, d) + (new_year_day ? 1 : 0));
    *end_out = y_at + 1, *value = DayVal(c.year, c.month, c.day);
    return true;
  }
  *end_out = end;
  if (!anchor_) {
    *value = "XXXX-XX-XX";
    return true;
  }
  // Candidates in the years around the anchor; pick by this/last/next or tense.
  const Tense t = relative ? Tense::kUnknown : TenseAround(from, i);
  int64_t best = 0;
  bool found = false;
  for (int y = anchor_->year - 1; y <= anchor_->year + 1; ++y) {
    auto [m, d] = HolidayDate(w, K(j + 1), y);
    int64_t day = DaysFromCivil(y, m, d) + (new_year_day ? 1 : 0);  // 31 Dec + 1: New Year's Day
    const bool ok = rel == "last" || t == Tense::kPast     ? day < adays_
                    : rel == "next" || t == Tense::kFuture ? day > adays_
                    : rel == "this"                         ? CivilFromDays(day).year == anchor_->year
                                                            : true;
    if (!ok) continue;
    const bool better = !found || (rel == "last" || t == Tense::kPast ? day > best
                                   : rel == "next" || t == Tense::kFuture
                                       ? day < best
                                       : std::abs(day - adays_) < std::abs(best - adays_));
    if (better) best = day, found = true;
  }
  if (!found) return false;
  const CivilDate c = CivilFromDays(best);
  *value = DayVal(c.year, c.month, c.day);
  return true;
}

// --- "twice a year", "once a week", "three times a day", "four times per
// month": a SET of the unit's period ---
bool Scanner::FrequencyMayStart(size_t i) const {
  const Key k = K(i);
  const size_t j = k == "once" || k == "twice" || k == "thrice" ? i + 1 : K(i + 1) == "times" ? i + 2 : 0;
  if (j == 0) return false;
  const Key a = K(j);
  return (a == "a" || a == "an" || a == "per" || a == "each" || a == "every") && D(j + 1).Is(kUnitWord) &&
         !D(j + 1).unit.plural;
}

Outcome Scanner::Frequency(size_t i) {
  if (!FrequencyMayStart(i)) return Outcome::kNone;
  if (K(i + 1) == "times") {
    double n = 0;
    size_t after = 0;
    if (!Number(i, &n, &after, false) || after != i + 1) return Outcome::kNone;
  }
  const size_t unit_at = K(i + 1) == "times" ? i + 3 : i + 2;
  return Emit(i, unit_at + 1, v1::SET, DurationValue(D(unit_at).unit.code, 1), "frequency");
}

// --- the present in idioms: "these days", "at present", "at this time",
// "at the present time", "until the present" -> PRESENT_REF ---
bool Scanner::PresentIdiomMayStart(size_t i) const {
  const Key k = K(i), n = K(i + 1), p = K(i - 1);
  if (k == "these") return n == "days";
  if (k == "present") return p == "at";
  if (k == "this") return p == "at" && n == "time";
  if (k == "the") return n == "present" && (p == "at" || p == "until" || p == "to" || p == "till");
  return false;
}

Outcome Scanner::PresentIdiom(size_t i) {
  if (!PresentIdiomMayStart(i)) return Outcome::kNone;
  const Key k = K(i);
  size_t end = k == "present" ? i + 1 : i + 2;
  if (k == "the") {
    if (K(i + 2) == "time") end = i + 3;                  // "at the present time"
    else if (K(i - 1) == "at" || IsNum(i + 2)) return Outcome::kNone;  // "at the present rate"
  }
  // "at this time of year" is no present; "these days of ..." neither; nor
  // "at this time" in a past clause ("which at this time did not include").
  if (K(end) == "of" || (k == "this" && TenseAround(i, end - 1) == Tense::kPast)) return Outcome::kNone;
  return Emit(i, end, v1::DATE, "PRESENT_REF", "present-idiom");
}

// --- a year in two digits after an apostrophe: "back in '08", "since
// '79", "'12 and '16": the latest such year not after the anchor's next
// (1900s otherwise). Started at the number (numbers are tried anyway; an
// apostrophe is too common a token to start at) ---
bool Scanner::ShortYearMayStart(size_t i) const {
  if (i < 2 || K(i).size() != 2 || !IsNum(i) || K(i - 1) != "'" || !Glued(i)) return false;
  if (Glued(i + 1) && (K(i + 1) == "s" || K(i + 1) == "'")) return false;
  const Key p = K(i - 2);
  return p == "in" || p == "since" || p == "of" || p == "and" || p == "until" || p == "from" || p == "by" ||
         p == "to" || p == "," || D(i - 2).month > 0;
}

Outcome Scanner::ShortYear(size_t i) {
  if (!ShortYearMayStart(i)) return Outcome::kNone;
  const Key d = K(i);
  if (d[0] < '0' || d[0] > '9' || d[1] < '0' || d[1] > '9') return Outcome::kNone;
  const int yy = (d[0] - '0') * 10 + (d[1] - '0');
  const int limit = anchor_ != nullptr ? anchor_->year + 1 : 2030;
  const int y = 2000 + yy <= limit ? 2000 + yy : 1900 + yy;
  return Emit(i - 1, i + 1, v1::DATE, YearVal(y), "short-year");
}

// --- a rate: "$30 million a day", "three meals a day", "40 hours a week",
// "5% a year": "a" and a unit after an amount (a number, or a word after
// one) is a SET of the unit's period ---
bool Scanner::RateMayStart(size_t i) const {
  if (!((K(i) == "a" || K(i) == "an") && D(i + 1).Is(kUnitWord) && !D(i + 1).unit.plural && i >= 1)) return false;
  if (IsNum(i - 1) || K(i - 1) == "%") return true;
  double v = 0;
  size_t next = 0;
  if (i >= 2 && Number(i - 2, &v, &next, false) && next == i - 1) return true;  // "three meals a day"
  // "one train an hour", "5,400 flu patients a day": two words of the count,
  // no preposition or verb ("two goals in a day", "three doses given a month
  // apart").
  auto plain = [&](size_t j) {
    const Key k = K(j);
    return tokens_[j].kind == TokenKind::kWord && !Upper(j) && D(j).cls == 0 && k.size() > 2 && !PastForm(k) &&
           !IsParticiple(k) && k != "for" &&
           k != "per" && k != "than" && k != "over" && k != "into" && k != "from" && k != "about" && k != "after" &&
           k != "before" && k != "within" && k != "under" && k != "the" && k != "and";
  };
  if (i >= 3 && plain(i - 1) && plain(i - 2) && Number(i - 3, &v, &next, false) && next == i - 2) return true;
  // "2.1 million tonnes of cargo a year", "5,000 barrels of oil a day": a
  // measure of a thing.
  if (i >= 4 && K(i - 2) == "of" && plain(i - 1) && plain(i - 3)) {
    const Key s = K(i - 4);
    const bool scaled = s == "million" || s == "billion" || s == "thousand";
    if (scaled ? i >= 5 && Number(i - 5, &v, &next, false) && next == i - 4
               : Number(i - 4, &v, &next, false) && next == i - 3)
      return true;
  }
  // "20 million euros a day", "5 billion dollars a year"
  const Key scale = K(i - 2);
  return i >= 3 && (scale == "million" || scale == "billion" || scale == "thousand" || scale == "trillion") &&
         Number(i - 3, &v, &next, false) && next == i - 2;
}

Outcome Scanner::Rate(size_t i) {
  if (!RateMayStart(i)) return Outcome::kNone;
  const std::string_view code = D(i + 1).unit.code;
  // A clock's units and a distance in time are no rate ("a day later").
  const Key n = K(i + 2);
  if (code == "S" || n == "later" || n == "earlier" || n == "ago" || n == "after" || n == "before" ||
      n == "long" || n == "or" || n == "and" || n == "of" || n == "apart" || n == "into" || n == "ahead" ||
      n == "behind" || n == "early" || n == "late" || n == "away" || (n == "from" && K(i + 3) == "now"))
    return Outcome::kNone;
  return Emit(i, i + 2, v1::SET, DurationValue(code, 1), "rate");
}

}  // namespace tidings::enrich::dates
