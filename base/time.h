#pragma once
// Time stamps as tidings writes them. Pure functions, thread-safe.

#include <chrono>
#include <string>

namespace tidings::base {

// RFC 3339 in UTC with milliseconds, e.g. "2016-10-20T09:12:00.123Z" (times
// before 1970 too).
std::string FormatRfc3339(std::chrono::system_clock::time_point t);

}  // namespace tidings::base
