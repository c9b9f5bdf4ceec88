#pragma once
// Text normalisation and content hashing for documents entering tidings.
//
// NormalizeText is the only rewrite tidings-ingest applies to a document's
// text: Unicode NFC, line endings to "\n", trailing white space trimmed from
// every line, runs of blank lines collapsed to a single paragraph break, and
// blank lines at the start and end dropped. Everything else (words,
// punctuation, leading indentation, inner spaces) is kept byte for byte.
//
// All functions are pure and thread-safe.

#include <string>
#include <string_view>

#include "runtime/status.h"
#include "tidings/v1/document.pb.h"

namespace tidings::ingest {

namespace v1 = ::tidings::v1;

// Returns the normalised form of `text` (see above). Requires valid UTF-8;
// returns kInvalidUtf8 otherwise. The result may be empty (white space only).
[[nodiscard]] Result<std::string> NormalizeText(std::string_view text);

// True when `text` holds at least one character a reader can see: a code
// point that is not white space (Unicode White_Space), not a control (Cc:
// NUL, C0, DEL, C1), not a format character (Cf: zero-width space and
// joiners, bidi marks, BOM) and not default-ignorable. Requires valid UTF-8
// (false otherwise).
bool HasVisibleCharacter(std::string_view text);

// Hex SHA-256 over the document's content: kind, thread_id, parent_id,
// source, url, title, author, published_at, language, text and the extra
// fields (sorted by name), each as "name=<byte length>:<bytes>\n". The id and
// the ingest info are not part of it, so the same content re-sent under the
// same id hashes the same. Call after NormalizeText has been applied.
std::string ContentHash(const v1::Document& doc);

}  // namespace tidings::ingest
