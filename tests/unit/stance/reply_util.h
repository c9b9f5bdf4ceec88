#pragma once
// A comment tagged in reply to an article, for the stance tests.
#include <string>

#include "enrich/stance/stance.h"

namespace tidings::enrich::testing {

// Tags the article `parent_text`, then a comment `text` replying to it,
// and returns the comment.
inline v1::EnrichedDocument TagReply(const StanceTagger& tagger, const std::string& text,
                                     const std::string& parent_text) {
  v1::EnrichedDocument parent;
  parent.mutable_document()->set_id("p");
  parent.mutable_document()->set_kind("article");
  parent.mutable_document()->set_text(parent_text);
  tagger.Tag({}, &parent);
  v1::EnrichedDocument out;
  out.mutable_document()->set_id("c");
  out.mutable_document()->set_kind("comment");
  out.mutable_document()->set_parent_id("p");
  out.mutable_document()->set_text(text);
  const ThreadDoc summary = ThreadDoc::Of(parent);
  ThreadContext ctx;
  ctx.parent = &summary;
  tagger.Tag(ctx, &out);
  return out;
}

}  // namespace tidings::enrich::testing
