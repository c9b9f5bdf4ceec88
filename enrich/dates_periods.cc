// The reporting-period family: quarters, halves and the fiscal or current
// year as business news names them. "the third quarter", "third-quarter
// profit", "the fiscal first quarter", "the 1988 second quarter", "the third
// quarter of 1984", "the fourth quarter of fiscal 2024", "this year's third
// quarter", "Q3", "the latest quarter",
// "the year-ago period", "year-earlier results", "the first half of 1989",
// "the fiscal year", "the full year". Values: 1989-Q3, 1989-H1, 1989.

#include "enrich/dates_scanner.h"

namespace tidings::enrich::dates {

namespace {
// Ordinal of a quarter or half: "first" .. "fourth", "1st" .. "4th" (0 if none).
int PeriodOrdinal(Key k) {
  if (k == "first" || k == "1st") return 1;
  if (k == "second" || k == "2nd") return 2;
  if (k == "third" || k == "3rd") return 3;
  if (k == "fourth" || k == "4th") return 4;
  return 0;
}
// "q1" .. "q4".
int QuarterCode(Key k) { return k.size() == 2 && k[0] == 'q' && k[1] >= '1' && k[1] <= '4' ? k[1] - '0' : 0; }
// Words that pick a period relative to the anchor or the period in focus.
bool PeriodPicker(Key k) {
  return k == "latest" || k == "current" || k == "previous" || k == "prior" || k == "last" || k == "next" ||
         k == "this" || k == "same";
}
}  // namespace

// The quarter that holds the anchor (year * 4 + quarter - 1); 0 without one.
int Scanner::AnchorQuarter() const { return anchor_ ? anchor_->year * 4 + (anchor_->month - 1) / 3 : 0; }

// The quarter in focus: the last one the text named, else the last whole
// quarter before the anchor (what a results story reports).
int Scanner::FocusQuarter() const { return ref_quarter_ > 0 ? ref_quarter_ : AnchorQuarter() - 1; }

std::string Scanner::QuarterVal(int q) {
  if (q <= 0) return "XXXX-QX";
  // A quarter within a year of the anchor becomes the focus; a historical
  // one ("a dividend stopped in the third quarter of 1984") does not.
  const int aq = AnchorQuarter();
  if (aq == 0 || (q >= aq - 4 && q <= aq + 4)) ref_quarter_ = q;
  return Fmt("%04d-Q%01d", q / 4, q % 4 + 1);
}

bool Scanner::PeriodMayStart(size_t i) const {
  const Key k = K(i);
  if (QuarterCode(k) > 0) return true;
  if (k == "year") return IsHyph(i + 1) && (K(i + 2) == "ago" || K(i + 2) == "earlier" || K(i + 2) == "end");
  const Key n = K(i + 1);
  if (k == "the") {
    return PeriodOrdinal(n) > 0 || PeriodPicker(n) || n == "quarter" || n == "fiscal" || n == "full" ||
           n == "year" || IsNum(i + 1) || MonthsQuarterEnd(i + 1) > 0;
  }
  if (PeriodOrdinal(k) > 0) return n == "quarter" || n == "half" || n == "fiscal" || IsHyph(i + 1);
  if (k == "fiscal") return IsHyph(i + 1) || PeriodOrdinal(n) > 0 || (n == "year" && !IsNum(i + 2));
  // this|last|next: "this quarter", "last year's third quarter", "this fiscal year"
  if (!(k == "this" || k == "last" || k == "next")) return false;
  return n == "quarter" || n == "fiscal" || (n == "year" && K(i + 2) == "'" && K(i + 3) == "s");
}

// One period phrase at i. The parts, in order: "the"; a year ("the 1988
// quarter"), "this/last/next year's" or "year-ago/-earlier"; a picker
// (latest, current, previous, last, next, this); "fiscal"; an ordinal;
// the noun (quarter, half, period, year); "of 1984" / "of this year".
// A quarter named by its months, as Australian and New Zealand papers write
// it: "the September quarter", "the July-September quarter" at token j (the
// month after "the"): the token after "quarter", else 0.
// (Not a quarter-final: "the June quarter-final".)
size_t Scanner::MonthsQuarterEnd(size_t j) const {
  if (!D(j).Is(kMonthWord)) return 0;
  if (K(j + 1) == "quarter" && !IsHyph(j + 2)) return j + 2;
  if (IsHyph(j + 1) && D(j + 2).Is(kMonthWord) && K(j + 3) == "quarter" && !IsHyph(j + 4) &&
      (D(j + 2).month - D(j).month + 12) % 12 == 2)
    return j + 4;
  return 0;
}

Outcome Scanner::Period(size_t i) {
  if (!PeriodMayStart(i)) return Outcome::kNone;
  if (K(i) == "the") {
    if (const size_t e = MonthsQuarterEnd(i + 1); e > 0) {
      const int q = (D(e - 2).month - 1) / 3 + 1;  // the quarter of its last month
      int y = 0;  // "the September quarter of 2025"
      if (K(e) == "of" && Year(e + 1, &y)) return Emit(i, e + 2, v1::DATE, QuarterVal(y * 4 + q - 1), "months-quarter");
      return Emit(i, e, v1::DATE, QuarterVal(QuarterIn(q, TenseBefore(i))), "months-quarter");
    }
  }
  if (const int q = QuarterCode(K(i))) {  // "Q3", "Q3 2012"
    int y = 0;
    if (Year(i + 1, &y)) return Emit(i, i + 2, v1::DATE, QuarterVal(y * 4 + q - 1), "quarter");
    return Emit(i, i + 1, v1::DATE, QuarterVal(QuarterIn(q, TenseBefore(i))), "quarter");
  }
  if (K(i) == "year" && K(i + 2) == "end") {
    // "by year-end": the coming one; "since year-end" (a past clause): the last.
    if (!anchor_) return Emit(i, i + 3, v1::DATE, "XXXX-12-31", "year-end");
    const int y = anchor_->year - (TenseBefore(i) == Tense::kPast ? 1 : 0);
    return Emit(i, i + 3, v1::DATE, Fmt("%04d-12-31", y), "year-end");
  }
  size_t j = i;
  const bool the = K(j) == "the";
  if (the) ++j;
  int year = 0, shift = 0;  // year given; years back from the period in focus
  if (the && Year(j, &year)) {
    ++j;
  } else if ((K(j) == "this" || K(j) == "last" || K(j) == "next") && K(j + 1) == "year" && K(j + 2) == "'" &&
             K(j + 3) == "s") {
    year = anchor_ ? anchor_->year + (K(j) == "last" ? -1 : K(j) == "next" ? 1 : 0) : 0;
    j += 4;
  } else if (K(j) == "year" && IsHyph(j + 1) && (K(j + 2) == "ago" || K(j + 2) == "earlier")) {
    shift = 1;
    j += 3;
  }
  const Key picker = PeriodPicker(K(j)) ? K(j) : Key();
  if (!picker.empty()) ++j;
  bool fiscal = false, qualified = picker == "current";
  if (K(j) == "fiscal" || K(j) == "full" || K(j) == "calendar") {
    fiscal = K(j) == "fiscal";
    qualified = true;
    j += IsHyph(j + 1) ? 2 : 1;
  }
  const int ord = PeriodOrdinal(K(j));
  // "the third-quarter loss": an adjective; "the" belongs to the noun.
  const bool adjective = ord > 0 && IsHyph(j + 1);
  const size_t begin = adjective && the && year == 0 ? i + 1 : i;
  if (ord > 0) j += adjective ? 2 : 1;
  if (ord > 0 && K(j) == "fiscal") fiscal = true, ++j;
  const Key noun = K(j);
  const size_t end = j + 1;
  if (noun == "quarter" && !IsHyph(end) && !(K(end) == "of" && !IsNum(end + 1) && !OfFiscalYear(end, nullptr))) {
    return Quarter(begin, end, ord, year, shift, picker);
  }
  if (noun == "half" && (ord == 1 || ord == 2 || (ord == 0 && picker == "last"))) {
    return Half(begin, end, ord == 0 ? 2 : ord, year);
  }
  if (noun == "year" && qualified && ord == 0 && year == 0 && shift == 0) {
    // "the fiscal year", "the full year": the year of the period in focus;
    // "the current year", "this/last/next fiscal year": from the anchor.
    const int d = picker == "last" ? -1 : picker == "next" ? 1 : 0;
    const bool from_anchor = picker == "current" || picker == "this" || d != 0;
    const int y = from_anchor ? (anchor_ ? anchor_->year + d : 0) : picker.empty() ? FocusQuarter() / 4 : 0;
    if (y > 0 || picker.empty() || from_anchor) return Emit(i, end, v1::DATE, YearOr(y), "year-period");
  }
  if (noun == "period" && ord == 0 && (picker == "latest" || shift > 0 || year > 0)) {
    return Quarter(i, end, 0, year, shift, picker);
  }
  // "year-ago results", "a year-earlier loss": the period in focus a year back.
  if (shift > 0 && !the && picker.empty() && !fiscal && ord == 0) {
    const int q = FocusQuarter() - 4;
    if (!anchor_ && ref_quarter_ == 0) return Emit(i, i + 3, v1::DATE, "XXXX", "year-ago");
    return Emit(i, i + 3, v1::DATE, ref_quarter_ > 0 ? Fmt("%04d-Q%01d", q / 4, q % 4 + 1) : YearOr(q / 4),
                "year-ago");
  }
  return Outcome::kNone;
}

// Qn nearest the anchor by the clause's tense: the last one begun (past), or
// in a future clause the first one not over before the anchor's quarter
// began ("expects a third-quarter loss" in November: the results of the
// quarter just ended are still to come).
int Scanner::QuarterIn(int n, Tense t) const {
  if (!anchor_) return 0;
  const int aq = AnchorQuarter();
  int q = (anchor_->year - 1) * 4 + n - 1;
  if (t == Tense::kFuture) {
    while (q < aq - 1) q += 4;
  } else {
    while (q + 4 <= aq) q += 4;
  }
  return q;
}

// "of fiscal 2024" at token i: the year a reporting period is of, in
// *year when given.
bool Scanner::OfFiscalYear(size_t i, int* year) const {
  int y = 0;
  if (K(i) != "of" || K(i + 1) != "fiscal" || !Year(i + 2, &y)) return false;
  if (year != nullptr) *year = y;
  return true;
}

Outcome Scanner::Quarter(size_t i, size_t end, int ord, int year, int shift, Key picker) {
  int q = 0;
  if (K(end) == "of" && Year(end + 1, &year)) end += 2;
  // "the fourth quarter of fiscal 2024": the fiscal year's quarter, TimeML's
  // Qn as for "the fiscal first quarter".
  if (OfFiscalYear(end, &year)) end += 3;
  if (ord > 0) {
    q = year > 0 ? year * 4 + ord - 1 : QuarterIn(ord, TenseBefore(i));
  } else if (picker == "current" || (picker == "this" && ref_quarter_ == 0)) {
    q = AnchorQuarter();
  } else if (picker == "last" || picker == "previous" || picker == "prior") {
    q = (picker == "last" ? AnchorQuarter() : FocusQuarter()) - 1;
  } else if (picker == "next") {
    q = AnchorQuarter() + 1;
  } else if (picker == "latest" && year == 0 && anchor_) {
    q = AnchorQuarter() - 1;  // the last whole quarter
  } else {
    // "the quarter", "this quarter", "the 1988 quarter", "the same quarter"
    q = FocusQuarter();
    if (year > 0 && q < 0) return Emit(i, end, v1::DATE, Fmt("%04d-QX", year), "quarter");
    if (year > 0) q = year * 4 + q % 4;
  }
  if ((!anchor_ && year == 0) || q < 4) return Emit(i, end, v1::DATE, "XXXX-QX", "quarter");
  // "the year-ago quarter" names the period but does not move the focus.
  if (shift > 0) return Emit(i, end, v1::DATE, Fmt("%04d-Q%01d", (q - 4) / 4, q % 4 + 1), "year-ago");
  return Emit(i, end, v1::DATE, QuarterVal(q), "quarter");
}

// "the first half of 1989", "this year's second half", "the last half of
// this year": only with a year; a bare "the first half" is as often a match.
Outcome Scanner::Half(size_t i, size_t end, int ord, int year) {
  if (K(end) == "of") {
    const Key w = K(end + 1);
    if (Year(end + 1, &year)) {
      end += 2;
    } else if (OfFiscalYear(end, &year)) {
      end += 3;
    } else if ((w == "this" || w == "last" || w == "next" || w == "the") && K(end + 2) == "year") {
      year = w == "the" ? FocusQuarter() / 4 : anchor_ ? anchor_->year + (w == "last" ? -1 : w == "next" ? 1 : 0) : 0;
      end += 3;
    }
  }
  if (year <= 0) return Outcome::kNone;
  return Emit(i, end, v1::DATE, Fmt("%04d-H%01d", year, ord), "half");
}

}  // namespace tidings::enrich::dates
