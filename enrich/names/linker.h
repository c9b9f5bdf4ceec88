#pragma once
// Linking by context: the knowledge base may define one alias for several
// entities of generated.tsv ("Georgia": the country and the US state;
// "Tripoli" in Libya and in Lebanon; "Liverpool" the club and the city).
// A mention takes the entity of its type (the model's or the rules'); among
// several of that type, the one the document's other linked names support,
// by the ids of what contains them (KbEntity::context): "Atlanta, Georgia"
// is the state, "Tripoli ... Lebanon ... Beirut" the Lebanese city.
//
// The choice is per document: every mention of the alias with the same type
// gets the same entity. Without support (or with a tie) the first definition
// stays, so a document that says nothing about where keeps today's link.

#include <vector>

#include <initializer_list>

#include "enrich/entities.h"
#include "enrich/kb.h"

namespace tidings::enrich::names {

// The entity of `type` among the match's entity and its alternates, in file
// order; null when none has that type.
const KbEntity* EntityOfType(const KnowledgeBase& kb, const KnowledgeBase::Match& m,
                             ::tidings::v1::EntityType type);

// Whether tokens [first, end) are one knowledge-base name (the longest match
// from `first` ends at `end`) with an entity of one of `types` among its
// entity and alternates.
bool KbNameOfType(const KnowledgeBase& kb, std::string_view text, const std::vector<Token>& tokens,
                  const KeyViews& keys, size_t first, size_t end,
                  std::initializer_list<::tidings::v1::EntityType> types);

// Re-links the candidates with alternates of their type (see above). Support
// for an entity: each other linked candidate that is settled (no alternate of
// its own type; an alternate of another type, "Liverpool" the club beside the
// city, does not unsettle it) and whose id or context shares an id with the
// entity's id or context, counted twice within kNearTokens of a mention
// ("Atlanta, Georgia"). An alternate replaces the first definition when its
// support is at least kMinSupport and higher than the first's.
void LinkByContext(const KnowledgeBase& kb, std::vector<NameCandidate>* cands);

inline constexpr uint32_t kNearTokens = 10;
inline constexpr int kMinSupport = 2;

}  // namespace tidings::enrich::names
