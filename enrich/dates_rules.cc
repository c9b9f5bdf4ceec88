// The rule families of the date scanner and their table. Each family's
// start condition sits next to its matcher and is the only statement of it:
// the gate (Scanner::StartFamilies) and the vocabulary's start masks are
// derived from Families().

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "enrich/dates_scanner.h"

namespace tidings::enrich::dates {

// --- times of day: "the morning of 3 October", "this evening", "in the morning" ---
bool Scanner::PartOfDayMayStart(size_t i) const { return D(i + 1).Is(kPartWord); }

Outcome Scanner::PartOfDay(size_t i) {
  const Key k = K(i);
  if (!((k == "the" || k == "this" || k == "that") && D(i + 1).Is(kPartWord))) return Outcome::kNone;
  const std::string part(D(i + 1).part);
  if (K(i + 2) == "of") {
    std::string v;
    if (size_t e = DayDate(i + 3, &v)) return Emit(i, e, v1::TIME, v + "T" + part, "part-of-day-of-date");
  }
  if (k == "this" && anchor_ != nullptr) {
    return Emit(i, i + 2, v1::TIME, DayValue(*anchor_) + "T" + part, "this-part-of-day");
  }
  if (k == "the" && (K(i - 1) == "in" || K(i - 1) == "during") && ref_day_.year > 0) {
    return Emit(i, i + 2, v1::TIME, DayValue(ref_day_) + "T" + part, "part-of-day-ref");
  }
  return Outcome::kNone;
}

// --- anaphora: "that day", "the same day", "that year", "that night", "at
// the time" -> the last date of the same paragraph at that granularity; with
// none, nothing is tagged (a value of X would say less than no tag) ---
bool Scanner::AnaphorMayStart(size_t i) const {
  const Key n = K(i + 1);
  if (K(i) == "the") return n == "same" || n == "day" || n == "time";
  return n == "same" || n == "day" || n == "week" || n == "month" || n == "year" || D(i + 1).Is(kPartWord);
}

Outcome Scanner::Anaphor(size_t i) {
  const Key k = K(i);
  if (!(k == "that" || k == "the")) return Outcome::kNone;
  size_t j = i + 1;
  const bool same = K(j) == "same";
  if (same) ++j;
  const Key w = K(j);
  const bool day_ok = para_day_ > 0, month_ok = para_month_ > 0, year_ok = para_year_ > 0;
  if (w == "day") {
    // Bare "the day" only as "on/in/during the day" closing a clause ("later
    // in the day."), not "the day of the vote", "the day he died".
    if (k == "the" && !same) {
      const Key p = K(i - 1), n = K(j + 1);
      if (!((p == "on" || p == "in" || p == "during") && (n.empty() || n == "," || n == ";"))) return Outcome::kNone;
    }
    if (!day_ok) return Outcome::kNone;
    return Emit(i, j + 1, v1::DATE, DayValue({para_year_, para_month_, para_day_}), "anaphor-day");
  }
  if (k == "the" && !same && !(w == "time")) return Outcome::kNone;
  if (w == "week" && day_ok) {
    return Emit(i, j + 1, v1::DATE, IsoWeekValue(DaysFromCivil(para_year_, para_month_, para_day_)), "anaphor-week");
  }
  if (w == "month" && month_ok) return Emit(i, j + 1, v1::DATE, MonthValue(para_year_, para_month_), "anaphor-month");
  if (w == "year" && year_ok) return Emit(i, j + 1, v1::DATE, Fmt("%04d", para_year_), "anaphor-year");
  if (k == "that" && D(j).Is(kPartWord) && day_ok) {
    return Emit(i, j + 1, v1::TIME, DayValue({para_year_, para_month_, para_day_}) + "T" + std::string(D(j).part),
                "anaphor-part-of-day");
  }
  // "At the time, ...": the last date at its own granularity; not "at the
  // time of writing", "at the time the attack began".
  const Key after = K(j + 1);
  if (k == "the" && w == "time" && !same && K(i - 1) == "at" && year_ok &&
      (after.empty() || after == "," || after == ";")) {
    std::string v = day_ok     ? DayValue({para_year_, para_month_, para_day_})
                    : month_ok ? MonthValue(para_year_, para_month_)
                               : Fmt("%04d", para_year_);
    return Emit(i, j + 1, v1::DATE, std::move(v), "anaphor-time");
  }
  return Outcome::kNone;
}

// --- "last night", "the last night" (the night before the day in focus) ---
bool Scanner::LastNightMayStart(size_t i) const {
  return K(i + 1) == "night" || (K(i + 1) == "last" && K(i + 2) == "night");
}

Outcome Scanner::LastNight(size_t i) {
  const Key k = K(i);
  if (!((k == "last" || (k == "the" && K(i + 1) == "last")) && K(i + (k == "the" ? 2 : 1)) == "night")) {
    return Outcome::kNone;
  }
  const size_t e = i + (k == "the" ? 3 : 2);
  // "last night" is the night before the story's day whatever day the
  // paragraph named last ("Police shot him early Sunday ... arrested a man
  // late last night"); "the last night" the night before that day.
  if (k == "last" && anchor_ != nullptr) {
    return Emit(i, e, v1::TIME, DayValue(CivilFromDays(adays_ - 1)) + "TNI", "last-night");
  }
  if (ref_day_.year > 0) {
    return Emit(i, e, v1::TIME, DayValue(CivilFromDays(DaysOf(ref_day_) - 1)) + "TNI", "last-night");
  }
  return Emit(i, e, v1::TIME, "XXXX-XX-XXTNI", "last-night");
}

Outcome Scanner::Tonight(size_t i) {
  if (!(K(i) == "tonight")) return Outcome::kNone;
  return Emit(i, i + 1, v1::TIME, anchor_ ? DayValue(*anchor_) + "TNI" : "XXXX-XX-XXTNI", "tonight");
}

// --- numeric dates: "9/11", "3/4/2015" (day first), ISO "2016-10-20" ---
bool Scanner::NumericMayStart(size_t i) const {
  const Key k = K(i);
  return k.find('/') != std::string_view::npos || (k.size() == 4 && IsHyph(i + 1));
}

namespace {
// The time of day of a part word in the plural ("evenings" -> "EV"), or "".
std::string_view PluralPart(std::string_view k) {
  if (k == "mornings") return "MO";
  if (k == "afternoons") return "AF";
  if (k == "evenings") return "EV";
  if (k == "nights") return "NI";
  return {};
}

// The numbers of a slash date ("3/4/2015" -> 3, 4, 2015) into p[0..2]: the
// count of slashes (0-2), or -1 for anything but digits and up to two
// slashes.
int SlashParts(Key k, int* p) {
  int np = 0;
  for (char c : k) {
    if (c == '/') {
      if (++np > 2) return -1;
    } else if (c >= '0' && c <= '9') {
      p[np] = p[np] * 10 + (c - '0');
    } else {
      return -1;
    }
  }
  return np;
}
}  // namespace

// Whether the document writes dates month first: more month names right
// before a day ("March 3") than after one ("3 March"), a slash date whose
// second part is over 12 counting for the month first and one whose first
// part is, for the day first. Read once, at the first slash date.
bool Scanner::MonthFirstDocument() const {
  if (month_first_ >= 0) return month_first_ > 0;
  int month_first = 0, day_first = 0;
  for (size_t k = 0; k + 1 < n_; ++k) {
    int d = 0;
    const size_t day = Raw(k + 1) == "." && Glued(k + 1) ? k + 2 : k + 1;  // "Feb. 3"
    if (D(k).month > 0 && Upper(k) && DayNum(day, &d) && K(day).size() <= 4) ++month_first;
    if (D(k + 1).month > 0 && Upper(k + 1) && DayNum(k, &d)) ++day_first;
    int p[3] = {0, 0, 0};
    if (IsNum(k) && SlashParts(K(k), p) >= 1) {
      if (p[1] > 12 && p[0] <= 12) ++month_first;
      if (p[0] > 12 && p[1] <= 12) ++day_first;
    }
  }
  month_first_ = month_first > day_first ? 1 : 0;
  return month_first_ > 0;
}

Outcome Scanner::Numeric(size_t i) {
  const Key k = K(i);
  if (k == "9/11") return Emit(i, i + 1, v1::DATE, "2001-09-11", "named-date");
  if (!IsNum(i)) return Outcome::kNone;
  int p[3] = {0, 0, 0};
  const int np = SlashParts(k, p);
  if (np == 2 && p[2] >= 1900 && p[2] < 2200 && p[1] >= 1 && p[0] >= 1 && p[0] <= 31) {
    // Day first (house style is British) unless that is impossible, or the
    // document writes its dates month first ("March 3, 2025", "12/25/2025").
    int d = p[0], m = p[1];
    if ((m > 12 && d <= 12) || (d <= 12 && m <= 12 && MonthFirstDocument())) std::swap(d, m);
    if (m <= 12) return Emit(i, i + 1, v1::DATE, DayVal(p[2], m, d), "numeric-date");
  }
  // A year written with its successor after a slash, as fiscal years and
  // seasons are ("a 2027/28 budget", "the 1957/58 season"): the first.
  if (np == 1 && (k.size() == 7 || k.size() == 9) && k[4] == '/' && p[0] >= 1900 && p[0] < 2200 &&
      (p[1] == (p[0] + 1) % 100 || p[1] == p[0] + 1))
    return Emit(i, i + 1, v1::DATE, YearVal(p[0]), "slash-years");
  int y = 0;
  if (Year(i, &y) && IsHyph(i + 1) && Glued(i + 1) && IsNum(i + 2) && K(i + 2).size() == 2 && IsHyph(i + 3) &&
      IsNum(i + 4) && K(i + 4).size() == 2) {
    const int m = (K(i + 2)[0] - '0') * 10 + (K(i + 2)[1] - '0');
    const int d = (K(i + 4)[0] - '0') * 10 + (K(i + 4)[1] - '0');
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) return Emit(i, i + 5, v1::DATE, DayVal(y, m, d), "iso-date");
  }
  return Outcome::kNone;
}

// --- clock times: "15:00 GMT Saturday", "at 3 p.m.", "9.30pm on Friday" ---
bool Scanner::ClockMayStart(size_t i) const {
  const Key k = K(i);
  return k.find(':') != std::string_view::npos || k.ends_with("pm") || k.ends_with("am") || K(i + 1) == "pm" ||
         K(i + 1) == "am" || K(i + 1) == "o'clock" || (k.size() == 4 && IsTimeZoneKey(K(i + 1)));
}


// Whether the date at `begin` dates a report ("said on Saturday", "told
// reporters Friday", "announced on Monday").
bool Scanner::Reported(size_t begin) const {
  auto reporting = [](Key k) {
    return k == "said" || k == "says" || k == "told" || k == "announced" || k == "added" || k == "reported" ||
           k == "confirmed" || k == "reporters";
  };
  if (begin == 0) return false;
  size_t b = K(begin - 1) == "on" ? begin - 1 : begin;
  if (b > 0 && (K(b - 1) == "late" || K(b - 1) == "early")) --b;  // "said late on Thursday"
  if (b > 0 && reporting(K(b - 1))) return true;
  // "said in a statement on Saturday", "told a news conference on Friday"
  // (the words between of a report's occasion only: not "said workers were
  // killed on Friday").
  auto occasion = [](Key k) {
    return k == "in" || k == "a" || k == "an" || k == "the" || k == "its" || k == "statement" || k == "conference" ||
           k == "news" || k == "press" || k == "interview" || k == "briefing" || k == "release" || k == "at";
  };
  for (size_t j = b; j > 0 && b - j < 5;) {
    --j;
    if (reporting(K(j))) return true;
    if (!occasion(K(j))) return false;
  }
  return false;
}

// Whether the date at [begin, end) is a story's dateline ("JAKARTA, Nov 21
// (Reuters) -", "Dec 4 -"): among the text's first eight tokens, before a
// bracket or a dash.
bool Scanner::Dateline(size_t begin, size_t end) const {
  if (begin >= 8 || end >= n_) return false;
  const std::string_view r = Raw(end);
  return r == "(" || r == "-" || r == "\u2013" || r == "\u2014";
}

Outcome Scanner::Clock(size_t i) {
  if (!IsNum(i)) return Outcome::kNone;
  // From the text, lower-cased: the key has no '.' ("9.30pm").
  char buf[16];
  const std::string_view raw = Raw(i);
  if (raw.size() > sizeof buf) return Outcome::kNone;
  for (size_t c = 0; c < raw.size(); ++c) buf[c] = raw[c] >= 'A' && raw[c] <= 'Z' ? raw[c] - 'A' + 'a' : raw[c];
  const Key k(std::string_view(buf, raw.size()));
  int h = 0, m = 0;
  size_t p = 0;
  // Wire copy's 24-hour time without a colon, always with its zone ("2000
  // GMT Wednesday", "0900 GMT on Monday"): never a year then.
  const bool military = k.size() == 4 && IsTimeZoneKey(K(i + 1)) &&
                        std::all_of(k.begin(), k.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                        (k[0] - '0') * 10 + (k[1] - '0') <= 23 && k[2] <= '5';
  if (military) {
    h = (k[0] - '0') * 10 + (k[1] - '0'), m = (k[2] - '0') * 10 + (k[3] - '0');
    p = 5;  // as "20:00": a two-digit hour and its minutes
  }
  while (!military && p < k.size() && p < 2 && k[p] >= '0' && k[p] <= '9') h = h * 10 + (k[p++] - '0');
  bool colon = military;
  if (p + 3 <= k.size() && (k[p] == ':' || k[p] == '.') && k[p + 1] >= '0' && k[p + 1] <= '5' && k[p + 2] >= '0' &&
      k[p + 2] <= '9') {
    colon = k[p] == ':';
    m = (k[p + 1] - '0') * 10 + (k[p + 2] - '0');
    p += 3;
  }
  size_t j = i + 1;
  Key ampm = military ? Key() : k.substr(p);
  if (ampm.empty() && (K(j) == "pm" || K(j) == "am")) ampm = K(j++);
  if (!(ampm.empty() || ampm == "pm" || ampm == "am")) return Outcome::kNone;
  const bool oclock = ampm.empty() && !colon && K(j) == "o'clock";  // "9 o'clock"
  if (oclock) ++j;
  if (ampm.empty() && !oclock ? !colon || h > 24 : h < 1 || h > 12) return Outcome::kNone;
  // Without am/pm, a zone or a day only the 24-hour style ("15:00", "09:30")
  // is a clock time: "at 3:45 in the second half" is a match minute.
  const bool two_digit_hour = p == 5;
  if (ampm == "pm" && h < 12) h += 12;
  if (ampm == "am" && h == 12) h = 0;
  if (IsTimeZoneKey(K(j))) ++j;
  // The day after the time, "on" before it; not in the next sentence
  // ("began at 11:45 a.m. On Monday the mayor ...": "On" after "a.m.").
  const bool next_sentence = (K(j) == "on" && Upper(j)) || (j < n_ && tokens_[j].sentence_start);
  const size_t day_at = next_sentence ? n_ : K(j) == "on" ? j + 1 : j;
  std::string day;
  size_t end = j;
  if (size_t e = DayAfterTime(day_at, i, &day)) {
    end = e;
  } else if (K(j) == ")" && i > 0 && K(i - 1) == "(" && D(j + 1).weekday >= 0 && Upper(j + 1)) {
    // A time given again in another zone: "10:35 a.m. (0735 GMT) Friday",
    // the day after the brackets, the span inside them.
    day = WeekdayVal(j + 1, i);
  } else if (K(j) == "on" && HolidayAt(day_at, i, &e, &day)) {  // "4.30am on New Year's Day"
    end = e;
  } else if (ampm.empty() && j == i + 1 && !two_digit_hour) {
    return Outcome::kNone;
  } else if (LineStart(i) && (line_day_.year > 0 || anchor_ != nullptr)) {
    // A time that begins its line stamps an entry of a live page or a
    // timeline: the day of the heading above it, else the document's, not
    // the last date of the entry before ("13:40 - ..." after "... until
    // Thursday").
    day = DayValue(line_day_.year > 0 ? line_day_ : *anchor_);
  } else if (ref_day_.year > 0) {
    // The last day named, unless the clause's tense puts the time on the
    // other side of the anchor ("July 4, 2026 ... The parade began at
    // 11:45 a.m." in a story of 2025-07-04): then the anchor's day. With no
    // day named in its paragraph, the story's day as its lead named it,
    // within a week of the anchor ("lifted off on Thursday evening ...
    // \n\nThe rocket cleared the tower at 6:24 p.m.").
    const bool story = para_day_ == 0 && DaysOf(ref_day_) == adays_ && story_day_.year > 0 && anchor_ != nullptr &&
                       std::abs(DaysOf(story_day_) - adays_) <= 7;
    const CivilDate named = story ? story_day_ : ref_day_;
    const int64_t ref = DaysOf(named);
    const Tense t = anchor_ != nullptr && ref != adays_ ? TenseBefore(i) : Tense::kUnknown;
    const bool across = (t == Tense::kPast && ref > adays_) || (t == Tense::kFuture && ref < adays_);
    int64_t on = DaysOf(across ? *anchor_ : named);
    // The small hours after an evening's time of the same day, as what it
    // lasted until, are the next day's ("broke out at around 10:40 p.m. ...
    // had been put out by 2 a.m."; not "Polls had opened at 5 a.m.").
    const Key lead = K(i - 1);
    if (h < 6 && last_clock_hour_ >= 18 && last_clock_days_ == on &&
        (lead == "by" || lead == "until" || lead == "till" || lead == "past"))
      ++on;
    last_clock_days_ = on, last_clock_hour_ = h;
    day = DayValue(CivilFromDays(on));
  } else {
    day = "XXXX-XX-XX";
  }
  return Emit(i, end, v1::TIME, day + Fmt("T%02d:%02d", h, m), "clock");
}

// --- year ranges: "2009-2010", "1957-58", "the 2009-10 season": each year
// is its own DATE, as TimeML tags them ("from 2001 to 2005" is two years
// already) ---
bool Scanner::YearRangeMayStart(size_t i) const { return K(i).size() == 4 && IsHyph(i + 1); }

Outcome Scanner::YearRange(size_t i) {
  int y1 = 0, y2 = 0;
  if (!Year(i, &y1) || !IsHyph(i + 1) || !IsNum(i + 2) || Glued(i)) return Outcome::kNone;
  const Key second = K(i + 2);
  if (Year(i + 2, &y2)) {
    if (y2 <= y1 || y2 - y1 > 50) return Outcome::kNone;
  } else if (second.size() == 2 && second[0] >= '0' && second[0] <= '9' && second[1] >= '0' && second[1] <= '9') {
    // "1957-58"; "2016-10" (after 16) is a month in ISO, not a range.
    y2 = y1 / 100 * 100 + (second[0] - '0') * 10 + (second[1] - '0');
    if (y2 <= y1) return Outcome::kNone;
  } else {
    return Outcome::kNone;
  }
  // Followed by more "-dd" it is a date ("2016-10-20"), not a range.
  if (IsHyph(i + 3) && IsNum(i + 4)) return Outcome::kNone;
  Emit(i, i + 1, v1::DATE, YearVal(y1), "year-range");
  return Emit(i + 2, i + 3, v1::DATE, YearVal(y2), "year-range");
}

// --- fiscal years: "fiscal 2012", "fiscal year 2013", "FY2012", "FY 2012",
// "FY12". The value is the fiscal year's number as a year (2012): the
// organisation's year boundaries are not known here ---
bool Scanner::FiscalMayStart(size_t i) const {
  const Key k = K(i);
  if (k == "fiscal") return IsNum(i + 1) || K(i + 1) == "year";
  if (k == "fy") return IsNum(i + 1);
  return (k.size() == 4 || k.size() == 6) && k[0] == 'f' && k[1] == 'y';  // the prefix: "fy12", "fy2012"
}

Outcome Scanner::Fiscal(size_t i) {
  const Key k = K(i);
  size_t at = i + 1;
  Key digits;
  if (k == "fiscal") {
    if (K(at) == "year") ++at;
    digits = K(at);
  } else if (k == "fy") {
    digits = K(at);
  } else if (k.starts_with("fy") && Upper(i)) {
    digits = k.substr(2);
    at = i;
  } else {
    return Outcome::kNone;
  }
  if (at != i && !IsNum(at)) return Outcome::kNone;
  if (!(digits.size() == 4 || (digits.size() == 2 && k != "fiscal"))) return Outcome::kNone;
  int y = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return Outcome::kNone;
    y = y * 10 + (c - '0');
  }
  if (digits.size() == 2) y += 2000;
  if (y < 1900 || y > 2199) return Outcome::kNone;
  return Emit(i, at + 1, v1::DATE, YearVal(y), "fiscal-year");
}

// --- "Saturday, 17 October 2015" ---
Outcome Scanner::WeekdayDate(size_t i) {
  if (!(D(i).weekday >= 0 && Upper(i))) return Outcome::kNone;
  size_t j = i + 1;
  if (K(j) == ",") ++j;
  std::string v;
  const size_t e = DayDate(j, &v);
  if (!e) return Outcome::kNone;
  // Without its year, the day falls on its weekday: the year nearest the
  // anchor where it does ("Saturday 14 February" in a story of January 2026
  // is 2026's, whatever year the sentence before named).
  int y = 0, m = 0, d = 0;
  if (anchor_ != nullptr && !Year(e - 1, &y) && std::sscanf(v.c_str(), "%d-%d-%d", &y, &m, &d) == 3 &&
      Weekday(DaysFromCivil(y, m, d)) != D(i).weekday) {
    for (int step = 0; step <= 2; ++step) {  // a year either way
      const int yy = anchor_->year + (step % 2 == 0 ? step / 2 : -(step + 1) / 2);
      if (d <= DaysInMonth(yy, m) && Weekday(DaysFromCivil(yy, m, d)) == D(i).weekday) {
        v = DayVal(yy, m, d);
        break;
      }
    }
  }
  return Emit(i, e, v1::DATE, v, "weekday-date");
}

// --- "3 and 4 October", "4-5 June": two dates ---
bool Scanner::DayAndDayMayStart(size_t i) const {
  if (K(i + 1) == "and") return true;
  // "from 13 to 21 September"
  if ((K(i + 1) == "to" || K(i + 1) == "until" || K(i + 1) == "till") && K(i - 1) == "from") return true;
  // "4-5 June" after a preposition or a link ("lost 2-3 October 4" is a
  // score).
  const Key p = K(i - 1);
  return IsHyph(i + 1) && Glued(i + 1) && Glued(i + 2) &&
         (p == "on" || p == "from" || p == "between" || p == "the" || p == "and" || p == "or" || p == "of" ||
          p == "by" || p == "until" || p == "for" || p == "," || tokens_[i].sentence_start);
}

Outcome Scanner::DayAndDay(size_t i) {
  int d1 = 0, d2 = 0;
  if (!(DayNum(i, &d1) && DayAndDayMayStart(i) && DayNum(i + 2, &d2) && d2 > d1)) return Outcome::kNone;
  std::string v;
  const size_t e = DayDate(i + 2, &v);
  if (!e) return Outcome::kNone;
  // The first day in the second's month and year ("the 9th-10th of
  // September" too).
  std::string first = v.size() == 10 ? v.substr(0, 8) + Fmt("%02d", d1) : v;
  Emit(i, i + 1, v1::DATE, std::move(first), "day-and-day-month");
  return Emit(i + 2, e, v1::DATE, v, "day-month");
}

// --- "on the 23rd": a day of the month the text last named (the next
// month's in a future clause once the day has passed, the month before's in
// a past one before it comes) ---
bool Scanner::DayOfMonthMayStart(size_t i) const {
  int d = 0;
  if (!(K(i) == "the" && DayNum(i + 1, &d) && K(i + 1).back() > '9')) return false;
  const Key p = K(i - 1), n = K(i + 2);
  return (p == "on" || p == "by" || p == "until" || p == "till" || p == "from" || p == "before" || p == "after" ||
          p == "since") &&
         (i + 2 >= n_ || n.empty() || n == "," || n == ";" || n == ":" || n == ")" || n == "and" || n == "or" ||
          n == "at");
}

Outcome Scanner::DayOfMonth(size_t i) {
  int d = 0;
  if (!(DayOfMonthMayStart(i) && DayNum(i + 1, &d))) return Outcome::kNone;
  // Only where the text has named a month ("on the 18th" of a golf round or
  // a car park is none): that month, moved to the anchor's side the
  // clause's tense puts it on.
  if (!month_named_ || ref_month_ <= 0 || ref_year_ <= 0) return Outcome::kNone;
  int y = ref_year_, m = ref_month_;
  if (anchor_ != nullptr) {
    const Tense t = TenseBefore(i);
    for (int step = 0; step < 12; ++step) {
      const int64_t day = DaysFromCivil(y, m, std::min(d, DaysInMonth(y, m)));
      if (t == Tense::kFuture && day < adays_) {
        AddMonths(&y, &m, 1);
      } else if (t == Tense::kPast && day > adays_) {
        AddMonths(&y, &m, -1);
      } else {
        break;
      }
    }
  }
  if (d > DaysInMonth(y, m)) return Outcome::kNone;
  return Emit(i, i + 2, v1::DATE, DayVal(y, m, d), "day-of-month");
}

// --- "17 October [2016]", "October 17, 2016", "17th of October" ---
bool Scanner::DayMonthMayStart(size_t i) const {
  return IsNum(i) ? (K(i + 1) == "of" || D(i + 1).Is(kMonthWord)) : Upper(i) || D(i).month > 0;
}

Outcome Scanner::DayMonth(size_t i) {
  std::string v;
  const size_t e = DayDate(i, &v);
  if (e == 0) return Outcome::kNone;
  // A second day of the month after it: "April 28-29", "March 5th and 7th",
  // "on May 3 and 4." (not "May 3 and 4 others").
  int d1 = 0, d2 = 0;
  size_t month_end = 0;
  const int m = Month(i, &month_end);
  const bool month_first = m != 0 && e == month_end + 1 && DayNum(month_end, &d1);
  const bool hyphen = IsHyph(e) && Glued(e) && Glued(e + 1);
  // After "and", an ordinal or a day that ends its clause ("3% on May 5" is
  // no day).
  const Key after2 = K(e + 2);
  const bool and_day = (K(e) == "and" || K(e) == "or") && DayNum(e + 1, &d2) &&
                       (K(e + 1).back() > '9' || e + 2 >= n_ || after2.empty() || after2 == "," || after2 == ";" ||
                        after2 == ":" || after2 == ")");
  const int y = v[0] == 'X' ? 0 : std::atoi(v.substr(0, 4).c_str());
  if (month_first && (hyphen || and_day) && DayNum(e + 1, &d2) && d2 > d1 && Month(e + 2) == 0 &&
      v.size() == 10 && d2 <= (y > 0 ? DaysInMonth(y, m) : 31)) {
    Emit(i, e, v1::DATE, v, "day-month-year");
    return Emit(e + 1, e + 2, v1::DATE, y > 0 ? DayVal(y, m, d2) : Fmt("XXXX-%02d-%02d", m, d2), "day-month-year");
  }
  return Emit(i, e, v1::DATE, v, "day-month-year");
}

// --- "October 2016", "February this year", a bare month ---
Outcome Scanner::MonthName(size_t i) {
  size_t after = i + 1;
  const int m = Month(i, &after);
  if (m == 0) return Outcome::kNone;
  int y = 0;
  size_t j = after;
  if (K(j) == "of" || K(j) == ",") ++j;
  if (Year(j, &y)) return Emit(i, j + 1, v1::DATE, MonthVal(y, m), "month-year");
  if (size_t e = SpelledYear(j, &y)) return Emit(i, e, v1::DATE, MonthVal(y, m), "month-year");
  // "February this year", "June of last year"
  const size_t r = after + (K(after) == "of" ? 1 : 0);
  const Key rel = K(r);
  if ((rel == "this" || rel == "last" || rel == "next") && K(r + 1) == "year") {
    const int yy = anchor_ ? anchor_->year + (rel == "last" ? -1 : rel == "next" ? 1 : 0) : 0;
    return Emit(i, r + 2, v1::DATE, MonthVal(yy, m), "month-this-year");
  }
  // A bare month: "May" and "March" need a lead-in, the others a capital.
  const Key k = K(i);
  // A lead-in word, or a month and a glued hyphen ("the January-March quarter").
  size_t before = 0;
  // Or "as early as", "as soon as", "as late as" ("as early as May"), the
  // month ending its phrase ("As soon as May said that" is the person).
  const Key after_month = K(i + 1);
  const Key as_as = AsAsBefore(i);
  const bool as_early = (as_as == "early" || as_as == "soon" || as_as == "late") &&
                        (i + 1 >= n_ || (tokens_[i + 1].kind != TokenKind::kWord && after_month != "'") ||
                         IsNum(i + 1) ||
                         after_month == "next" || after_month == "last" || after_month == "this");
  const bool lead = (D(i - 1).flags & kMonthLeadIn) != 0 || as_early ||
                    (i >= 2 && IsHyph(i - 1) && Glued(i - 1) && Glued(i) && Month(i - 2, &before) != 0);
  if ((k == "may" || k == "march" || tokens_[i].sentence_start) && !lead) return Outcome::kStop;
  // A range of months ("the January-March quarter", "November-January",
  // "January-March 2025"): each its own DATE, the second not before the
  // first.
  size_t end2 = 0;
  if (IsHyph(after) && Glued(after) && Glued(after + 1)) {
    if (const int m2 = Month(after + 1, &end2)) {
      int y2 = 0;
      const size_t y_at = end2 + (K(end2) == "," ? 1 : 0);
      const bool dated = Year(y_at, &y2);
      const int y1 = dated ? y2 - (m2 < m ? 1 : 0) : MonthYearAt(i, m);
      if (!dated) y2 = y1 > 0 ? y1 + (m2 < m ? 1 : 0) : 0;
      Emit(i, after, v1::DATE, MonthVal(y1, m), "month-range");
      return Emit(after + 1, dated ? y_at + 1 : end2, v1::DATE, MonthVal(y2, m2), "month-range");
    }
  }
  return Emit(i, after, v1::DATE, MonthVal(MonthYearAt(i, m), m), "month");
}

// --- decades and centuries: "the 1990s", "early 1990s", "the '80s", "the
// nineties", "the 19th century", "the twenty-first century" ---
bool Scanner::DecadeMayStart(size_t i) const {
  const Key k = K(i);
  if (IsNum(i)) {
    return (k.size() == 5 && k.back() == 's') || (k.size() <= 4 && D(i + 1).Is(kUnitWord)) || IsHyph(i + 1) ||
           ListedDecade(i) > 0;
  }
  if (D(i).Is(kOrdinalWord)) return IsHyph(i + 1) && K(i + 2) == "century";
  if (k == "twenty") return IsHyph(i + 1) && IsHyph(i + 3) && K(i + 4) == "century";
  const size_t j = i + (k == "the" ? 1 : 0);
  const Key w = K(j);
  if (w == "early" || w == "late" || w == "mid") return true;
  return j != i && (IsNum(j) || w == "'" || D(j).Is(kDecadeWord | kOrdinalWord) || w == "twenty");
}

// The century of an ordinal at j ("19th", "nineteenth", "twenty-first")
// followed by "century"; 0 if none. *end: past "century".
int Scanner::CenturyAt(size_t j, size_t* end) const {
  const Key d = K(j);
  int cent = 0;
  size_t c = j + 1;
  if (IsNum(j) && (d.ends_with("th") || d.ends_with("st") || d.ends_with("nd") || d.ends_with("rd")) && d.size() <= 4) {
    cent = std::atoi(std::string(d).c_str());
  } else if (D(j).ordinal > 0) {
    cent = D(j).ordinal;
  } else if (d == "twenty" && IsHyph(j + 1) && D(j + 2).ordinal > 0 && D(j + 2).ordinal < 10) {
    cent = 20 + D(j + 2).ordinal;
    c = j + 3;
  }
  // A spelled-out ordinal needs "the" or the adjective's hyphen ("its
  // first century" is a duration).
  if (!IsNum(j) && !(K(j - 1) == "the") && !IsHyph(c)) return 0;
  if (IsHyph(c)) ++c;
  if (cent < 1 || cent > 22 || !(K(c) == "century")) return 0;
  *end = c + 1;
  return cent;
}

// "80s" after a decade in full and "and", "or" or "to" ("the 1970s and
// 80s"): that century's decade (198), else 0.
int Scanner::ListedDecade(size_t i) const {
  const Key d = K(i), p = K(i - 1), full = K(i - 2);
  if (i < 2 || !IsNum(i) || d.size() != 3 || d[2] != 's' || d[1] != '0' || d[0] < '0' || d[0] > '9') return 0;
  if (!(p == "and" || p == "or" || p == "to") || !IsNum(i - 2) || full.size() != 5 || full[4] != 's' ||
      full[3] != '0')
    return 0;
  return ((full[0] - '0') * 10 + (full[1] - '0')) * 10 + (d[0] - '0');
}

Outcome Scanner::Decade(size_t i) {
  const Key k = K(i);
  const bool the = k == "the";
  size_t j = the ? i + 1 : i;
  bool part = false;
  if (K(j) == "early" || K(j) == "late" || K(j) == "mid") {
    part = true;
    ++j;
    if (IsHyph(j)) ++j;
  }
  const bool apostrophe = j > i && K(j) == "'";  // "the '80s", "late '90s"
  if (apostrophe) ++j;
  const Key d = K(j);
  if (IsNum(j) && d.size() == 5 && d[4] == 's' && d[3] == '0') {
    return Emit(i, j + 1, v1::DATE, DecadeValue(std::atoi(std::string(d.substr(0, 3)).c_str())), "decade");
  }
  // "the '80s", "the 80s", "late '90s": the twentieth century unless
  // '00s or '10s.
  if (IsNum(j) && d.size() == 3 && d[2] == 's' && d[1] == '0' && (the || apostrophe)) {
    const int tens = d[0] - '0';
    return Emit(i, j + 1, v1::DATE, DecadeValue((tens <= 1 ? 200 : 190) + tens), "decade-short");
  }
  if (const int decade = ListedDecade(i)) return Emit(i, i + 1, v1::DATE, DecadeValue(decade), "decade-listed");
  // "the nineties", "the early eighties" (not "his forties": an age)
  if (the && D(j).decade > 0) return Emit(i, j + 1, v1::DATE, DecadeValue(190 + D(j).decade), "decade-word");
  if (part || apostrophe) return Outcome::kNone;
  size_t end = 0;
  if (const int cent = CenturyAt(j, &end)) return Emit(i, end, v1::DATE, CenturyValue(cent - 1), "century");
  return Outcome::kNone;
}

// --- "the start of July", "the middle of that month", "the early months of 2015" ---
bool Scanner::PartOfPeriodMayStart(size_t i) const {
  if (!(K(i) == "the")) return K(i + 1) == "of";
  const Key w = K(i + 1);
  if (D(i + 1).Is(kEdgeWord)) return K(i + 2) == "of";
  const bool nth = w == "first" || w == "second" || w == "third" || w == "fourth" || w == "last" || w == "final";
  if (nth && K(i + 2) == "week" && K(i + 3) == "of") return true;
  if ((w == "first" || w == "second") && K(i + 2) == "half" && K(i + 3) == "of" && D(i + 4).Is(kMonthWord))
    return true;
  return (w == "early" || w == "late" || w == "first" || w == "last" || w == "final") && K(i + 2) == "months";
}

// "the first week of March [2024]", "the last week of June": the ISO week
// that holds the Nth week's first day (the last: the month's last day).
Outcome Scanner::WeekOfMonth(size_t i) {
  const Key w = K(i + 1);
  size_t e = i + 4;
  const int m = Month(i + 4, &e);
  if (m == 0) return Outcome::kNone;
  int y = 0;
  if (Year(e, &y)) {
    ++e;
  } else {
    y = MonthYearAt(i, m);
  }
  if (y <= 0) return Emit(i, e, v1::DATE, Fmt("XXXX-%02d", m), "week-of-month");
  const int n = w == "first" ? 1 : w == "second" ? 2 : w == "third" ? 3 : w == "fourth" ? 4 : 0;
  const int day = n > 0 ? 7 * (n - 1) + 1 : DaysInMonth(y, m);
  return Emit(i, e, v1::DATE, IsoWeekValue(DaysFromCivil(y, m, day)), "week-of-month");
}

Outcome Scanner::PartOfPeriod(size_t i) {
  const Key k = K(i);
  const size_t j = k == "the" ? i + 1 : i;
  const Key w = K(j);
  if (!(k == "the" || k == "start" || k == "end" || k == "beginning" || k == "middle")) return Outcome::kNone;
  if (k == "the" && K(i + 2) == "week" && K(i + 3) == "of") return WeekOfMonth(i);
  // "the first half of November": the month (TIMEX3 has no half of one).
  if (k == "the" && (w == "first" || w == "second") && K(j + 1) == "half" && K(j + 2) == "of") {
    size_t e = j + 4;
    if (const int m = Month(j + 3, &e)) {
      int y = 0;
      if (Year(e, &y)) {
        ++e;
      } else {
        y = MonthYearAt(i, m);
      }
      return Emit(i, e, v1::DATE, MonthVal(y, m), "half-of-month");
    }
  }
  const CivilDate* a = anchor_;
  if ((w == "start" || w == "end" || w == "beginning" || w == "middle" || w == "close" || w == "turn") &&
      K(j + 1) == "of") {
    const size_t p = j + 2;
    size_t e = p + 1;
    int y = 0;
    if (const int m = Month(p, &e)) {
      if (Year(e, &y)) {
        ++e;
      } else if ((K(e) == "this" || K(e) == "last") && K(e + 1) == "year") {
        y = a ? a->year - (K(e) == "last" ? 1 : 0) : 0;
        e += 2;
      } else {
        y = MonthYearAt(i, m);
      }
      return Emit(i, e, v1::DATE, MonthVal(y, m), "part-of-month");
    }
    if ((K(p) == "last" || K(p) == "next") && (K(p + 1) == "month" || K(p + 1) == "week") && a) {
      // "the end of last month", "the start of next week"
      const int d = K(p) == "last" ? -1 : 1;
      if (K(p + 1) == "week") return Emit(i, p + 2, v1::DATE, IsoWeekValue(adays_ + 7 * d), "part-of-week");
      int yy = a->year, mm = a->month;
      AddMonths(&yy, &mm, d);
      return Emit(i, p + 2, v1::DATE, MonthVal(yy, mm), "part-of-ref-month");
    }
    if (K(p) == "this" && K(p + 1) == "week" && a) {
      return Emit(i, p + 2, v1::DATE, IsoWeekValue(adays_), "part-of-week");
    }
    if ((K(p) == "that" || K(p) == "the" || K(p) == "this") && K(p + 1) == "month") {
      int yy = ref_year_, mm = ref_month_;
      if (K(p) == "this" && a) yy = a->year, mm = a->month;
      if (yy > 0 && mm > 0) return Emit(i, p + 2, v1::DATE, MonthValue(yy, mm), "part-of-ref-month");
      return Emit(i, p + 2, v1::DATE, "XXXX-XX", "part-of-ref-month");
    }
    if (Year(p, &y)) return Emit(i, p + 1, v1::DATE, YearOr(y), "part-of-year");
    if ((K(p) == "this" || K(p) == "that" || K(p) == "last" || K(p) == "next" || K(p) == "the") &&
        K(p + 1) == "year") {
      const int yy = K(p) == "that" ? ref_year_ : a ? a->year + (K(p) == "last" ? -1 : K(p) == "next" ? 1 : 0) : 0;
      return Emit(i, p + 2, v1::DATE, YearOr(yy), "part-of-year");
    }
    // "the end of the decade", "the turn of the century": the anchor's.
    if ((K(p) == "the" || K(p) == "this") && (K(p + 1) == "decade" || K(p + 1) == "century") && a) {
      const bool decade = K(p + 1) == "decade";
      return Emit(i, p + 2, v1::DATE, decade ? DecadeValue(a->year / 10) : CenturyValue(a->year / 100),
                  decade ? "part-of-decade" : "part-of-century");
    }
  }
  if ((w == "early" || w == "late" || w == "first" || w == "last" || w == "final") && K(j + 1) == "months" &&
      K(j + 2) == "of") {
    int y = 0;
    if (Year(j + 3, &y)) return Emit(i, j + 4, v1::DATE, YearOr(y), "months-of-year");
  }
  return Outcome::kNone;
}

// --- early/late/mid <year|month|this year|this month>, late yesterday ---
Outcome Scanner::EarlyLate(size_t i) {
  const Key k = K(i);
  if (!(k == "early" || k == "late" || k == "mid" || k == "earlier" || k == "later" || k == "overnight"))
    return Outcome::kNone;
  const CivilDate* a = anchor_;
  size_t j = i + 1;
  if (IsHyph(j)) ++j;
  int y = 0;
  if (Year(j, &y)) return Emit(i, j + 1, v1::DATE, YearOr(y), "part-of-year");
  const Key rel = K(j);
  size_t e = j + 1;
  if (const int m = k == "early" || k == "late" || k == "mid" ? Month(j, &e) : 0) {
    // "early December", "mid-March 2012": the month, the part dropped.
    if (Year(e, &y)) return Emit(i, e + 1, v1::DATE, MonthVal(y, m), "part-of-month");
    return Emit(i, e, v1::DATE, MonthVal(MonthYearAt(i, m), m), "part-of-month");
  }
  if ((k == "early" || k == "late") && (rel == "yesterday" || rel == "tomorrow" || rel == "today")) {
    if (!a) return Emit(i, j + 1, v1::DATE, "XXXX-XX-XX", "part-of-day-deictic");
    const int d = rel == "yesterday" ? -1 : rel == "tomorrow" ? 1 : 0;
    return Emit(i, j + 1, v1::DATE, DayValue(CivilFromDays(adays_ + d)), "part-of-day-deictic");
  }
  // "early Sunday", "late Friday": the day, the part dropped (as "early
  // 2011" is 2011); before a part of the day ("late Friday night") the
  // weekday rule reads the whole.
  if ((k == "early" || k == "late") && D(j).weekday >= 0 && Upper(j) && !D(j + 1).Is(kPartWord) && j == i + 1) {
    return Emit(i, j + 1, v1::DATE, WeekdayVal(j, i), "part-of-weekday");
  }
  // "overnight Friday": the night of that day.
  if (k == "overnight") {
    if (!(D(j).weekday >= 0 && Upper(j) && j == i + 1 && !D(j + 1).Is(kPartWord))) return Outcome::kNone;
    return Emit(i, j + 1, v1::TIME, WeekdayVal(j, i) + "TNI", "overnight-weekday");
  }
  if ((rel == "this" || rel == "last" || rel == "next") &&
      (K(j + 1) == "year" || K(j + 1) == "month" || K(j + 1) == "week")) {
    const int d = rel == "last" ? -1 : rel == "next" ? 1 : 0;
    if (K(j + 1) == "year") return Emit(i, j + 2, v1::DATE, YearOr(a ? a->year + d : 0), "part-of-this-year");
    if (K(j + 1) == "week") {
      // "earlier this week", "later next week": the week, the part dropped.
      return Emit(i, j + 2, v1::DATE, a ? IsoWeekValue(adays_ + 7 * d) : std::string("XXXX-WXX"), "part-of-this-week");
    }
    if (a) {
      int yy = a->year, mm = a->month;
      AddMonths(&yy, &mm, d);
      return Emit(i, j + 2, v1::DATE, MonthValue(yy, mm), "part-of-this-month");
    }
    return Emit(i, j + 2, v1::DATE, "XXXX-XX", "part-of-this-month");
  }
  return Outcome::kNone;
}

// --- sets: "every 17 hours", "every week", "every other day", "every Friday" ---
Outcome Scanner::Set(size_t i) {
  const Key k = K(i);
  if (!(k == "every" || k == "each" || k == "per")) return Outcome::kNone;
  size_t j = i + 1;
  if (K(j) == "single" || K(j) == "other") ++j;
  double n = 1;
  size_t after = j;
  if (!Number(j, &n, &after, false)) {
    n = 1;
    after = j;
  }
  // "every few months", "every couple of weeks": how often, the count unknown.
  if (K(j) == "few" || (K(j) == "couple" && K(j + 1) == "of")) {
    n = -1;
    after = K(j) == "few" ? j + 1 : j + 2;
  }
  Unit u{"", false};
  if (UnitAt(after, &u)) {
    if (K(j - 1) == "other") n = 2;
    return Emit(i, after + 1, v1::SET, DurationValue(u.code, n), "set");
  }
  const DateWord& w = D(j);
  if (w.weekday >= 0 || (w.month > 0 && Upper(j))) return SetDays(i, j);
  // "every morning" -> XXXX-XX-XXTMO, "every spring" -> XXXX-SP, "each
  // season" (a recurring season of the year: sport, harvest) -> P1Y.
  if (w.Is(kPartWord)) return Emit(i, j + 1, v1::SET, "XXXX-XX-XXT" + std::string(w.part), "set-part-of-day");
  if (w.Is(kSeasonWord)) return Emit(i, j + 1, v1::SET, "XXXX-" + std::string(w.season), "set-season");
  if (K(j) == "season") return Emit(i, j + 1, v1::SET, "P1Y", "set-season");
  if (K(j) == "weekend") return Emit(i, j + 1, v1::SET, "XXXX-WXX-WE", "set-weekend");
  return Outcome::kNone;
}

// "every Monday" -> XXXX-WXX-1, "every April" -> XXXX-04, and each weekday
// or month listed after it ("every Monday and Thursday", "every Monday,
// Wednesday and Friday", "every April and October"): a SET each.
Outcome Scanner::SetDays(size_t i, size_t j) {
  auto value = [&](size_t k) {
    return D(k).weekday >= 0 ? "XXXX-WXX-" + std::to_string(D(k).weekday + 1) : Fmt("XXXX-%02d", D(k).month);
  };
  const bool weekdays = D(j).weekday >= 0;
  Outcome o = Emit(i, j + 1, v1::SET, value(j), weekdays ? "set-weekday" : "set-month");
  for (size_t k = j + 1; k + 1 < n_;) {
    const Key c = K(k);
    if (!(c == "," || c == "and" || c == "or")) break;
    size_t next = k + 1;
    if (c == "," && (K(next) == "and" || K(next) == "or")) ++next;
    const DateWord& d = D(next);
    if (!Upper(next) || (weekdays ? d.weekday < 0 : d.month <= 0)) break;
    o = Emit(next, next + 1, v1::SET, value(next), weekdays ? "set-weekday" : "set-month");
    k = next + 1;
  }
  return o;
}

// --- SET adverbs: "annually" -> P1Y, "weekly" -> P1W, "daily" -> P1D, as
// adverbs and adjectives ("weekly meetings"), not as nouns or names after
// a determiner ("the daily Al-Hayat", "a weekly"),
// nor before a measure's noun, a rate ("monthly inflation", "daily
// output", "annual growth") ---
namespace {
bool IsRateNoun(Key k) {
  static const WordSet kRates = {"inflation", "rate", "rates", "growth", "average", "averages", "output",
                                 "sales", "wage", "wages", "salary", "salaries", "rent", "income", "budget",
                                 "limit", "limits", "cap", "quota", "target",
                                 "record", "production", "volume", "volumes", "revenue", "revenues", "total",
                                 "totals", "allowance", "turnover", "gain", "gains", "loss", "losses", "decline",
                                 "increase", "rise", "fall", "drop", "change", "high", "low", "amount"};
  return kRates.Has(k);
}
}  // namespace

bool Scanner::SetAdverbMayStart(size_t i) const {
  const Key p = K(i - 1);
  if (IsRateNoun(K(i + 1))) return false;
  // A paper's kind between a people's word (or a "-language", "-based"
  // compound) and its name: "Flemish daily De Standaard", "the German
  // weekly Die Zeit", "the Khmer-language daily Kampuchea Thmey" (the name
  // no date's; not "flies daily Kigali to Brussels").
  if (i + 1 < n_ && i > 0 && (Upper(i - 1) || K(i - 1) == "language" || K(i - 1) == "based") && Upper(i + 1) &&
      D(i + 1).cls == 0 &&
      !tokens_[i + 1].sentence_start)
    return false;
  return !(p == "the" || p == "a" || p == "an" || p == "this" || p == "its" || p == "his" || p == "her" ||
           p == "their" || p == "our");
}

Outcome Scanner::SetAdverb(size_t i) {
  const DateWord& w = D(i);
  if (!w.Is(kSetAdverb) || !SetAdverbMayStart(i)) return Outcome::kNone;
  // "quarterly" and "fortnightly" as adverbs only ("paid quarterly", "adjusted
  // quarterly and"): before a noun they name a report's period ("quarterly
  // dividend", "quarterly loss"), which TimeML leaves untagged.
  if (K(i) == "quarterly" || K(i) == "fortnightly") {
    const Key n = K(i + 1);
    const bool adverb = i + 1 >= n_ || tokens_[i + 1].kind == TokenKind::kPunct || n == "and" || n == "or" ||
                        n == "in" || n == "on" || n == "at" || n == "from" || n == "through" || n == "until" ||
                        n == "since" || n == "to" || n == "for" || n == "by";
    if (!adverb) return Outcome::kNone;
  }
  return Emit(i, i + 1, v1::SET, std::string(w.set), "set-adverb");
}

// --- this/last/next year|month|week|weekend|weekday|Month|season ---
bool Scanner::RelativeMayStart(size_t i) const {
  const Key w = K(i + 1);
  return w == "year" || w == "month" || w == "week" || w == "weekend" || w == "yr" || w == "wk" ||
         D(i + 1).Is(kWeekdayWord | kMonthWord | kSeasonWord);
}

// "this" (d 0), "last" (-1) or "next" (1) weekday wd, in days: "this" and
// "last" the latest not after the anchor (the anchor's own day excluded by
// "last"), "next" the first after it.
int64_t Scanner::RelativeWeekday(int d, int wd) const {
  const int cur = Weekday(adays_);
  if (d <= 0) {
    const int back = (cur - wd + 7) % 7;
    return adays_ - (back == 0 && d < 0 ? 7 : back);
  }
  const int fwd = (wd - cur + 7) % 7;
  return adays_ + (fwd == 0 ? 7 : fwd);
}

// The day a clock time or "noon" names after it, at token at ("4pm
// Friday", "11am on Friday 27 February", "noon next Thursday", "9 a.m.
// tomorrow", "15:00 on 3 March"): its end, 0 without one. `from`: the
// time's first token, for the tense.
size_t Scanner::DayAfterTime(size_t at, size_t from, std::string* day) {
  const Key k = K(at);
  if (D(at).weekday >= 0 && Upper(at)) {
    // The weekday and its date: the date.
    const size_t d_at = at + 1 + (K(at + 1) == "," ? 1 : 0);
    if (size_t e = DayDate(d_at, day)) return e;
    *day = WeekdayVal(at, from);
    return at + 1;
  }
  if ((k == "next" || k == "last" || k == "this") && D(at + 1).weekday >= 0 && Upper(at + 1)) {
    if (anchor_ == nullptr) {
      *day = "XXXX-XX-XX";
    } else {
      const CivilDate c = CivilFromDays(RelativeWeekday(k == "last" ? -1 : k == "next" ? 1 : 0, D(at + 1).weekday));
      *day = DayVal(c.year, c.month, c.day);
    }
    return at + 2;
  }
  if (k == "today" || k == "tomorrow" || k == "yesterday") {
    const int delta = k == "today" ? 0 : k == "tomorrow" ? 1 : -1;
    *day = anchor_ ? DayValue(CivilFromDays(adays_ + delta)) : "XXXX-XX-XX";
    return at + 1;
  }
  return DayDate(at, day);
}

Outcome Scanner::Relative(size_t i) {
  const Key k = K(i);
  if (!(k == "this" || k == "last" || k == "next" || k == "coming" || k == "past")) return Outcome::kNone;
  const CivilDate* a = anchor_;
  const int d = k == "last" || k == "past" ? -1 : k == "next" || k == "coming" ? 1 : 0;
  // "last yr", "next wk", as posts write them.
  const Key w = K(i + 1) == "yr" ? Key("year") : K(i + 1) == "wk" ? Key("week") : K(i + 1);
  if (w == "year") return Emit(i, i + 2, v1::DATE, YearOr(a ? a->year + d : 0), "relative-year");
  if (w == "month") {
    if (!a) return Emit(i, i + 2, v1::DATE, "XXXX-XX", "relative-month");
    int yy = a->year, mm = a->month;
    AddMonths(&yy, &mm, d);
    return Emit(i, i + 2, v1::DATE, MonthValue(yy, mm), "relative-month");
  }
  if (w == "week" || w == "weekend") {
    if (!a) return Emit(i, i + 2, v1::DATE, "XXXX-WXX", "relative-week");
    std::string v = IsoWeekValue(adays_ + 7 * d);
    if (w == "weekend") v += "-WE";
    return Emit(i, i + 2, v1::DATE, v, "relative-week");
  }
  if (D(i + 1).weekday >= 0) {
    const int wd = D(i + 1).weekday;
    if (!a) return Emit(i, i + 2, v1::DATE, "XXXX-XX-XX", "relative-weekday");
    const CivilDate c = CivilFromDays(RelativeWeekday(d, wd));
    std::string v = DayVal(c.year, c.month, c.day);
    if (D(i + 2).Is(kPartWord)) return Emit(i, i + 3, v1::TIME, v + "T" + std::string(D(i + 2).part), "relative-weekday-part");
    return Emit(i, i + 2, v1::DATE, std::move(v), "relative-weekday");
  }
  if (D(i + 1).Is(kSeasonWord)) return Emit(i, i + 2, v1::DATE, SeasonOf(d, D(i + 1).season), "relative-season");
  size_t e = i + 2;
  if (const int m = Month(i + 1, &e)) {
    if (!a) return Emit(i, e, v1::DATE, Fmt("XXXX-%02d", m), "relative-month-name");
    int y = a->year;
    if (d < 0 && m >= a->month) --y;
    if (d > 0 && m <= a->month) ++y;
    return Emit(i, e, v1::DATE, MonthVal(y, m), "relative-month-name");
  }
  return Outcome::kNone;
}

// --- a bare weekday, "Friday afternoon": in a future clause the next one
// from the anchor on, else the latest one not after it ---
Outcome Scanner::WeekdayName(size_t i) {
  // A weekday's whole name in lower case too ("off to LA on thursday", as
  // posts and comments write it); its short forms only with a capital
  // ("sat", "sun", "wed" are other words).
  if (!(D(i).weekday >= 0 && (Upper(i) || K(i).size() >= 6))) return Outcome::kNone;
  // A short form before a capitalised word that is no month is a name's
  // ("the Thu Bồn River", "Sun Yat-sen"; "Thu Nov 26" stays).
  if (K(i).size() <= 5 && Upper(i + 1) && i + 1 < n_ && !tokens_[i + 1].line_break_before && D(i + 1).month == 0 &&
      D(i + 1).weekday < 0)
    return Outcome::kNone;
  // So before a place's or a people's noun ("log-drum performers from Mon
  // district", "the Mon people").
  if (K(i).size() <= 5) {
    const Key n = K(i + 1);
    if (n == "district" || n == "state" || n == "people" || n == "language" || n == "region" || n == "province" ||
        n == "river" || n == "village" || n == "county" || n == "division" || n == "township")
      return Outcome::kNone;
  }
  // Every such weekday's part of the day, to token `end`.
  auto every_part = [&](size_t end, std::string_view part) {
    return Emit(i, end, v1::SET, "XXXX-WXX-" + std::to_string(D(i).weekday + 1) + "T" + std::string(part),
                "weekday-parts");
  };
  // "Monday evenings": every Monday's evening.
  if (const std::string_view part = PluralPart(K(i + 1)); !part.empty()) return every_part(i + 2, part);
  // "on 3 March 2024, a Sunday,": the day just named, when it is one.
  if (K(i - 1) == "a" && K(i - 2) == "," && ref_day_.year > 0 && Weekday(DaysOf(ref_day_)) == D(i).weekday) {
    return Emit(i, i + 1, v1::DATE, DayValue(ref_day_), "weekday-apposition");
  }
  // "will run on Friday and Saturday nights": the first of a pair whose
  // part is plural recurs too (not in a past clause: "crowds gathered on
  // Friday and Saturday nights").
  if ((K(i + 1) == "and" || K(i + 1) == "or") && D(i + 2).weekday >= 0 && Upper(i + 2) &&
      TenseBefore(i) != Tense::kPast) {
    if (const std::string_view part = PluralPart(K(i + 3)); !part.empty()) return every_part(i + 1, part);
  }
  std::string v = WeekdayVal(i);
  if (D(i + 1).Is(kPartWord)) return Emit(i, i + 2, v1::TIME, v + "T" + std::string(D(i + 1).part), "weekday-part");
  return Emit(i, i + 1, v1::DATE, std::move(v), "weekday");
}

// --- weekdays in the plural recur: "on Mondays", "Tuesdays and Thursdays",
// "at weekends" (a name's plural in capitals: "Mondays" is no family's) ---
Outcome Scanner::WeekdayPlural(size_t i) {
  static constexpr std::string_view kPlurals[] = {"mondays", "tuesdays", "wednesdays", "thursdays",
                                                  "fridays", "saturdays", "sundays"};
  const Key k = K(i);
  if (k == "weekends") {
    // "on weekends", "at weekends", "weekends are busy": not "two weekends".
    const Key p = K(i - 1);
    if (!(p == "on" || p == "at" || p == "over" || tokens_[i].sentence_start)) return Outcome::kNone;
    return Emit(i, i + 1, v1::SET, "XXXX-WXX-WE", "weekday-plural");
  }
  for (size_t d = 0; d < std::size(kPlurals); ++d) {
    if (k != kPlurals[d]) continue;
    std::string v = "XXXX-WXX-" + std::to_string(d + 1);
    if (const std::string_view part = PluralPart(K(i + 1)); !part.empty()) {
      return Emit(i, i + 2, v1::SET, v + "T" + std::string(part), "weekday-plural");
    }
    return Emit(i, i + 1, v1::SET, std::move(v), "weekday-plural");
  }
  return Outcome::kNone;
}

// --- deictic words: now, today, recently, soon, yesterday ---
// "right" only in "right now"; "soon" not as a conjunction ("as soon as")
// nor as a distance from an event ("soon after the vote").
bool Scanner::DeicticMayStart(size_t i) const {
  const Key k = K(i);
  if (k == "right") return K(i + 1) == "now";
  // A capitalised word inside a name ("Spajić's Europe Now Movement",
  // "Apocalypse Now"): capitalised, not a sentence's first, after a
  // capitalised word.
  if (Upper(i) && !tokens_[i].sentence_start && i > 0 && Upper(i - 1) && tokens_[i - 1].kind == TokenKind::kWord)
    return false;
  if (k == "soon") return !(K(i - 1) == "as" && K(i + 1) == "as") && !(K(i + 1) == "after" || K(i + 1) == "before");
  return true;
}

// Token j follows a personal pronoun, as a verb does ("we learned").
bool Scanner::AfterSubject(size_t j) const {
  const Key p = K(j - 1);
  return p == "we" || p == "they" || p == "he" || p == "she" || p == "it" || p == "i" || p == "you";
}

// What token j says of the clause of a "today" at token i: +1 an event told
// in the past or the future, -1 the present ("is", "have": "armed groups
// today have free rein"), 0 nothing. Events: past cues and forms (a regular
// -ed form only right beside "today", after a pronoun or "has", or after a
// name and before a preposition or article: it is as often an adjective,
// "today, armed groups"), "been", and the modal and planning
// cues ("will", "is going to", "plans to"), not "due", "next", "set",
// "ahead" ("lies in ruins due to", "sits next to") nor a progressive.
int Scanner::TodayClauseCue(size_t i, size_t j) const {
  const Key k = K(j);
  if (k == "is" || k == "are" || k == "am" || k == "has" || k == "have" || k == "does" || k == "do") return -1;
  if (k == "been") return 1;
  if (k == "since" || k == "earlier" || k == "due" || k == "next" || k == "set" || k == "ahead" ||
      k == "recently" || k == "previously" || k == "formerly")
    return 0;
  if (IngForm(k) && !(k == "going" && K(j + 1) == "to")) return 0;
  const bool beside = j + 1 == i || j == i + 1;
  const Key p = K(j - 1);
  const bool perfect = p == "has" || p == "have" || p == "had";  // "has offered to travel today"
  // After a name, a verb goes on with a preposition or an article ("King
  // Hussein of Jordan arrived in", "the FAA released a"); an adjective with
  // its noun ("Russian armed forces").
  const Key n = K(j + 1);
  const bool named_subject = j > 0 && tokens_[j - 1].upper &&
                             (n == "in" || n == "on" || n == "at" || n == "to" || n == "from" || n == "with" ||
                              n == "for" || n == "the" || n == "a" || n == "an" || n == "," || n == ".");
  if (PastForm(k) && !D(j).Is(kPastCue) && !D(j).Is(kFutureCue) && !beside && !perfect && !AfterSubject(j) &&
      !named_subject) {
    return 0;
  }
  return CueAt(j) != Tense::kUnknown ? 1 : 0;
}

// "today" as the document's day, not "nowadays": its clause tells an event
// in the past or the future ("the ministry said today", "President Bush
// today denounced", "have been demonstrating today", "will travel
// today"). The words after it are read first, to the sentence's end or a
// semicolon (an attribution, "..., she said", skipped), then those before
// it; the first cue decides (TodayClauseCue), and a present-tense verb says
// "nowadays" ("Europe today is weaker," she said).
// A possessive ("today's democracies") is not the day either.
bool Scanner::TodayIsTheDay(size_t i) const {
  constexpr size_t kWindow = 8;
  // "today's" before an event of the day is the day ("today's vote",
  // "today's report"), before anything else not ("today's democracies").
  if (i + 2 < n_ && tokens_[i + 1].kind == TokenKind::kPunct && K(i + 2) == "s") {
    const Key n = K(i + 3);
    return n == "meeting" || n == "vote" || n == "report" || n == "session" || n == "game" || n == "match" ||
           n == "race" || n == "announcement" || n == "attack" || n == "talks" || n == "hearing" ||
           n == "summit" || n == "election" || n == "speech" || n == "decision" || n == "ruling" ||
           n == "trading" || n == "close" || n == "auction" || n == "deadline" || n == "debate" ||
           n == "strike" || n == "rally" || n == "final" || n == "funeral" || n == "ceremony";
  }
  // "earlier today", "later today", "early today": a time of the day.
  if (const Key p = K(i - 1); p == "earlier" || p == "later" || p == "early" || p == "late") return true;
  // A verb in the past at most three words before: "said today", "told
  // reporters today", "entered the city today" (not a capitalised form:
  // "Armed groups today").
  for (size_t j = i; j > 0 && i - j < 3 && !tokens_[j].sentence_start;) {
    --j;
    const Key k = K(j);
    if (k == "has" || k == "have" || k == "since" || k == "earlier" || tokens_[j].upper) continue;
    if (CueAt(j) == Tense::kPast) return true;
  }
  for (size_t j = i + 1; j < n_ && j <= i + kWindow && !tokens_[j].sentence_start; ++j) {
    if (K(j) == ";" || K(j) == ":") break;
    if (Attribution(j, Opens(i) ? i + 1 : 0)) continue;  // "..., she said" dates the report
    if (const int c = TodayClauseCue(i, j); c != 0) return c > 0;
  }
  for (size_t j = i; j > 0 && i - j < kWindow && !tokens_[j].sentence_start;) {
    --j;
    if (K(j) == ";" || K(j) == ":") break;
    if (const int c = TodayClauseCue(i, j); c != 0) return c > 0;
  }
  return false;
}

Outcome Scanner::Deictic(size_t i) {
  if (!DeicticMayStart(i)) return Outcome::kNone;
  const Key k = K(i);
  if (k == "today" && anchor_ != nullptr && TodayIsTheDay(i)) {
    return Emit(i, i + 1, v1::DATE, DayValue(*anchor_), "today");
  }
  if (k == "now" || k == "today" || k == "nowadays" || k == "currently" || k == "presently") {
    return Emit(i, i + 1, v1::DATE, "PRESENT_REF", "present");
  }
  if (k == "right" && K(i + 1) == "now") return Emit(i, i + 2, v1::DATE, "PRESENT_REF", "present");
  if (k == "recently" || k == "lately") return Emit(i, i + 1, v1::DATE, "PAST_REF", "past");
  if (k == "soon") return Emit(i, i + 1, v1::DATE, "FUTURE_REF", "future");
  if (k == "yesterday" || k == "tomorrow" || k == "tmrw" || k == "tmw" || k == "yday") {  // and as posts write it
    const bool past = k == "yesterday" || k == "yday";
    std::string v = anchor_ ? DayValue(CivilFromDays(adays_ + (past ? -1 : 1))) : "XXXX-XX-XX";
    // "tomorrow morning", "yesterday evening": the time of that day.
    if (D(i + 1).Is(kPartWord)) {
      return Emit(i, i + 2, v1::TIME, v + "T" + std::string(D(i + 1).part), "yesterday-tomorrow-part");
    }
    return Emit(i, i + 1, v1::DATE, std::move(v), "yesterday-tomorrow");
  }
  return Outcome::kNone;
}

// --- a year on its own: "in 2013", "1931" (not "2000 people") ---
bool Scanner::YearAloneMayStart(size_t i) const { return K(i).size() == 4; }

Outcome Scanner::YearAlone(size_t i) {
  int y = 0;
  // Touching only quotes ("for 1989\".") or the brackets after a quoted
  // title ("the album \"Midnight in Memphis\" (1962)"; "Germany (1850)",
  // "at 3pm (1500 local time)" are counts and clocks); a year quoted whole
  // is a title itself ("the novel \"1984\"").
  // (Curly quotes have no key: their text tells.)
  auto quote = [&](size_t j) { return K(j) == "\"" || Raw(j) == "\u201c" || Raw(j) == "\u201d"; };
  if (!Year(i, &y)) return Outcome::kNone;
  if (Glued(i)) {
    const bool titled = K(i - 1) == "(" && quote(i - 2) && K(i + 1) == ")" && Glued(i + 1);
    // (After an opening quote, not a title's year: "\u201c2001: A Space Odyssey\u201d".)
    if (!(titled || (quote(i - 1) && K(i + 1) != ":"))) return Outcome::kNone;
    if (quote(i - 1) && Glued(i + 1) && quote(i + 1)) return Outcome::kNone;
  }
  // A quoted name that ends in a year ("Vision 2030\"", "Agenda 2030\"").
  if (Glued(i + 1) && quote(i + 1) && Upper(i - 1) && !tokens_[i - 1].sentence_start) return Outcome::kNone;
  if (i + 1 < n_ && Glued(i + 1)) {
    const Key nx = K(i + 1);
    if (!(nx == "," || nx.empty() || nx == "'" || nx == ")" || nx == "]" || nx == "?" || nx == "!" || nx == ";" ||
          nx == ":" || quote(i + 1))) {
      return Outcome::kNone;
    }
  }
  const Key prev = K(i - 1);
  const bool lead = (D(i - 1).flags & kMonthLeadIn) || prev == "the" || prev == "(" || prev == "circa";
  if (!(y >= 1900 || lead)) return Outcome::kNone;
  // Counts: "2000 people". A year is rarely followed by a plural noun.
  if (D(i + 1).flags & kCountNoun) return Outcome::kStop;
  return Emit(i, i + 1, v1::DATE, YearVal(y), "year");
}

namespace {
// Where else a family may start besides its words and word classes, and
// kNext: only where the next token is a number, punctuation or a date word.
enum StartAt : uint8_t { kAtWords = 0, kAtNumbers = 1, kAtCapital = 2, kNext = 4 };
RuleFamily Family(std::string_view name, Outcome (Scanner::*match)(size_t),
                  bool (Scanner::*may_start)(size_t) const, std::vector<std::string_view> words,
                  uint32_t classes = 0, uint8_t at = kAtWords, std::string_view prefix = {}) {
  RuleFamily f;
  f.name = name;
  f.words = std::move(words);
  f.classes = classes;
  f.numbers = (at & kAtNumbers) != 0;
  f.capital = (at & kAtCapital) != 0;
  f.needs_next = (at & kNext) != 0;
  f.prefix = prefix;
  f.may_start = may_start;
  f.match = match;
  return f;
}
}  // namespace

const std::vector<RuleFamily>& Families() {
  using S = Scanner;
  static const std::vector<RuleFamily> k = {
      Family("nth-weekday", &S::NthWeekday, &S::NthWeekdayMayStart, {"the"}, 0, kNext),
      Family("part-of-day", &S::PartOfDay, &S::PartOfDayMayStart, {"the", "this", "that"}, 0, kNext),
      Family("anaphor", &S::Anaphor, &S::AnaphorMayStart, {"that", "the"}, 0, kNext),
      Family("last-night", &S::LastNight, &S::LastNightMayStart, {"last", "the"}, 0, kNext),
      Family("tonight", &S::Tonight, nullptr, {"tonight"}),
      Family("season-year", &S::SeasonYear, &S::SeasonYearMayStart, {"the"}, kSeasonWord, kAtWords | kNext),
      Family("numeric", &S::Numeric, &S::NumericMayStart, {}, 0, kAtNumbers),
      Family("clock", &S::Clock, &S::ClockMayStart, {}, 0, kAtNumbers),
      Family("year-range", &S::YearRange, &S::YearRangeMayStart, {}, 0, kAtNumbers | kNext),
      Family("weekday-date", &S::WeekdayDate, nullptr, {}, kWeekdayWord, kAtCapital | kNext),
      Family("day-and-day", &S::DayAndDay, &S::DayAndDayMayStart, {}, 0, kAtNumbers | kNext),
      Family("day-month", &S::DayMonth, &S::DayMonthMayStart, {}, kMonthWord, kAtNumbers | kNext),
      Family("month", &S::MonthName, nullptr, {}, kMonthWord, kAtCapital),
      Family("period", &S::Period, &S::PeriodMayStart,
             {"the", "this", "last", "next", "first", "second", "third", "fourth", "fiscal", "year"}, 0,
             kAtNumbers | kNext),
      Family("period-code", &S::Period, &S::PeriodMayStart, {"q1", "q2", "q3", "q4"}),
      Family("decade", &S::Decade, &S::DecadeMayStart, {"the", "early", "late", "mid", "twenty"}, kOrdinalWord,
             kNext),
      Family("decade-number", &S::Decade, &S::DecadeMayStart, {}, 0, kAtNumbers),
      Family("part-of-period", &S::PartOfPeriod, &S::PartOfPeriodMayStart,
             {"the", "start", "end", "beginning", "middle"}, 0, kNext),
      Family("fiscal", &S::Fiscal, &S::FiscalMayStart, {"fiscal", "fy"}, 0, kNext),
      Family("fiscal-code", &S::Fiscal, &S::FiscalMayStart, {}, 0, kAtWords, "fy"),
      Family("early-late", &S::EarlyLate, nullptr, {"early", "late", "mid", "earlier", "later", "overnight"}, 0,
             kNext),
      Family("point", &S::RelativePoint, &S::RelativePointMayStart, {"the"}, 0, kNext),
      Family("holiday", &S::Holiday, &S::HolidayMayStart,
             {"christmas", "xmas", "thanksgiving", "halloween", "new", "valentine", "boxing", "easter", "good", "black",
              "cyber", "memorial", "labor", "election", "fourth", "last", "next", "this", "nowruz", "navruz",
              "norooz", "nauryz", "novruz"}),
      Family("frequency", &S::Frequency, &S::FrequencyMayStart, {"once", "twice", "thrice"},
             kNumberWord, kAtNumbers | kNext),
      Family("rate", &S::Rate, &S::RateMayStart, {"a", "an"}, 0, kNext),
      Family("present-idiom", &S::PresentIdiom, &S::PresentIdiomMayStart, {"these", "this", "the", "present"}, 0,
             kNext),
      Family("short-year", &S::ShortYear, &S::ShortYearMayStart, {}, 0, kAtNumbers),
      Family("duration", &S::Duration, &S::DurationMayStart, {"the"},
             kBoundedWord | kCountLead | kNumberWord | kVagueWord, kAtNumbers | kNext),
      Family("duration-bare", &S::DurationBare, nullptr, {}, kUnitWord),
      Family("duration-glued", &S::GluedDuration, &S::GluedDurationMayStart, {}, 0, kAtNumbers),
      Family("set", &S::Set, nullptr, {"every", "each", "per"}, 0, kNext),
      Family("set-adverb", &S::SetAdverb, &S::SetAdverbMayStart, {}, kSetAdverb),
      Family("relative", &S::Relative, &S::RelativeMayStart, {"this", "last", "next", "coming", "past"}, 0, kNext),
      Family("weekday", &S::WeekdayName, nullptr, {}, kWeekdayWord),
      Family("weekday-plural", &S::WeekdayPlural, nullptr,
             {"mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "weekends"}),
      Family("ref-period", &S::RefPeriod, &S::RefPeriodMayStart, {"the"}, 0, kNext),
      Family("weekend-season", &S::WeekendSeason, &S::WeekendSeasonMayStart, {"the"}, 0, kNext),
      Family("day-of-month", &S::DayOfMonth, &S::DayOfMonthMayStart, {"the"}, 0, kNext),
      Family("season", &S::BareSeason, &S::BareSeasonMayStart, {}, kSeasonWord),
      Family("noon", &S::Noon, &S::NoonMayStart, {"noon", "midnight", "midday"}),
      Family("deictic", &S::Deictic, &S::DeicticMayStart,
             {"now", "today", "nowadays", "currently", "presently", "right", "recently", "lately", "soon",
              "yesterday", "tomorrow", "tmrw", "tmw", "yday"}),
      Family("year", &S::YearAlone, &S::YearAloneMayStart, {}, 0, kAtNumbers),
      Family("spelled-year", &S::SpelledYearAlone, &S::SpelledYearMayStart,
             {"the", "seventeen", "eighteen", "nineteen"}, 0, kNext),
  };
  return k;
}

}  // namespace tidings::enrich::dates
