#pragma once
// UTF-8 decoding and validation (RFC 3629), one implementation for every
// layer. Pure functions, thread-safe.

#include <cstddef>
#include <string_view>

namespace tidings::base {

// Length (1..4) of the well-formed UTF-8 sequence that starts at s[i], with
// its code point in *cp; 0 when none starts there (a continuation byte, an
// overlong form, a surrogate, a code point over U+10FFFF, a truncated
// sequence). Requires i < s.size().
std::size_t DecodeUtf8At(std::string_view s, std::size_t i, char32_t* cp);

// True when `s` is well-formed UTF-8: no overlong forms, no surrogates,
// nothing above U+10FFFF, no truncated sequences.
bool IsValidUtf8(std::string_view s);

}  // namespace tidings::base
