#pragma once
// Calendar arithmetic and TIMEX3 value formatting for the date scanner
// (enrich/dates_scanner.h). Proleptic Gregorian; days count from 1970-01-01.
// Pure functions; thread-safe. Internal to the date tagger.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "enrich/dates.h"

namespace tidings::enrich::dates {

inline int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
inline int64_t DaysOf(const CivilDate& c) { return DaysFromCivil(c.year, c.month, c.day); }

inline CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

// 0 = Monday.
inline int Weekday(int64_t days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

inline int DaysInMonth(int y, int m) {
  static constexpr int k[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return (m >= 1 && m <= 12) ? k[m - 1] : 31;
}

inline void AddMonths(int* y, int* m, int delta) {
  const int t = *y * 12 + (*m - 1) + delta;
  *y = t / 12;
  *m = t % 12 + 1;
}

// Formats of literal characters and "%0Nd" (N one digit), which is all the
// values use; at most 31 characters. Without the C library's machinery.
std::string Fmt(const char* f, int a, int b = 0, int c = 0);

inline std::string DayValue(const CivilDate& d) { return Fmt("%04d-%02d-%02d", d.year, d.month, d.day); }
inline std::string MonthValue(int y, int m) { return Fmt("%04d-%02d", y, m); }
// "2018-W36": the ISO week of the day.
std::string IsoWeekValue(int64_t days);
// "P4Y", "PT48H", "P10Y" for one decade; n < 0 means vague ("PXY", "PXDE").
// Unit codes: Y M W D H N(minute) S DE CE.
std::string DurationValue(std::string_view unit, double n);
// The 1990s: "199X"; the 20th century (19xx): "19XX". The X-padded forms of
// the gold (annotation-guidelines.md); TimeML's truncated "199" / "19" are
// one edit here if the gold moves to them.
inline std::string DecadeValue(int first_three_digits) { return Fmt("%03dX", first_three_digits); }
inline std::string CenturyValue(int first_two_digits) { return Fmt("%02dXX", first_two_digits); }

}  // namespace tidings::enrich::dates
