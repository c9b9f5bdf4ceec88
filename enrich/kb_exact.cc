#include "enrich/kb_exact.h"

namespace tidings::enrich {

namespace {

bool IsHyphenAt(std::string_view text, const Token& t) {
  if (t.kind != TokenKind::kPunct) return false;
  size_t p = t.begin_byte;
  return IsHyphen(DecodeUtf8(text, &p));
}

}  // namespace

// A member of KnowledgeBase (kb.h), kept beside its only user.
bool KnowledgeBase::LongestExactCaseMatch(std::string_view text, const std::vector<Token>& tokens,
                                          const KeyViews& keys, size_t i, Match* out) const {
  if (tokens[i].kind == TokenKind::kPunct) return false;
  int32_t node = 0;
  bool found = false;
  for (size_t j = i; j < tokens.size() && j < i + 12; ++j) {
    if (j > i && IsHyphenAt(text, tokens[j])) continue;
    const int32_t next = Child(node, keys[j]);
    if (next < 0) break;
    node = next;
    for (const Terminal& term : terminals_[node]) {
      if (term.has_upper && ExactCaseMatches(text, tokens, i, j + 1, term.cased)) {
        *out = {static_cast<uint32_t>(i), static_cast<uint32_t>(j + 1), term.entity};
        found = true;
        break;
      }
    }
    if (kids_[node].empty()) break;
  }
  return found;
}

void TagExactKbNames(const KnowledgeBase& kb, std::string_view text,
                     const std::vector<Token>& tokens, const KeyViews& keys,
                     const CodePointIndex& cps, bool debug,
                     ::google::protobuf::RepeatedPtrField<::tidings::v1::EntityMention>* out) {
  for (size_t i = 0; i < tokens.size();) {
    KnowledgeBase::Match m;
    // Names with a capital start with a capital or a digit, except those
    // with a lower-case particle first ("al-Assad"): CanStart(key, true)
    // admits all of them.
    if (tokens[i].kind == TokenKind::kPunct || !kb.CanStart(keys[i], true) ||
        !kb.LongestExactCaseMatch(text, tokens, keys, i, &m)) {
      ++i;
      continue;
    }
    const KbEntity& e = kb.entities()[m.entity];
    const uint32_t b = tokens[m.first_token].begin_byte, en = tokens[m.end_token - 1].end_byte;
    auto* mention = out->Add();
    mention->set_begin(cps.ToCodePoint(b));
    mention->set_end(cps.ToCodePoint(en));
    mention->set_text(std::string(text.substr(b, en - b)));
    mention->set_type(e.type);
    mention->set_name(e.name);
    mention->set_id(e.id);
    mention->set_score(0.95f);
    if (debug) mention->set_rule("kb:" + e.source + "+exact");
    i = m.end_token;
  }
}

}  // namespace tidings::enrich
