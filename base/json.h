#pragma once
// JSON string escaping (RFC 8259), one implementation for the JSON Lines
// codec and the JSON logs. Pure functions, thread-safe.

#include <string>
#include <string_view>

namespace tidings::base {

// Appends `s` as the inside of a JSON string (no quotes added): `"` and `\`
// escaped; control characters (C0, DEL, C1) and U+2028/U+2029 as \n, \r,
// \t, \b, \f or \uXXXX; other valid UTF-8 byte for byte; each byte that is
// not part of valid UTF-8 becomes U+FFFD. The result is always valid JSON
// and never holds a raw line break.
void AppendJsonEscaped(std::string& out, std::string_view s);

// Appends `\uXXXX` for a code point of the Basic Multilingual Plane.
void AppendUnicodeEscape(std::string& out, char32_t cp);

}  // namespace tidings::base
