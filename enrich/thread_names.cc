#include "enrich/thread_names.h"

#include <algorithm>
#include <charconv>

#include "enrich/engine.h"
#include "enrich/entities.h"
#include "enrich/learn/hash.h"

namespace tidings::enrich {

namespace {

namespace v1 = ::tidings::v1;

constexpr size_t kMinKeyBytes = 4;
constexpr size_t kMaxRun = 3;

// Field f (0-based) of a tab-separated row.
std::string_view Field(std::string_view row, int f) {
  size_t b = 0;
  for (int k = 0; k < f; ++k) {
    const size_t t = row.find('\t', b);
    if (t == std::string_view::npos) return {};
    b = t + 1;
  }
  const size_t e = row.find('\t', b);
  return row.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
}

// The line that begins at `at` in `s`, without its '\n'.
std::string_view LineAt(const std::string& s, uint32_t at) {
  const size_t e = s.find('\n', at);
  return std::string_view(s).substr(at, (e == std::string::npos ? s.size() : e) - at);
}

}  // namespace

bool ThreadNames::TitleCaseName(std::string_view surface) {
  if (surface.size() < kMinKeyBytes || !(surface[0] >= 'A' && surface[0] <= 'Z')) return false;
  if (surface.find_first_of("\t\n") != std::string_view::npos) return false;
  return std::any_of(surface.begin() + 1, surface.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

void ThreadNames::Add(std::string_view surface, v1::EntityType type, std::string_view name, std::string_view id) {
  row_at_.push_back(static_cast<uint32_t>(rows_.size()));
  surface_len_.push_back(static_cast<uint32_t>(surface.size()));
  rows_.append(surface).append(1, '\t').append(std::to_string(static_cast<int>(type))).append(1, '\t');
  for (std::string_view f : {name, id}) {
    for (char c : f) rows_.push_back(c == '\t' || c == '\n' ? ' ' : c);
    rows_.push_back(f.data() == name.data() ? '\t' : '\n');
  }
}

bool ThreadNames::Has(std::string_view surface) const {
  for (size_t x = 0; x < row_at_.size(); ++x)
    if (surface_len_[x] == surface.size() && rows_.compare(row_at_[x], surface.size(), surface) == 0) return true;
  return false;
}

ThreadNames::Name ThreadNames::At(size_t i) const {
  const std::string_view row = LineAt(rows_, row_at_[i]);
  Name n;
  n.surface = Field(row, 0);
  int type = 0;
  const std::string_view t = Field(row, 1);
  std::from_chars(t.data(), t.data() + t.size(), type);
  n.type = v1::EntityType_IsValid(type) ? static_cast<v1::EntityType>(type) : v1::ENTITY_TYPE_UNSPECIFIED;
  n.name = Field(row, 2);
  n.id = Field(row, 3);
  return n;
}

void ThreadNames::Index() {
  std::vector<std::pair<std::string, uint32_t>> keys;
  auto add = [&](std::string key, uint32_t x) {
    if (key.size() < kMinKeyBytes) return;
    // One word: no function word or title ("the president").
    if (key.find(' ') == std::string::npos && (NameWordFlags(key) & (kStopWord | kTitleWord))) return;
    keys.emplace_back(std::move(key), x);
  };
  std::string key;
  for (uint32_t x = 0; x < row_at_.size(); ++x) {
    const Name n = At(x);
    key.clear();
    for (size_t p = 0; p < n.surface.size();) {
      size_t sp = n.surface.find(' ', p);
      if (sp == std::string_view::npos) sp = n.surface.size();
      if (sp > p) {
        if (!key.empty()) key += ' ';
        key += NormaliseToken(n.surface.substr(p, sp - p));
      }
      p = sp + 1;
    }
    const size_t last = key.rfind(' ');
    if (n.type == v1::PERSON && last != std::string::npos) add(key.substr(last + 1), x);  // the surname
    // And without its accents, as a reply types it ("gdansk" after
    // "Gdańsk", "veszprem" after "Veszprém", "barca" after "Barça").
    if (std::string folded = FoldLatinAccents(key); !folded.empty()) {
      const size_t flast = folded.rfind(' ');
      if (n.type == v1::PERSON && flast != std::string::npos) add(folded.substr(flast + 1), x);
      add(std::move(folded), x);
    }
    add(key, x);
  }
  // Ascending; of equal keys the first written wins.
  std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  keys_.clear();
  for (const auto& [k, x] : keys) keys_.append(k).append(1, '\t').append(std::to_string(x)).append(1, '\n');
  SplitKeys();
}

ThreadNames ThreadNames::FromPacked(std::string rows, std::string keys) {
  ThreadNames t;
  t.rows_ = std::move(rows);
  t.keys_ = std::move(keys);
  t.SplitRows();
  if (t.keys_.empty() && !t.row_at_.empty()) {
    t.Index();
  } else {
    t.SplitKeys();
  }
  return t;
}

void ThreadNames::SplitRows() {
  row_at_.clear();
  surface_len_.clear();
  for (size_t at = 0; at < rows_.size();) {
    row_at_.push_back(static_cast<uint32_t>(at));
    const size_t tab = rows_.find('\t', at);
    surface_len_.push_back(static_cast<uint32_t>((tab == std::string::npos ? rows_.size() : tab) - at));
    const size_t e = rows_.find('\n', at);
    at = e == std::string::npos ? rows_.size() : e + 1;
  }
}

void ThreadNames::SplitKeys() {
  key_at_.clear();
  key_len_.clear();
  for (uint64_t& w : first_words_) w = 0;
  for (size_t at = 0; at < keys_.size();) {
    key_at_.push_back(static_cast<uint32_t>(at));
    const size_t tab = keys_.find('\t', at);
    key_len_.push_back(static_cast<uint32_t>((tab == std::string::npos ? keys_.size() : tab) - at));
    const std::string_view k = KeyAt(key_at_.size() - 1);
    const uint32_t bit = FirstWordBit(k.substr(0, k.find_first_of(" -")));
    first_words_[bit >> 6] |= uint64_t{1} << (bit & 63);
    const size_t e = keys_.find('\n', at);
    at = e == std::string::npos ? keys_.size() : e + 1;
  }
}

std::string_view ThreadNames::KeyAt(size_t k) const { return std::string_view(keys_).substr(key_at_[k], key_len_[k]); }

uint32_t ThreadNames::FirstWordBit(std::string_view word) { return learn::HashBytes(word) & 255u; }

// The first key line not before `v`.
size_t ThreadNames::LowerBound(std::string_view v) const {
  size_t lo = 0, hi = key_at_.size();
  while (lo < hi) {
    const size_t mid = (lo + hi) / 2;
    if (KeyAt(mid) < v) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

bool ThreadNames::Find(std::string_view key, Name* out) const {
  const size_t k = LowerBound(key);
  if (k == key_at_.size() || KeyAt(k) != key) return false;
  uint32_t x = 0;
  const std::string_view idx = Field(LineAt(keys_, key_at_[k]), 1);
  std::from_chars(idx.data(), idx.data() + idx.size(), x);
  if (x >= row_at_.size()) return false;
  *out = At(x);
  return true;
}

bool ThreadNames::Begins(std::string_view w) const {
  for (size_t x = LowerBound(w); x < key_at_.size(); ++x) {
    const std::string_view k = KeyAt(x);
    if (!k.starts_with(w)) break;
    if (k.size() == w.size() || k[w.size()] == ' ' || k[w.size()] == '-') return true;
  }
  return false;
}

void TagThreadNamesInLowerCase(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                               const CodePointIndex& cps, bool debug, const std::vector<const ThreadDoc*>& context,
                               ::google::protobuf::RepeatedPtrField<v1::EntityMention>* out) {
  std::vector<const ThreadNames*> docs;
  for (const ThreadDoc* d : context)
    if (d != nullptr && !d->names.empty() &&
        std::none_of(docs.begin(), docs.end(), [&](const ThreadNames* n) { return n == &d->names; }))
      docs.push_back(&d->names);
  if (docs.empty()) return;
  auto lower_word = [&](size_t k) {
    return k < tokens.size() && tokens[k].kind == TokenKind::kWord && !tokens[k].upper;
  };
  std::vector<v1::EntityMention> found;
  std::string key;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!lower_word(i) || (i > 0 && Glued(tokens, i))) continue;
    const uint32_t bit = ThreadNames::FirstWordBit(keys[i]);
    if (std::none_of(docs.begin(), docs.end(), [&](const ThreadNames* d) { return d->MayBegin(keys[i], bit); }))
      continue;
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
        while (end + 2 < tokens.size() && Glued(tokens, end + 1) && IsHyphenToken(text, tokens[end + 1]) &&
               Glued(tokens, end + 2) && lower_word(end + 2)) {
          key += '-';
          key += keys[end + 2];
          end += 2;
        }
      }
      if (!ok || (end < tokens.size() && Glued(tokens, end) && tokens[end].kind == TokenKind::kWord)) continue;
      ThreadNames::Name n;
      if (std::none_of(docs.begin(), docs.end(), [&](const ThreadNames* d) { return d->Find(key, &n); })) continue;
      const uint32_t b = tokens[i].begin_byte, e = tokens[end - 1].end_byte;
      const uint32_t cb = cps.ToCodePoint(b), ce = cps.ToCodePoint(e);
      if (OverlapsMention(*out, cb, ce)) continue;
      v1::EntityMention& m = found.emplace_back();
      m.set_begin(cb);
      m.set_end(ce);
      m.set_text(std::string(text.substr(b, e - b)));
      m.set_type(n.type);
      m.set_name(std::string(n.name));
      if (!n.id.empty()) m.set_id(std::string(n.id));
      m.set_score(0.6f);
      if (debug) m.set_rule("ner:thread-lowercase");
      i = end - 1;
      break;
    }
  }
  AddMentionsInOrder(&found, out);
}

}  // namespace tidings::enrich
