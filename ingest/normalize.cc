#include "ingest/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>

#include "ingest/sha256.h"
#include "ingest/utf8.h"

namespace tidings::ingest {
namespace {

// Converts "\r\n" and lone "\r" to "\n".
std::string UnifyLineEndings(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < in.size() && in[i + 1] == '\n') ++i;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

Result<std::string> ToNfc(std::string s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return Result<std::string>(ErrorCode::kInternal, "ICU NFC unavailable");
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (nfc->quickCheck(u, err) == UNORM_YES && U_SUCCESS(err)) return s;
  err = U_ZERO_ERROR;
  icu::UnicodeString normalized = nfc->normalize(u, err);
  if (U_FAILURE(err)) return Result<std::string>(ErrorCode::kInternal, "ICU NFC failed");
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

// Length of `line` without trailing white space (Unicode White_Space).
std::size_t TrimmedLength(std::string_view line) {
  auto len = static_cast<int32_t>(line.size());
  const auto* p = reinterpret_cast<const std::uint8_t*>(line.data());
  while (len > 0) {
    int32_t i = len;
    UChar32 c;
    U8_PREV(p, 0, i, c);
    if (c < 0 || !u_isUWhiteSpace(c)) break;
    len = i;
  }
  return static_cast<std::size_t>(len);
}

void AppendField(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out.push_back('=');
  out.append(std::to_string(value.size()));
  out.push_back(':');
  out.append(value);
  out.push_back('\n');
}

}  // namespace

Result<std::string> NormalizeText(std::string_view text) {
  if (!IsValidUtf8(text)) return Result<std::string>(ErrorCode::kInvalidUtf8, "text is not valid UTF-8");
  auto nfc = ToNfc(UnifyLineEndings(text));
  if (!nfc.ok()) return nfc.status();
  const std::string& s = nfc.value();

  std::string out;
  out.reserve(s.size());
  std::size_t pending_blank = 0;  // blank lines seen since the last text line
  bool any_text = false;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) nl = s.size();
    std::string_view line(s.data() + pos, nl - pos);
    line = line.substr(0, TrimmedLength(line));
    if (line.empty()) {
      ++pending_blank;
    } else {
      if (any_text) out.append(pending_blank > 0 ? "\n\n" : "\n");
      out.append(line);
      any_text = true;
      pending_blank = 0;
    }
    pos = nl + 1;
  }
  return out;
}

bool HasVisibleCharacter(std::string_view text) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    const auto type = static_cast<UCharCategory>(u_charType(c));
    if (u_isUWhiteSpace(c) || type == U_CONTROL_CHAR || type == U_FORMAT_CHAR ||
        u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
      continue;
    return true;
  }
  return false;
}

std::string ContentHash(const v1::Document& doc) {
  std::string canon;
  canon.reserve(doc.text().size() + 256);
  AppendField(canon, "kind", doc.kind());
  AppendField(canon, "thread_id", doc.thread_id());
  AppendField(canon, "parent_id", doc.parent_id());
  AppendField(canon, "source", doc.source());
  AppendField(canon, "url", doc.url());
  AppendField(canon, "title", doc.title());
  AppendField(canon, "author", doc.author());
  AppendField(canon, "published_at", doc.published_at());
  AppendField(canon, "language", doc.language());
  AppendField(canon, "text", doc.text());
  std::map<std::string_view, std::string_view> extra;
  for (const auto& [k, v] : doc.extra()) extra.emplace(k, v);
  for (const auto& [k, v] : extra) AppendField(canon, "extra." + std::string(k), v);
  return Sha256Hex(canon);
}

}  // namespace tidings::ingest
