#include "enrich/names/span_edit.h"

#include <algorithm>
#include <iterator>

#include "enrich/word_table.h"

namespace tidings::enrich::names {

// Nouns after which a hyphenated compound names two ("the Trump-Vance
// ticket", "the Alcaraz-Sinner final", "the Trump-Xi summit").
bool IsPairNoun(std::string_view key) {
  static const WordSet kPairNouns = {
      "ticket", "final", "finals", "match", "game", "summit", "talks", "meeting", "deal", "pact",
      "rivalry", "duel", "debate", "race", "axis", "alliance", "partnership", "duo", "era", "administration",
      "government", "coalition", "years", "relationship", "feud", "clash", "showdown", "fight", "bout",
      "agreement", "call", "contest", "split", "bromance", "double", "tie", "format", "accord", "handshake",
      "budget", "treaty", "merger", "plan", "doctrine"};
  return kPairNouns.Has(key);
}

// Whether token k is a lower-case noun of a thing named after an event
// ("the Velvet Revolution bar", "the Citizens' Revolution movement"; a
// museum or an exhibition of an event names it: "the Cultural Revolution
// museum").
bool NamedAfterAnEvent(const std::vector<Token>& tokens, const KeyViews& keys, size_t k) {
  static const WordSet kNamedAfter = {"bar", "pub", "club", "cafe", "restaurant", "hotel", "shop", "store",
                                      "brand", "band", "album", "film", "book", "show", "series", "car",
                                      "movement", "party"};
  return k < tokens.size() && tokens[k].kind == TokenKind::kWord && !tokens[k].upper && kNamedAfter.Has(keys[k]);
}

void MapSpans(const std::vector<Span>& spans, size_t n_tokens, std::vector<int32_t>* at) {
  at->assign(n_tokens, -1);
  for (size_t x = 0; x < spans.size(); ++x)
    for (uint32_t k = spans[x].first; k < spans[x].end; ++k) (*at)[k] = static_cast<int32_t>(x);
}

void InsertSpans(std::vector<Span> add, std::vector<Span>* spans) {
  if (add.empty()) return;
  auto by_first = [](const Span& a, const Span& b) { return a.first < b.first; };
  std::sort(add.begin(), add.end(), by_first);
  std::vector<Span> out;
  out.reserve(spans->size() + add.size());
  std::merge(spans->begin(), spans->end(), add.begin(), add.end(), std::back_inserter(out), by_first);
  *spans = std::move(out);
}

void PutSpans(std::vector<Span> add, std::vector<Span>* spans) {
  if (add.empty()) return;
  auto by_first = [](const Span& a, const Span& b) { return a.first < b.first; };
  std::sort(add.begin(), add.end(), by_first);
  size_t m = 0;
  for (const Span& a : add)
    if (m == 0 || a.first >= add[m - 1].end) add[m++] = a;
  add.resize(m);
  // An added span equal to a span already there changes nothing.
  std::vector<uint8_t> same(add.size(), 0);
  size_t j = 0;
  for (const Span& sp : *spans) {
    while (j < add.size() && add[j].end <= sp.first) ++j;
    if (j < add.size() && add[j].first == sp.first && add[j].end == sp.end && add[j].label == sp.label) same[j] = 1;
  }
  m = 0;
  for (size_t a = 0; a < add.size(); ++a)
    if (!same[a]) add[m++] = add[a];
  add.resize(m);
  std::vector<Span> kept;
  kept.reserve(spans->size());
  j = 0;
  for (const Span& sp : *spans) {
    while (j < add.size() && add[j].end <= sp.first) ++j;
    if (j < add.size() && add[j].first < sp.end) {
      add[j].margin = std::max(add[j].margin, sp.margin);
      continue;
    }
    kept.push_back(sp);
  }
  *spans = std::move(kept);
  InsertSpans(std::move(add), spans);
}

}  // namespace tidings::enrich::names
