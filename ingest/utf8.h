#pragma once
// Small UTF-8 helpers shared by validation, normalisation and the splitter.
// All functions are pure and thread-safe.

#include <cstddef>
#include <string_view>

namespace tidings::ingest {

// True when `s` is well-formed UTF-8 (RFC 3629): no overlong forms, no
// surrogates, nothing above U+10FFFF, no truncated sequences.
bool IsValidUtf8(std::string_view s);

// Number of code points in `s`. Requires valid UTF-8; on invalid input it
// counts every byte that is not a continuation byte.
std::size_t CodePointCount(std::string_view s);

// True when `s` holds a C0 control (U+0000..U+001F), DEL (U+007F) or a C1
// control (U+0080..U+009F). Requires valid UTF-8.
bool HasControlCharacter(std::string_view s);

}  // namespace tidings::ingest
