#include "enrich/thread_names.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "enrich/entities.h"

namespace tidings::enrich {

namespace {

namespace v1 = ::tidings::v1;

constexpr size_t kMinKeyBytes = 4;
constexpr size_t kMaxRun = 3;

// The key of a name as written: its words' keys, one space between them.
std::string SurfaceKey(std::string_view surface) {
  std::string key;
  size_t p = 0;
  while (p < surface.size()) {
    const size_t sp = surface.find(' ', p);
    const std::string_view word = surface.substr(p, sp == std::string_view::npos ? std::string_view::npos : sp - p);
    if (!word.empty()) {
      if (!key.empty()) key += ' ';
      key += NormaliseToken(word);
    }
    if (sp == std::string_view::npos) break;
    p = sp + 1;
  }
  return key;
}

}  // namespace

void TagThreadNamesInLowerCase(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                               const CodePointIndex& cps, bool debug, const std::vector<const ThreadDoc*>& context,
                               ::google::protobuf::RepeatedPtrField<v1::EntityMention>* out) {
  std::unordered_map<std::string, const ThreadDoc::Name*> known;
  auto add = [&](std::string key, const ThreadDoc::Name& n) {
    if (key.size() < kMinKeyBytes) return;
    // One word: no function word or title ("president").
    if (key.find(' ') == std::string::npos && (NameWordFlags(key) & (kStopWord | kTitleWord))) return;
    known.emplace(std::move(key), &n);  // the first writing of a key wins
  };
  for (const ThreadDoc* doc : context) {
    if (doc == nullptr) continue;
    for (const ThreadDoc::Name& n : doc->names) {
      std::string key = SurfaceKey(n.surface);
      const size_t last = key.rfind(' ');
      if (n.type == v1::PERSON && last != std::string::npos) add(key.substr(last + 1), n);  // the surname
      add(std::move(key), n);
    }
  }
  if (known.empty()) return;
  // Tokens inside a mention already found.
  std::vector<uint8_t> covered(tokens.size(), 0);
  for (const auto& m : *out) {
    for (size_t k = 0; k < tokens.size(); ++k) {
      const uint32_t b = cps.ToCodePoint(tokens[k].begin_byte);
      if (b >= m.end()) break;
      if (b >= m.begin()) covered[k] = 1;
    }
  }
  auto lower_word = [&](size_t k) {
    return k < tokens.size() && tokens[k].kind == TokenKind::kWord && !tokens[k].upper && !covered[k];
  };
  std::vector<v1::EntityMention> found;
  std::string key;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!lower_word(i) || (i > 0 && Glued(tokens, i))) continue;
    for (size_t len = kMaxRun; len >= 1; --len) {
      // The run's key: its words' keys, glued hyphens kept ("jean-luc").
      key.clear();
      size_t end = i;
      bool ok = true;
      for (size_t w = 0; w < len && ok; ++w, ++end) {
        ok = lower_word(end) && (w == 0 || !tokens[end].line_break_before);
        if (!ok) break;
        if (w > 0) key += ' ';
        key += keys[end];
        while (ok && end + 2 < tokens.size() && Glued(tokens, end + 1) && IsHyphenToken(text, tokens[end + 1]) &&
               Glued(tokens, end + 2) && lower_word(end + 2)) {
          key += '-';
          key += keys[end + 2];
          end += 2;
        }
      }
      if (!ok || (end < tokens.size() && Glued(tokens, end) && tokens[end].kind == TokenKind::kWord)) continue;
      const auto it = known.find(key);
      if (it == known.end()) continue;
      const ThreadDoc::Name& n = *it->second;
      v1::EntityMention m;
      const uint32_t b = tokens[i].begin_byte, e = tokens[end - 1].end_byte;
      m.set_begin(cps.ToCodePoint(b));
      m.set_end(cps.ToCodePoint(e));
      m.set_text(std::string(text.substr(b, e - b)));
      m.set_type(n.type);
      m.set_name(n.name);
      if (!n.id.empty()) m.set_id(n.id);
      m.set_score(0.6f);
      if (debug) m.set_rule("ner:thread-lowercase");
      found.push_back(std::move(m));
      i = end - 1;
      break;
    }
  }
  if (found.empty()) return;
  for (auto& m : found) *out->Add() = std::move(m);
  std::stable_sort(out->begin(), out->end(),
                   [](const v1::EntityMention& a, const v1::EntityMention& b) { return a.begin() < b.begin(); });
}

}  // namespace tidings::enrich
