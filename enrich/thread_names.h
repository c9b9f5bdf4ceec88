// A reply's names in lower case: what its thread wrote in title case.
#pragma once

#include <string_view>
#include <vector>

#include "enrich/engine.h"
#include "enrich/kb.h"
#include "enrich/text.h"
#include "tidings/v1/enriched.pb.h"

namespace tidings::enrich {

// Comments write names in lower case ("sunak couldnt organise ...", "not
// putin lol"), where the name tagger, which reads capitals, finds none. A
// run of one to three lower-case tokens, outside every mention already in
// `out`, whose keys are those of a name the thread's documents (`context`:
// the parent and the root; null ones skipped) wrote in title case is that
// name, with its type, canonical name and id ("putin" after "Putin"; a
// person's surname alone after the full name: "sunak" after "Rishi
// Sunak"). Not under four letters; one word not a function word or a
// title. Mentions are added in text order with score 0.6 and, with
// `debug`, the rule "ner:thread-lowercase". A common noun the thread wrote
// as a name is taken too ("Freedom" the party, then "freedom"): 2 of 15 in
// RumourEval 2017's training threads.
void TagThreadNamesInLowerCase(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                               const CodePointIndex& cps, bool debug, const std::vector<const ThreadDoc*>& context,
                               ::google::protobuf::RepeatedPtrField<::tidings::v1::EntityMention>* out);

}  // namespace tidings::enrich
