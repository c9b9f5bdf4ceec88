#include "enrich/names/linker.h"

#include <algorithm>
#include <string_view>

namespace tidings::enrich::names {

namespace {

// Whether the two entities share an id among their own and their context's.
bool Related(const KbEntity& a, const KbEntity& b) {
  auto has = [](const KbEntity& e, std::string_view id) {
    return e.id == id || std::find(e.context.begin(), e.context.end(), id) != e.context.end();
  };
  if (has(b, a.id)) return true;
  for (const std::string& id : a.context) {
    if (has(b, id)) return true;
  }
  return false;
}

// Whether the candidate's entity is the only one of its type for its alias
// (an alias shared with an entity of another type is settled by the type).
bool Settled(const KnowledgeBase& kb, const NameCandidate& c) {
  if (c.kb == nullptr) return false;
  if (c.kb_alternates == nullptr) return true;
  for (int32_t a : *c.kb_alternates) {
    const KbEntity* e = &kb.entities()[static_cast<size_t>(a)];
    if (e != c.kb && e->type == c.type) return false;
  }
  return true;
}

uint32_t Distance(const NameCandidate& a, const NameCandidate& b) {
  return a.first > b.first ? a.first - b.first : b.first - a.first;
}

}  // namespace

const KbEntity* EntityOfType(const KnowledgeBase& kb, const KnowledgeBase::Match& m,
                             ::tidings::v1::EntityType type) {
  const KbEntity& e = kb.entities()[static_cast<size_t>(m.entity)];
  if (e.type == type) return &e;
  if (m.alternates == nullptr) return nullptr;
  for (int32_t a : *m.alternates) {
    const KbEntity& alt = kb.entities()[static_cast<size_t>(a)];
    if (alt.type == type) return &alt;
  }
  return nullptr;
}

bool KbNameOfType(const KnowledgeBase& kb, std::string_view text, const std::vector<Token>& tokens,
                  const KeyViews& keys, size_t first, size_t end,
                  std::initializer_list<::tidings::v1::EntityType> types) {
  KnowledgeBase::Match m;
  if (!kb.LongestMatch(text, tokens, keys, first, &m) || m.end_token != end) return false;
  for (const ::tidings::v1::EntityType t : types)
    if (EntityOfType(kb, m, t) != nullptr) return true;
  return false;
}

void LinkByContext(const KnowledgeBase& kb, std::vector<NameCandidate>* cands_ptr) {
  std::vector<NameCandidate>& cands = *cands_ptr;
  // Most documents have no shared alias: nothing to allocate for them.
  if (std::none_of(cands.begin(), cands.end(),
                   [](const NameCandidate& c) { return c.kb != nullptr && c.kb_alternates != nullptr; }))
    return;
  std::vector<const KbEntity*> options;
  std::vector<size_t> group;
  std::vector<uint8_t> done(cands.size(), 0);
  for (size_t x = 0; x < cands.size(); ++x) {
    const NameCandidate& c = cands[x];
    if (done[x] || c.kb == nullptr || c.kb_alternates == nullptr) continue;
    // The entities this mention may link to: its own first, then the
    // alternates of its type in file order.
    options.assign(1, c.kb);
    for (int32_t a : *c.kb_alternates) {
      const KbEntity* e = &kb.entities()[static_cast<size_t>(a)];
      if (e->type == c.type && e != c.kb) options.push_back(e);
    }
    // Every mention of the same alias and type decides with it.
    group.clear();
    for (size_t y = x; y < cands.size(); ++y) {
      if (cands[y].kb_alternates == c.kb_alternates && cands[y].type == c.type) {
        group.push_back(y);
        done[y] = 1;
      }
    }
    if (options.size() < 2) continue;
    const KbEntity* best = options[0];
    int best_support = -1;
    for (const KbEntity* o : options) {
      int support = 0;
      for (const NameCandidate& u : cands) {
        if (!Settled(kb, u) || !Related(*o, *u.kb)) continue;
        int weight = 1;
        for (size_t y : group) {
          if (Distance(u, cands[y]) <= kNearTokens) weight = 2;
        }
        support += weight;
      }
      if (o == options[0]) {
        best_support = support;
      } else if (support >= kMinSupport && support > best_support) {
        best = o;
        best_support = support;
      }
    }
    if (best == options[0]) continue;
    for (size_t y : group) {
      NameCandidate& g = cands[y];
      g.kb = best;
      g.name = best->name;
      g.id = best->id;
      g.by_context = true;
    }
  }
}

}  // namespace tidings::enrich::names
