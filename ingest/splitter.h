#pragma once
// Turns raw text dumps (a crawler's or a copy-paste's view of news pages:
// several articles per file, page furniture, hard-wrapped lines, comment
// threads) into Documents. Used by `tidings split`.
//
// What it recognises, by general rules rather than per-source templates:
//  - article boundaries: page furniture separators ("Show Hide image") and
//    markdown headings ("# Title");
//  - furniture lines, dropped: image captions ("Image: ..."), "Show Hide
//    image", "No more articles", and trailing link-only lines with the
//    lead-in paragraph that introduces them ("To contact ... visit:");
//  - a headline: a short first line without closing punctuation followed by
//    a blank line, or a markdown heading; right after it a byline (a name,
//    optionally "By ...") and a dateline (a line that is only a date);
//  - the author otherwise from a signature (a last line that is only a
//    name) or a bio ("Shiraz Maher is a ...", "David Selbourne's ...");
//  - publication date otherwise from notes such as "This article first
//    appeared in the 16 July 2014 issue of the New Statesman" (which also
//    names the source);
//  - paragraphs: hard-wrapped blocks (most lines near one width) are
//    re-joined, a line ending a sentence before the next word would have
//    fitted ends a paragraph; a line break or blank line inside a sentence
//    (no closing punctuation, next line in lower case or previous ending
//    in a lower-case word) is joined with a space; other line breaks kept;
//  - a comment section: a numbered list ("  1. ", "  2. ", ...) after the
//    last article; replies are bulleted ("• ") and nest by indentation; a
//    reply's parent is the closest less-indented comment above it.
//
// Pure and thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "tidings/v1/document.pb.h"

namespace tidings::ingest {

namespace v1 = ::tidings::v1;

struct SplitOptions {
  // Ids are "<id_prefix>-a<N>" for articles and "<id_prefix>-c<N>" for
  // comments, numbered from 1 in file order. Required.
  std::string id_prefix;
  // Copied into every document when non-empty.
  std::string language;
  // Source name for articles whose dump does not name one.
  std::string source;
};

// The default id prefix for a dump file: the leading digits of its file name
// as "seed<digits>" ("003_9c28b6a25ccebb84.txt" -> "seed003"), else the
// file name without directory and extension.
std::string DefaultIdPrefix(std::string_view path);

// Splits one dump into documents: articles in order, then comments (which
// hang under the last article: thread_id = its id). Text is normalised
// (normalize.h). Invalid UTF-8 sequences are replaced with U+FFFD first.
// Documents whose text ends up empty are left out.
std::vector<v1::Document> SplitDump(std::string_view dump, const SplitOptions& options);

// Parses a date written out in English ("16 July 2014", "December 20,
// 2016", "Tuesday 20 December 2016", "2016-12-20") found anywhere in `text`
// when `whole` is false, or making up all of `text` when true. Returns
// "YYYY-MM-DDT00:00:00Z" or "" when there is none.
std::string FindDate(std::string_view text, bool whole);

}  // namespace tidings::ingest
