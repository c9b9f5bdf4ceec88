#include "base/json.h"

#include "base/utf8.h"

namespace tidings::base {
namespace {

// The escape for code point `cp` (a control, `"`, `\`, U+2028, U+2029).
void AppendEscape(std::string& out, char32_t cp) {
  switch (cp) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    default: AppendUnicodeEscape(out, cp);
  }
}

}  // namespace

void AppendJsonEscaped(std::string& out, std::string_view s) {
  std::size_t run = 0;  // start of the pending run of bytes copied as they are
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    char32_t cp = c;
    std::size_t n = c < 0x80 ? 1 : DecodeUtf8At(s, i, &cp);
    if (n > 1 && cp > 0x9F && cp != 0x2028 && cp != 0x2029) {
      i += n;
      continue;
    }
    out.append(s.data() + run, i - run);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that starts no valid sequence
      n = 1;
    } else {
      AppendEscape(out, cp);
    }
    i += n;
    run = i;
  }
  out.append(s.data() + run, s.size() - run);
}

void AppendUnicodeEscape(std::string& out, char32_t cp) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(cp >> shift) & 15]);
}

}  // namespace tidings::base
