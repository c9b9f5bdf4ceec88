// The duration family: "four years", "the past decade", "3 and a half years",
// "a few days", "four to five weeks", "seven weeks ago", bare "for years".

#include <algorithm>
#include <cstddef>
#include <cmath>
#include <iterator>

#include "enrich/dates_scanner.h"

namespace tidings::enrich::dates {

namespace {
// A unit's place from the largest to the smallest (Y 0 .. S 6); 7 for
// decades, centuries and anything else.
std::ptrdiff_t UnitRank(std::string_view code) {
  static constexpr std::string_view kOrder[] = {"Y", "M", "W", "D", "H", "N", "S"};
  return std::find(std::begin(kOrder), std::end(kOrder), code) - std::begin(kOrder);
}

bool IsBoundedKey(Key w) {
  return w == "past" || w == "last" || w == "next" || w == "coming" || w == "previous" || w == "first" ||
         w == "following";
}
}  // namespace

// "last" as the verb ("will last a week", "could last two months"): after a
// modal or "to", it is no bound of the duration that follows.
bool Scanner::VerbLast(size_t j) const {
  if (K(j) != "last" || j == 0) return false;
  const Key p = K(j - 1);
  return p == "will" || p == "would" || p == "could" || p == "can" || p == "may" || p == "might" ||
         p == "should" || p == "must" || p == "to" || p == "did" || p == "does" || p == "do" || p == "'ll" ||
         p == "not" || p == "n't";
}

bool Scanner::DurationMayStart(size_t i) const {
  // What may follow a count: a unit, more of the number, a range or a hyphen.
  auto count_next = [&](size_t j) {
    return IsHyph(j) || D(j).Is(kUnitWord | kNumberWord | kVagueWord) || K(j) == "and" || K(j) == "to" ||
           K(j) == "or" || K(j) == "1/2" || (D(j).flags & kUnitFiller);
  };
  // What may follow "the past": a count or a unit.
  auto count_or_unit = [&](size_t j) {
    return IsNum(j) || D(j).Is(kUnitWord | kNumberWord | kVagueWord | kCountLead);
  };
  if (IsNum(i)) return count_next(i + 1);
  const Key k = K(i);
  const DateWord& w = D(i);
  if (k == "the") {
    const DateWord& n = D(i + 1);
    return (n.Is(kUnitWord) && n.unit.plural) || (n.Is(kBoundedWord) && count_or_unit(i + 2)) ||
           ((IsNum(i + 1) || n.Is(kNumberWord)) && count_next(i + 2)) ||
           (K(i + 1) == "final" && K(i + 3) == "months");  // "the final three months of 2011"
  }
  if (w.Is(kBoundedWord)) return count_or_unit(i + 1);
  if (w.Is(kUnitWord)) return true;
  if (k == "all") return K(i + 1) == "those";
  if (k == "half") return K(i + 1) == "a" || K(i + 1) == "an";
  return count_next(i + 1);
}

// "seven weeks ago" (`ahead` false) and "ten years from now" (`ahead`
// true) at the unit's granularity, counted from the document's date;
// vague: PAST_REF / FUTURE_REF. The span ends at `e`.
Outcome Scanner::DurationAgo(size_t i, size_t e, const Unit& u, double n, bool vague, bool ahead) {
  const std::string_view rule = ahead ? "from-now" : "ago", vague_rule = ahead ? "from-now-vague" : "ago-vague";
  const char* ref = ahead ? "FUTURE_REF" : "PAST_REF";
  if (vague || n < 0 || anchor_ == nullptr) return Emit(i, e, v1::DATE, ref, vague_rule);
  const int nn = static_cast<int>(n) * (ahead ? -1 : 1);  // units back
  const std::string_view c = u.code;
  if (c == "Y") return Emit(i, e, v1::DATE, YearOr(anchor_->year - nn), rule);
  if (c == "DE") {
    // "four decades ago" in 2013: the 1970s ("197X"), the unit's granularity.
    const int y = anchor_->year - 10 * nn;
    return Emit(i, e, v1::DATE, y > 0 ? Fmt("%03dX", y / 10) : std::string("XXXX"), rule);
  }
  if (c == "M") {
    int yy = anchor_->year, mm = anchor_->month;
    AddMonths(&yy, &mm, -nn);
    return Emit(i, e, v1::DATE, MonthValue(yy, mm), rule);
  }
  if (c == "W") return Emit(i, e, v1::DATE, IsoWeekValue(adays_ - 7 * nn), rule);
  if (c == "D") return Emit(i, e, v1::DATE, DayValue(CivilFromDays(adays_ - nn)), rule);
  return Emit(i, e, v1::DATE, ref, vague_rule);
}

// "the first three months of 2012", "the final three months of the year",
// "the first six months of last year": a quarter or a half of a year, a
// DATE (2012-Q1, 2013-Q4, 2012-H1). "the year" is the paragraph's, else
// the anchor's.
Outcome Scanner::MonthsOfAYear(size_t i) {
  const Key edge = K(i + 1), count = K(i + 2);
  const bool first = edge == "first", last = edge == "last" || edge == "final";
  const bool quarter = count == "three" || count == "3", half = count == "six" || count == "6";
  if (!(first || last) || !(quarter || half) || K(i + 3) != "months" || K(i + 4) != "of") return Outcome::kNone;
  int y = 0;
  size_t end = 0;
  const Key rel = K(i + 5);
  if (Year(i + 5, &y)) {
    end = i + 6;
  } else if (K(i + 6) == "year" && (rel == "the" || rel == "this" || rel == "last" || rel == "next")) {
    const int base = rel == "the" && para_year_ > 0 ? para_year_ : anchor_ ? anchor_->year : 0;
    y = base > 0 ? base + (rel == "last" ? -1 : rel == "next" ? 1 : 0) : 0;
    end = i + 7;
  }
  if (end == 0) return Outcome::kNone;
  const char* part = quarter ? (first ? "-Q1" : "-Q4") : (first ? "-H1" : "-H2");
  return Emit(i, end, v1::DATE, YearOr(y) + part, "months-of-a-year");
}

Outcome Scanner::Duration(size_t i) {
  const Key k = K(i);
  size_t j = i;
  bool the = false, bounded = false;
  if (k == "the") {
    if (const Outcome o = MonthsOfAYear(i); o != Outcome::kNone) return o;
    the = true;
    ++j;
  }
  if (IsBoundedKey(K(j)) && !VerbLast(j)) {
    bounded = true;
    ++j;
  } else if (the && !(IsNum(j) || D(j).Is(kNumberWord))) {
    j = i;  // "the" leads bounded durations, counts ("the nine months") and "the decades"
    the = false;
  }
  double n = -2;
  size_t after = j;
  bool vague = false, article = false;
  const Key q = K(j);
  if (q == "a" && K(j + 1) == "few") {
    vague = true, after = j + 2;
  } else if (q == "a" && K(j + 1) == "couple" && K(j + 2) == "of") {
    n = 2, after = j + 3;
  } else if (q == "couple" && bounded && K(j + 1) == "of") {  // "the next couple of years"
    n = 2, after = j + 2;
  } else if ((D(j).flags & kVague) && !(q == "those" && !(K(j - 1) == "all")) && !(q == "these" || q == "some")) {
    vague = true, after = j + 1;
  } else if (q == "all" && K(j + 1) == "those") {
    vague = true, after = j + 2;
  } else if (q == "half" && (K(j + 1) == "a" || K(j + 1) == "an")) {
    n = 0.5, after = j + 2;
  } else if (Number(j, &n, &after, true)) {
    article = (q == "a" || q == "an" || q == "one");
    // "3 and a half", "two and a half", "2 1/2"
    if (K(after) == "and" && K(after + 1) == "a" && K(after + 2) == "half") n += 0.5, after += 3;
    if (K(after) == "1/2") n += 0.5, ++after;
  } else {
    n = -2;
  }
  Unit u{"", false};
  const bool have_number = n > -2 || vague;
  // "four to five weeks", "two or three days", "two- or three-day"
  if (have_number && !vague &&
      (K(after) == "to" || K(after) == "or" || (IsHyph(after) && (K(after + 1) == "or" || K(after + 1) == "to")))) {
    const size_t m2 = after + (IsHyph(after) ? 2 : 1);
    double n2;
    size_t after2;
    if (Number(m2, &n2, &after2, false)) {
      if (IsHyph(after2)) ++after2;
      if (UnitAt(after2, &u)) {
        if (K(after2 + 1) == "-" || K(after2 + 1) == "old") return Outcome::kStop;
        return Emit(i, after2 + 1, v1::DURATION, DurationValue(u.code, -1), "duration-range");
      }
    }
  }
  // "between four and six years": each count with the unit after the second.
  if (have_number && !vague && K(i - 1) == "between" && K(after) == "and") {
    double n2;
    size_t after2;
    // (Not an age, a distance back or a rate: "between 10 and 14 years of
    // age", "aged between 18 and 25 years", "between four and six years
    // ago", "between eight and ten hours a day".)
    const Key lead = K(i - 2);
    if (Number(after + 1, &n2, &after2, false) && UnitAt(after2, &u) && u.plural &&
        !(K(after2 + 1) == "old" || K(after2 + 1) == "of" || K(after2 + 1) == "ago" || K(after2 + 1) == "a" ||
          K(after2 + 1) == "per" || lead == "aged" || lead == "ages")) {
      Emit(i, after, v1::DURATION, DurationValue(u.code, n), "duration-between");
      return Emit(after + 1, after2 + 1, v1::DURATION, DurationValue(u.code, n2), "duration-between");
    }
  }
  // "an hour or two"
  if (article && UnitAt(after, &u) && K(after + 1) == "or" && D(after + 2).number >= 0) {
    return Emit(i, after + 3, v1::DURATION, DurationValue(u.code, -1), "duration-or-n");
  }
  size_t unit_at = after;
  // "five-year": an adjective; a leading "the" belongs to its noun ("the
  // [eight-year] war"), unless the count is bounded ("the last five-year").
  const bool adjective = have_number && IsHyph(unit_at) && Glued(unit_at);
  if (adjective) ++unit_at;
  const size_t begin = adjective && the && !bounded ? i + 1 : i;
  // "two more weeks", "three straight years", "two full days"
  if (have_number && (D(unit_at).flags & kUnitFiller) && D(unit_at + 1).Is(kUnitWord)) ++unit_at;
  if (have_number && UnitAt(unit_at, &u)) {
    // A capitalised length in a name ("the Twelve-Day War", "the Six-Day
    // War"): the count and the unit capitalised, a capitalised word after.
    if (adjective && Upper(j) && Upper(unit_at) && unit_at + 1 < n_ && Upper(unit_at + 1) &&
        tokens_[unit_at + 1].kind == TokenKind::kWord && !tokens_[j].sentence_start)
      return Outcome::kStop;
    // Ages are not dates: "five-year-old", "7 years old".
    if (K(unit_at + 1) == "old" || (IsHyph(unit_at + 1) && K(unit_at + 2) == "old")) return Outcome::kStop;
    if (K(unit_at + 1) == "ago") return DurationAgo(i, unit_at + 2, u, n, vague, false);
    if (K(unit_at + 1) == "from" && (K(unit_at + 2) == "now" || K(unit_at + 2) == "today"))
      return DurationAgo(i, unit_at + 3, u, n, vague, true);
    // (An adjective's length is one whatever leads it: "each 48-hour
    // stage"; "one" of hours, minutes and weeks too, "a one-hour visit",
    // not the set phrases of days and years: "one-day internationals", "a
    // one-year loan rate".)
    if ((K(i - 1) == "every" || K(i - 1) == "each") && !adjective) return Outcome::kStop;
    const bool one_adjective = adjective && q == "one" && (u.code == "H" || u.code == "N" || u.code == "W");
    if (article && !bounded && !the && !one_adjective) {
      const Key next = K(unit_at + 1);
      // ("could take up to a week": a bound's "up to".)
      const bool ctx = (D(i - 1).flags & kDurationLeadIn) || next == "before" || next == "after" ||
                       next == "later" || next == "earlier" || next == "long" ||
                       (K(i - 1) == "to" && K(i - 2) == "up");
      if (!ctx || u.plural) return Outcome::kStop;
    }
    // "seven days a week", "eight hours a day": how often, one SET of the
    // larger unit (as TIMEX3 writes it: P1W, the count its frequency).
    if (!vague && (K(unit_at + 1) == "a" || K(unit_at + 1) == "per")) {
      Unit per{"", false};
      if (UnitAt(unit_at + 2, &per) && !per.plural && UnitRank(per.code) < UnitRank(u.code) && UnitRank(u.code) < 7) {
        return Emit(begin, unit_at + 3, v1::SET, DurationValue(per.code, 1), "duration-per");
      }
    }
    std::string v = vague || q == "recent" ? DurationValue(u.code, -1) : DurationValue(u.code, n);
    // "two hours and 14 minutes", "three years and six months": one
    // duration of both, the second unit smaller and of the same kind.
    if (!vague && n >= 0 && K(unit_at + 1) == "and") {
      double n2 = 0;
      size_t after2 = 0;
      Unit u2{"", false};
      if (Number(unit_at + 2, &n2, &after2, false) && n2 >= 0 && n2 == std::floor(n2) && UnitAt(after2, &u2)) {
        const bool time1 = UnitRank(u.code) >= 4, time2 = UnitRank(u2.code) >= 4;
        if (UnitRank(u.code) < UnitRank(u2.code) && UnitRank(u2.code) < 7 && time1 == time2 && n == std::floor(n)) {
          const std::string v2 = DurationValue(u2.code, n2);
          return Emit(begin, after2 + 1, v1::DURATION, v + v2.substr(time2 ? 2 : 1), "duration-compound");
        }
      }
    }
    return Emit(begin, unit_at + 1, v1::DURATION, std::move(v), vague ? "duration-vague" : "duration");
  }
  // "the past decade", "the last year": bounded with a unit.
  if (bounded && UnitAt(j, &u)) {
    const bool date = !the && (u.code == "Y" || u.code == "M" || u.code == "W") && !u.plural &&
                      (k == "last" || k == "next");
    // "last year", "next month" are dates (the relative family).
    if (!date) {
      return Emit(i, j + 1, v1::DURATION, u.plural ? DurationValue(u.code, -1) : DurationValue(u.code, 1),
                  "duration-bounded");
    }
  }
  if (!have_number && !bounded) return DurationBare(i);
  return Outcome::kNone;
}

// --- a reader's count glued to its unit: "8hrs", "30mins", "48h", "2yrs"
// (in lower case; "m" and "d" are metres and other things) ---
namespace {
std::string_view GluedUnitCode(std::string_view raw, double* n) {
  size_t d = 0;
  while (d < raw.size() && raw[d] >= '0' && raw[d] <= '9') ++d;
  if (d == 0 || d > 4 || d == raw.size()) return {};
  static constexpr std::pair<std::string_view, std::string_view> kGlued[] = {
      {"h", "H"}, {"hr", "H"}, {"hrs", "H"}, {"min", "N"}, {"mins", "N"}, {"yrs", "Y"}, {"wks", "W"}, {"days", "D"}};
  const std::string_view suffix = raw.substr(d);
  for (const auto& [s, code] : kGlued) {
    if (s != suffix) continue;
    int v = 0;
    for (size_t k = 0; k < d; ++k) v = v * 10 + (raw[k] - '0');
    *n = v;
    return code;
  }
  return {};
}
}  // namespace

bool Scanner::GluedDurationMayStart(size_t i) const {
  const std::string_view raw = Raw(i);
  const char last = raw.empty() ? '0' : raw.back();
  return IsNum(i) && last >= 'a' && last <= 's';
}

Outcome Scanner::GluedDuration(size_t i) {
  double n = 0;
  const std::string_view code = GluedUnitCode(Raw(i), &n);
  if (code.empty()) return Outcome::kNone;
  const Key next = K(i + 1);
  if (next == "old" || (IsHyph(i + 1) && Glued(i + 1))) return Outcome::kStop;  // an age, an adjective
  // An hour's "h" after a name's word or a time's preposition is a clock's
  // or a name's: "at 20h tonight", "Flat 4h", "Le Mans 24h".
  if (code == "H" && Raw(i).back() == 'h') {
    const Key p = K(i - 1);
    if ((i > 0 && Upper(i - 1)) || p == "at" || p == "from" || p == "until" || p == "till" || p == "by" ||
        p == "before" || p == "after" || p == "to")
      return Outcome::kNone;
  }
  const Unit u{code, true};
  if (next == "ago") return DurationAgo(i, i + 2, u, n, false, false);
  // "8hrs a day": how often, as "eight hours a day" is.
  Unit per{"", false};
  if ((next == "a" || next == "per") && UnitAt(i + 2, &per) && !per.plural && UnitRank(per.code) < UnitRank(code))
    return Emit(i, i + 3, v1::SET, DurationValue(per.code, 1), "duration-per");
  return Emit(i, i + 1, v1::DURATION, DurationValue(code, n), "duration-glued");
}

// Bare plural units: "for years", "over the decades", "took months", "days
// later", "Weeks after the vote", "years ago" (PAST_REF). A vague amount:
// PXY, PXW, PTXH, PXDE. Not after a determiner ("the days of the regime")
// and not before "of" unless after "for" or "after" or leading the sentence
// ("in days of old" is not a duration; "after days of fighting" and "Months
// of talks ended" are).
Outcome Scanner::DurationBare(size_t i) {
  const Key k = K(i);
  // (A quoted unit reads past its quote mark: 'would take "years" to
  // rebuild'.)
  const bool quoted = i >= 2 && (Raw(i - 1) == "\"" || Raw(i - 1) == "\u201c") && Glued(i);
  const size_t before = quoted ? i - 2 : i - 1;
  const Key prev = K(before);
  // "over the decades", "over the years", "through the weeks"; "the decades
  // ahead", "in the months ahead"
  if (k == "the" && D(i + 1).Is(kUnitWord) && D(i + 1).unit.plural && D(i + 1).unit.code != "S") {
    if (K(i + 2) == "ahead") return Emit(i, i + 3, v1::DURATION, DurationValue(D(i + 1).unit.code, -1), "duration-ahead");
    if (prev == "over" || prev == "for" || prev == "across" || prev == "throughout" || prev == "through") {
      return Emit(i, i + 2, v1::DURATION, DurationValue(D(i + 1).unit.code, -1), "duration-bare");
    }
  }
  Unit u{"", false};
  if (!(UnitAt(i, &u) && u.plural && u.code != "S")) return Outcome::kNone;
  const Key next = K(i + 1);
  if (next == "ago") return Emit(i, i + 2, v1::DATE, "PAST_REF", "ago-vague");
  if (next == "from" && (K(i + 2) == "now" || K(i + 2) == "today"))
    return Emit(i, i + 3, v1::DATE, "FUTURE_REF", "from-now-vague");
  const bool lead_word = prev == "mere" || prev == "taking" || prev == "takes" || prev == "take" ||
                         prev == "lasting" || prev == "spend" || prev == "spending" || prev == "wait" ||
                         prev == "waited";
  // "last" the verb, after a modal or "to" ("could last weeks", "is expected
  // to last months"), not the adjective ("the last weeks of the war").
  const Key modal = K(i - 2);
  const bool last_verb = prev == "last" && (modal == "could" || modal == "would" || modal == "will" ||
                                            modal == "may" || modal == "might" || modal == "can" ||
                                            modal == "should" || modal == "to" || modal.ends_with("'ll"));
  // "months, not years", "days not weeks": the second of a contrast.
  const bool contrast = prev == "not" && !quoted && !Upper(i);  // (not "Smith, not Weeks")
  bool lead = ((D(before).flags & kDurationLeadIn) && !(prev == "last" || prev == "another")) ||
              lead_word || last_verb || contrast;
  // Before "of" only after "for", "after", "amid", "following" or a past
  // form ("uncovered years of under-reported debt", "endured months of
  // shelling"; not "in days of old").
  // (Not a past form that is an adjective after a determiner: "the troubled
  // years of the Rudd government".)
  const Key det = K(i - 2);
  const bool adjective = det == "the" || det == "a" || det == "an" || det == "his" || det == "her" ||
                         det == "their" || det == "its" || det == "our" || det == "these" || det == "those";
  // (Or "by", "as", "with", "despite", "took" and a result's "of":
  // "triggered by days of rain", "described as years of neglect", "the
  // result of decades of protection".)
  const bool result_of = prev == "of" && (det == "result" || det == "product" || det == "culmination" ||
                                          det == "legacy" || det == "fruit");
  const bool before_of = prev == "for" || prev == "after" || prev == "amid" || prev == "following" ||
                         prev == "follow" || prev == "follows" || prev == "by" || prev == "as" || prev == "with" ||
                         prev == "despite" || prev == "took" || result_of ||
                         (PastForm(prev) && !tokens_[i - 1].upper && !adjective);
  if (next == "of") lead = before_of;
  // "Months of talks ended ...", "Years later": a sentence led by the unit.
  if (tokens_[i].sentence_start && Upper(i) && (next == "of" || next == "later" || next == "after")) lead = true;
  // "days later", "Weeks after the vote", "months before": a distance in time.
  // ("weeks ahead of schedule", "years away")
  const bool distance = next == "later" || next == "earlier" || next == "before" || next == "after" ||
                        next == "long" || next == "passed" || next == "went" || next == "ahead" || next == "away";
  const bool determiner = prev == "the" || prev == "these" || prev == "those" || prev == "their" ||
                          prev == "its" || prev == "his" || prev == "her" || prev == "our" || prev == "of";
  if (lead || (distance && !determiner)) {
    return Emit(i, i + 1, v1::DURATION, DurationValue(u.code, -1), "duration-bare");
  }
  return Outcome::kNone;
}

}  // namespace tidings::enrich::dates
