#include "enrich/dates_calendar.h"

#include <cmath>
#include <cstdio>

namespace tidings::enrich::dates {

std::string Fmt(const char* f, int a, int b, int c) {
  const int args[3] = {a, b, c};
  int arg = 0;
  char buf[64];
  size_t n = 0;
  for (const char* p = f; *p != 0; ++p) {
    if (*p != '%') {
      buf[n++] = *p;
      continue;
    }
    const int width = p[2] - '0';
    p += 3;
    const int v = args[arg++];
    char digits[10];
    int nd = 0;
    unsigned u = v < 0 ? 0u - static_cast<unsigned>(v) : static_cast<unsigned>(v);
    do {
      digits[nd++] = static_cast<char>('0' + u % 10);
      u /= 10;
    } while (u != 0);
    if (v < 0) buf[n++] = '-';
    for (int pad = width - nd - (v < 0 ? 1 : 0); pad > 0; --pad) buf[n++] = '0';
    while (nd > 0) buf[n++] = digits[--nd];
  }
  return std::string(buf, std::min<size_t>(n, 31));
}

std::string IsoWeekValue(int64_t days) {
  const int64_t thursday = days - Weekday(days) + 3;
  const int iso_year = CivilFromDays(thursday).year;
  const int week = static_cast<int>((thursday - DaysFromCivil(iso_year, 1, 1)) / 7 + 1);
  return Fmt("%04d-W%02d", iso_year, week);
}

std::string DurationValue(std::string_view unit, double n) {
  const bool time = unit == "H" || unit == "N" || unit == "S";
  std::string p = time ? "PT" : "P";
  if (n < 0) {
    std::string u(unit == "N" ? "M" : unit);
    return p + "X" + u;
  }
  auto num = [](double v) {
    char buf[32];
    if (v == std::floor(v) && v >= 0 && v < 1e15 && !std::signbit(v)) {
      return std::to_string(static_cast<int64_t>(v));  // what "%.0f" prints
    }
    if (v == std::floor(v)) {
      std::snprintf(buf, sizeof buf, "%.0f", v);
    } else {
      std::snprintf(buf, sizeof buf, "%g", v);
    }
    return std::string(buf);
  };
  if (unit == "DE") return "P" + num(n * 10) + "Y";
  if (unit == "CE") return "P" + num(n * 100) + "Y";
  if (unit == "ML") return "P" + num(n * 1000) + "Y";
  const double frac = n - std::floor(n);
  if (frac == 0.5 && unit == "Y") return "P" + num(std::floor(n)) + "Y6M";
  if (frac == 0.5 && unit == "D") return "P" + num(std::floor(n)) + "DT12H";
  if (frac == 0.5 && unit == "H") return "PT" + num(std::floor(n)) + "H30M";
  return p + num(n) + std::string(unit == "N" ? "M" : unit);
}

}  // namespace tidings::enrich::dates
