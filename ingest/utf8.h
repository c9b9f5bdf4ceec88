#pragma once
// Small UTF-8 helpers shared by validation, normalisation and the splitter.
// All functions are pure and thread-safe.

#include <cstddef>
#include <string_view>

#include "base/utf8.h"

namespace tidings::ingest {

// True when `s` is well-formed UTF-8 (base/utf8.h).
using base::IsValidUtf8;

// Number of code points in `s`. Requires valid UTF-8; on invalid input it
// counts every byte that is not a continuation byte.
std::size_t CodePointCount(std::string_view s);

// True when `s` holds a C0 control (U+0000..U+001F), DEL (U+007F) or a C1
// control (U+0080..U+009F). Requires valid UTF-8.
bool HasControlCharacter(std::string_view s);

}  // namespace tidings::ingest
