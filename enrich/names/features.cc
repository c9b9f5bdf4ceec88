#include "enrich/names/features.h"
#include "enrich/names/linker.h"

#include <algorithm>
#include <array>
#include <cassert>

#include "enrich/dates.h"
#include "enrich/learn/clusters.h"
#include "enrich/learn/hash.h"

namespace tidings::enrich::names {

namespace v1 = ::tidings::v1;
using learn::Feature;
using learn::HashBytes;
using learn::HashMix;

namespace {

constexpr const auto& kTypes = kLabelTypes;
constexpr uint64_t kOutside = 0x0B5E55ED;  // the context "word" before/after the text

// Feature templates. Their numbers are part of the feature set: changing one
// changes kFeatureSet.
enum Tmpl : uint32_t {
  kBias = 1, kKey, kWord, kShapeT, kPre3, kSuf2, kSuf3, kSuf4, kPrev1, kNext1, kPrev2, kNext2,
  kShapePrev, kShapeNext, kBigramPrev, kBigramNext, kSentStart, kLine, kCand, kCandType,
  kCandPrev, kCandNext, kFlags, kFlagsPrev, kFlagsNext, kDocLower, kDocUpperMid, kRegionPos,
  kRegionLast, kRegionFirst, kLength, kKbWord, kCommaThen, kCluster, kClusterPrev, kClusterNext,
  kClusterPrev2, kClusterNext2,
};

// Candidate descriptions: type and where the candidate came from.
std::string_view TypeName(v1::EntityType t) {
  switch (t) {
    case v1::PERSON: return "PERSON";
    case v1::ORG: return "ORG";
    case v1::LOC: return "LOC";
    case v1::NORP: return "NORP";
    case v1::EVENT: return "EVENT";
    default: return "-";
  }
}

std::string_view Family(const NameCandidate& c) {
  if (c.kb == nullptr) return c.rule;
  // The open-data files (generated.tsv, geography.tsv) are one family: the
  // model learnt its weights on generated.tsv's.
  if (c.kb->generated) return "generated.tsv";
  std::string_view src = c.kb->source;
  return src.substr(0, src.find(':'));  // "curated.tsv", operator file
}

bool IsConnector(std::string_view text, const Token& t, std::string_view key) {
  if (t.kind == TokenKind::kPunct) {
    size_t p = t.begin_byte;
    const char32_t c = DecodeUtf8(text, &p);
    return IsHyphen(c) || c == '&' || c == '.';
  }
  return key == "of" || key == "and" || key == "for" || key == "the" ||
         (NameWordFlags(key) & kConnectorWord) != 0;
}

}  // namespace

bool NewlineBetween(std::string_view text, const Token& a, const Token& b) {
  if (&b == &a + 1) return b.line_break_before;  // neighbours in one vector: Tokenize knows
  for (uint32_t p = a.end_byte; p < b.begin_byte; ++p) {
    if (text[p] == '\n') return true;
  }
  return false;
}

const std::vector<std::string>& NameLabels() {
  static const std::vector<std::string> k = [] {
    std::vector<std::string> l = {"O"};
    for (v1::EntityType t : kTypes) {
      l.push_back("B-" + std::string(TypeName(t)));
      l.push_back("I-" + std::string(TypeName(t)));
    }
    return l;
  }();
  return k;
}


std::vector<Span> SpansOf(const std::vector<int>& labels, const std::vector<float>& margins) {
  std::vector<Span> out;
  for (size_t i = 0; i < labels.size();) {
    if (!LabelBegins(labels[i])) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < labels.size() && labels[end] == labels[i] + 1) ++end;
    float m = 0;
    for (size_t k = i; k < end; ++k) m += margins[k];
    out.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end), labels[i],
                   m / static_cast<float>(end - i)});
    i = end;
  }
  return out;
}

bool JoinsNameParts(std::string_view key) {
  static constexpr std::string_view k[] = {"of", "and", "&", "for", "de", "du", "da", "del", "y", "von", "van", "the"};
  for (std::string_view w : k)
    if (key == w) return true;
  return false;
}

void MendJoinerEnds(const std::vector<uint8_t>& joiner, std::vector<Span>* spans) {
  std::vector<Span>& s = *spans;
  size_t out = 0;
  for (size_t x = 0; x < s.size(); ++x) {
    Span sp = s[x];
    while (sp.end - sp.first > 1 && joiner[sp.end - 1]) {
      if (x + 1 < s.size() && s[x + 1].first == sp.end) {
        sp.end = s[x + 1].end;
        sp.margin = std::min(sp.margin, s[x + 1].margin);
        ++x;
      } else {
        --sp.end;
      }
    }
    s[out++] = sp;
  }
  s.resize(out);
}

void TrimTitles(const std::function<TitleWord(uint32_t)>& title_word, int person_label, std::vector<Span>* spans) {
  std::vector<Span>& s = *spans;
  // A span of titles alone right before a person's is none, whatever its
  // type ("Crown Prince" + "Mohammed bin Salman": the model had a place).
  auto titles_alone = [&](size_t x) {
    const Span& sp = s[x];
    if (x + 1 >= s.size() || s[x + 1].label != person_label || s[x + 1].first != sp.end) return false;
    bool title = false;
    for (uint32_t k = sp.first; k < sp.end; ++k) {
      const TitleWord w = title_word(k);
      if (w == TitleWord::kNone) return false;
      title = title || w == TitleWord::kTitle;
    }
    return title;
  };
  size_t out = 0;
  for (size_t x = 0; x < s.size(); ++x) {
    Span sp = s[x];
    if (sp.label != person_label && titles_alone(x)) continue;
    if (sp.label == person_label) {
      uint32_t k = sp.first, after_title = sp.first;
      for (TitleWord w; k < sp.end && (w = title_word(k)) != TitleWord::kNone; ++k)
        if (w == TitleWord::kTitle) after_title = k + 1;
      k = after_title;  // modifiers without a title after them are part of the name
      if (k < sp.end) {
        sp.first = k;
      } else if (sp.end - sp.first > 1 || title_word(sp.end) == TitleWord::kTitle) {
        continue;  // titles alone
      }
    }
    s[out++] = sp;
  }
  s.resize(out);
}

void SplitOrgTitlePerson(const std::function<TitleWord(uint32_t)>& title_word,
                         const std::function<bool(uint32_t)>& upper, const std::function<bool(uint32_t)>& org_word,
                         int org_label, int person_label, std::vector<Span>* spans) {
  std::vector<Span>& s = *spans;
  const size_t n = s.size();
  for (size_t x = 0; x < n; ++x) {
    const Span sp = s[x];
    if (sp.label != org_label || sp.end - sp.first < 2) continue;
    // A person's span right after: the titles at the organisation's end are
    // the person's ("FBI Director" before "Louis Freeh"; or the first part
    // of a hyphened title before one, "World Health Organization Director"
    // + "-General" + a fixed "Tedros Adhanom Ghebreyesus").
    const bool person_next =
        x + 1 < n && s[x + 1].label == person_label &&
        (s[x + 1].first == sp.end || (s[x + 1].first == sp.end + 2 && title_word(sp.end + 1) == TitleWord::kTitle));
    for (uint32_t k = sp.first + 1; k + 1 < sp.end || (person_next && k < sp.end); ++k) {
      if (title_word(k) == TitleWord::kNone) continue;
      // An organisation's own word after a name's word is the
      // organisation's, not a title's department ("Metropolitan Police
      // Commissioner", against "Police Commissioner" alone).
      if (title_word(k) == TitleWord::kModifier && org_word(k) && upper(k - 1) && title_word(k - 1) == TitleWord::kNone)
        continue;
      if (!upper(k - 1)) break;  // "Office of the President of ...": no cut
      uint32_t r = k;
      bool title = false;
      for (TitleWord w; r < sp.end && (w = title_word(r)) != TitleWord::kNone; ++r) title |= w == TitleWord::kTitle;
      // Modifiers alone are the organisation's words ("World Health
      // Organization" before "Director-General"): read on.
      if (!title) {
        k = r - 1;
        continue;
      }
      // What stays of the organisation before the titles: nothing if it was
      // titles alone ("Deputy Attorney General Rahmatullah Nazari").
      bool org_left = false;
      for (uint32_t j = sp.first; j < k && !org_left; ++j) org_left = title_word(j) == TitleWord::kNone;
      if (title && r == sp.end) {
        // Titles that end the organisation's span ("NATO Secretary-General"
        // before the person's own span): the organisation without them.
        if (org_left) s[x].end = k;
      } else if (title && r < sp.end && upper(r) && !org_word(r)) {
        s[x].end = k;
        if (!org_left) s[x].label = -1;
        s.push_back({r, sp.end, person_label, sp.margin});
      }
      break;
    }
  }
  // An organisation of titles alone, two words or more ("Supreme Leader
  // Ayatollah" before "Ali Khamenei", "Interior Minister"), is no name.
  for (size_t x = 0; x < n; ++x) {
    const Span sp = s[x];
    if (sp.label != org_label || sp.end - sp.first < 2) continue;
    bool titles = true, title = false;
    for (uint32_t k = sp.first; k < sp.end && titles; ++k) {
      const TitleWord w = title_word(k);
      titles = w != TitleWord::kNone;
      title |= w == TitleWord::kTitle;
    }
    if (titles && title) s[x].label = -1;
  }
  if (std::none_of(s.begin(), s.end(), [](const Span& a) { return a.label < 0; }) && s.size() == n) return;
  std::erase_if(s, [](const Span& a) { return a.label < 0; });
  std::sort(s.begin(), s.end(), [](const Span& a, const Span& b) { return a.first < b.first; });
}

void DropTitleComplements(const std::function<TitleWord(uint32_t)>& title_word,
                          const std::function<bool(uint32_t)>& is_of, const std::function<bool(uint32_t)>& is_the,
                          const std::function<bool(uint32_t)>& capitalised, int person_label,
                          std::vector<Span>* spans) {
  std::erase_if(*spans, [&](Span& sp) {
    if (sp.first < 2) return false;
    uint32_t o = sp.first - 1;
    const bool article = !is_of(o);
    if (article) {
      if (o < 2 || !is_the(o) || !is_of(o - 1)) return false;
      --o;
    }
    if (title_word(o - 1) != TitleWord::kTitle) return false;
    uint32_t k = sp.first;
    while (k < sp.end && title_word(k) == TitleWord::kModifier) ++k;
    if (k == sp.end) return !article;  // "Speaker of the House" keeps its body
    // The name after the complement: two capitalised words at least
    // ("Antony Blinken"; not "for African" of "Secretary of State for
    // African Affairs").
    // (Or one word the model ended its span at before the surname: "the
    // Exchequer Gordon" + "Brown".)
    bool name = k > sp.first && (sp.end - k >= 2 || (article && sp.end - k == 1 && capitalised(sp.end)));
    for (uint32_t j = k; name && j < sp.end; ++j) name = capitalised(j);
    if (name) sp.first = k, sp.label = person_label;
    return false;
  });
}

void PersonBeforeAdministration(const std::function<bool(uint32_t)>& heads_after, int org_label, int person_label,
                                std::vector<Span>* spans) {
  for (Span& sp : *spans)
    if (sp.label == org_label && sp.end == sp.first + 1 && heads_after(sp.end)) sp.label = person_label;
}

void JoinNationalityOrg(const std::function<bool(uint32_t)>& is_trade,
                        const std::function<bool(uint32_t lead, uint32_t first, uint32_t end)>& national_name,
                        int norp_label,
                        int loc_label, int org_label, std::vector<Span>* spans) {
  std::vector<Span>& s = *spans;
  size_t out = 0;
  for (size_t x = 0; x < s.size(); ++x) {
    Span sp = s[x];
    if (sp.label == norp_label || sp.label == loc_label) {
      const bool next_is_org = x + 1 < s.size() && s[x + 1].label == org_label && s[x + 1].first == sp.end;
      const bool next_is_free = x + 1 == s.size() || s[x + 1].first > sp.end;
      const bool trade = is_trade(sp.end);
      if (trade && next_is_org && s[x + 1].end == sp.end + 1) {
        sp = {sp.first, sp.end + 1, org_label, std::min(sp.margin, s[x + 1].margin)};
        ++x;
      } else if (trade && next_is_free) {
        sp = {sp.first, sp.end + 1, org_label, sp.margin};
      } else if (next_is_org && national_name(sp.first, s[x + 1].first, s[x + 1].end)) {
        sp = {sp.first, s[x + 1].end, org_label, std::min(sp.margin, s[x + 1].margin)};
        ++x;
      }
    }
    s[out++] = sp;
  }
  s.resize(out);
}

void MakeConsistent(const std::vector<uint64_t>& word_hash, std::vector<Span>* spans) {
  if (spans->size() < 2) return;
  // (words, span) pairs sorted by words: each run of equal words votes.
  thread_local std::vector<std::pair<uint64_t, uint32_t>> by_words;
  by_words.clear();
  for (size_t s = 0; s < spans->size(); ++s) {
    const Span& sp = (*spans)[s];
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (uint32_t k = sp.first; k < sp.end; ++k) x = HashMix(x, word_hash[k]);
    by_words.emplace_back(x, static_cast<uint32_t>(s));
  }
  std::sort(by_words.begin(), by_words.end());
  for (size_t a = 0; a < by_words.size();) {
    size_t b = a + 1;
    while (b < by_words.size() && by_words[b].first == by_words[a].first) ++b;
    if (b - a > 1) {
      std::array<float, 16> votes{};
      for (size_t k = a; k < b; ++k) {
        const Span& sp = (*spans)[by_words[k].second];
        if (sp.label >= 0 && sp.label < 16) votes[static_cast<size_t>(sp.label)] += std::max(sp.margin, 0.01f);
      }
      const int best = static_cast<int>(std::max_element(votes.begin(), votes.end()) - votes.begin());
      for (size_t k = a; k < b; ++k) (*spans)[by_words[k].second].label = best;
    }
    a = b;
  }
}

void TagRepeats(const std::vector<uint64_t>& word_hash, const std::vector<uint8_t>& capitalised,
                std::vector<Span>* spans) {
  thread_local std::vector<uint32_t> cap_at;
  cap_at.clear();
  for (size_t i = 0; i < capitalised.size(); ++i)
    if (capitalised[i]) cap_at.push_back(static_cast<uint32_t>(i));
  TagRepeatsAt(word_hash, cap_at, nullptr, spans);
}

void TagRepeatsAt(const std::vector<uint64_t>& word_hash, const std::vector<uint32_t>& cap_at,
                  const std::function<bool(uint32_t)>* skip, std::vector<Span>* spans) {
  if (spans->empty()) return;
  // Words the document tags alone (or as a person's surname), sorted, with
  // their label; the first tag of a word wins.
  thread_local std::vector<std::pair<uint64_t, int>> known;
  known.clear();
  // (A word of a span added after the words were hashed has none: 0.)
  for (const Span& sp : *spans) {
    if (sp.end == sp.first + 1) {
      if (word_hash[sp.first] != 0) known.emplace_back(word_hash[sp.first], sp.label);
    } else if (LabelType(sp.label) == v1::PERSON && word_hash[sp.end - 1] != 0) {
      known.emplace_back(word_hash[sp.end - 1], sp.label);
    }
  }
  if (known.empty()) return;
  std::stable_sort(known.begin(), known.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  // The capitalised words and the spans, both in text order: a word inside
  // a span is covered.
  const size_t before = spans->size();
  size_t x = 0;
  for (const uint32_t i : cap_at) {
    while (x < before && (*spans)[x].end <= i) ++x;
    if (x < before && (*spans)[x].first <= i) continue;
    auto it = std::lower_bound(known.begin(), known.end(), word_hash[i],
                               [](const auto& e, uint64_t h) { return e.first < h; });
    if (it != known.end() && it->first == word_hash[i] && (skip == nullptr || !(*skip)(i))) {
      spans->push_back({i, i + 1, it->second, 0.f});
    }
  }
  if (spans->size() != before) {
    std::sort(spans->begin(), spans->end(), [](const Span& a, const Span& b) { return a.first < b.first; });
  }
}

// A wire dateline that begins the line of tokens [a, b): a word in
// capitals, then up to a dozen tokens of capitalised words, numbers and
// punctuation (the place, its state or country, the date, the agency in
// brackets), then a spaced dash after the agency's bracket, the date, or a
// knowledge-base place in capitals alone ("PERTH, Nov 25 (Reuters) - ",
// "BUFFALO, N.Y. (AP) -- ", "WASHINGTON — "), then running text: a word in lower case among the
// eight tokens after the dash. Returns the dash's token, or b when there is
// none.
static size_t DatelineDash(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           const KnowledgeBase& kb, size_t a, size_t b) {
  if (b - a < 3 || tokens[a].kind != TokenKind::kWord || !tokens[a].all_caps) return b;
  for (size_t d = a + 1; d < b && d < a + 14; ++d) {
    const Token& t = tokens[d];
    if (t.kind == TokenKind::kWord && !t.upper) return b;
    if (t.kind != TokenKind::kPunct) continue;
    const std::string_view mark = TokenText(text, t);
    if (!(mark == "-" || mark == "--" || mark == "\u2013" || mark == "\u2014")) continue;
    if (Glued(tokens, d) || (d + 1 < b && Glued(tokens, d + 1))) continue;  // "AL-AIN"
    // After the agency's bracket, the story's date ("HARARE, Dec 6 - "), or
    // a place the knowledge base has ("WASHINGTON — "; not "UPDATED - ").
    const bool dated = d >= a + 3 && tokens[d - 1].kind == TokenKind::kNumber &&
                       (IsMonth(keys[d - 2]) || (keys[d - 2] == "." && IsMonth(keys[d - 3])));
    KnowledgeBase::Match m;
    if (TokenText(text, tokens[d - 1]) != ")" && !dated &&
        !(tokens[d - 1].all_caps && kb.LongestMatch(text, tokens, keys, a, &m) && m.end_token == d &&
          EntityOfType(kb, m, v1::LOC) != nullptr))
      return b;
    // The story after it in running text, not a headline in capitals
    // ("SOCCER - JAPAN GET LUCKY WIN").
    for (size_t k = d + 1; k < b && k < d + 9; ++k)
      if (tokens[k].kind == TokenKind::kWord && !tokens[k].upper) return d;
    return b;
  }
  return b;
}

NameFeatures::NameFeatures(std::string_view text, const std::vector<Token>& tokens,
                           const KeyViews& keys, const DocWords& words,
                           const std::vector<NameCandidate>& cands, const KnowledgeBase& kb,
                           const learn::WordClusters* clusters)
    : text_(text), tokens_(tokens), keys_(keys), words_(words), cands_(cands), kb_(kb), clusters_(clusters),
      s_(ThreadScratch()), cand_at_(s_.cand_at), line_class_(s_.line_class), regions_(s_.regions), ctx_(s_.ctx),
      shape_(s_.shape), cluster_(s_.cluster), story_starts_(s_.story_starts) {
  const size_t n = tokens.size();
  if (clusters_ != nullptr) cluster_.assign(n, kNotLookedUp);
  regions_.clear();
  cand_at_.assign(n, -1);
  for (size_t c = 0; c < cands.size(); ++c) {
    for (uint32_t k = cands[c].first; k < cands[c].end && k < n; ++k) cand_at_[k] = static_cast<int32_t>(c);
  }
  ctx_.assign(n, 0);
  shape_.assign(n, 0);
  // Line classes: all capitals, title case (a headline), a table row, prose.
  line_class_.assign(n, 0);
  story_starts_.clear();
  for (size_t a = 0; a < n;) {
    size_t b = a + 1;
    while (b < n && !NewlineBetween(text, tokens[b - 1], tokens[b])) ++b;
    size_t wordc = 0, upper = 0, caps = 0;
    for (size_t k = a; k < b; ++k) {
      if (tokens[k].kind == TokenKind::kNumber && k + 2 < b && (k == a || !tokens[k - 1].upper) &&
          TokenText(text, tokens[k + 1]) == "-" && !Glued(tokens, k + 1) && !Glued(tokens, k + 2) &&
          tokens[k + 2].kind == TokenKind::kWord && tokens[k + 2].upper) {
        // A seeding before a player's name ("1 - Pete Sampras (U.S.) beat
        // ...", "beat 8 - Wayne Ferreira"): the number and the dash are no
        // context of the name (the model reads a spaced dash as a
        // compound's hyphen).
        story_starts_.push_back(k + 2);
      }
      if (tokens[k].kind != TokenKind::kWord) continue;
      ++wordc;
      upper += tokens[k].upper;
      caps += tokens[k].all_caps;
    }
    const std::string_view line = text.substr(tokens[a].begin_byte, tokens[b - 1].end_byte - tokens[a].begin_byte);
    uint8_t cls = 0;
    if (line.find('\t') != std::string_view::npos || line.find('|') != std::string_view::npos) {
      cls = 3;
    } else if (wordc >= 2 && caps * 5 >= wordc * 4) {
      cls = 1;
    } else if (wordc >= 3 && wordc <= 20 && upper * 10 >= wordc * 7) {
      cls = 2;
    }
    std::fill(line_class_.begin() + a, line_class_.begin() + b, cls);
    if (const size_t d = DatelineDash(text, tokens, keys, kb, a, b); d + 1 < b) story_starts_.push_back(d + 1);
    a = b;
  }
  std::sort(story_starts_.begin(), story_starts_.end());
  // Regions: core tokens, and connectors between them.
  auto core = [&](size_t k) {
    if (cand_at_[k] >= 0) return true;
    // Capitalised words, but not a function word starting a sentence ("The").
    return tokens[k].kind == TokenKind::kWord && tokens[k].upper &&
           !(tokens[k].sentence_start && (NameWordFlags(keys[k]) & kStopWord));
  };
  for (size_t i = 0; i < n;) {
    if (!core(i)) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    for (;;) {
      if (end < n && !NewlineBetween(text, tokens[end - 1], tokens[end]) && core(end)) {
        ++end;
        continue;
      }
      // Up to two connectors between core tokens on the same line.
      size_t gap = end;
      // "and" after an organisation word joins two names ("Newmont Mining and
      // British Airways"), as in the rules.
      auto joins = [&](size_t g) {
        return IsConnector(text, tokens[g], keys[g]) && !(keys[g] == "and" && (NameWordFlags(keys[g - 1]) & kOrgWord));
      };
      while (gap < n && gap < end + 2 && !NewlineBetween(text, tokens[gap - 1], tokens[gap]) &&
             !core(gap) && joins(gap)) {
        ++gap;
      }
      // Never into the next sentence ("the Asian Games. Epic Games sued").
      if (gap > end && gap < n && !NewlineBetween(text, tokens[gap - 1], tokens[gap]) && core(gap) &&
          !tokens[gap].sentence_start) {
        end = gap + 1;
        continue;
      }
      break;
    }
    regions_.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end)});
    i = end;
  }
}

NameFeatures::Scratch& NameFeatures::ThreadScratch() {
  thread_local Scratch s;
  return s;
}

uint64_t NameFeatures::Ctx(size_t i) const {
  if (i >= tokens_.size()) return kOutside;
  if (ctx_[i] == 0) {
    const std::string_view k = keys_[i].empty() ? TokenText(text_, tokens_[i]) : keys_[i];
    ctx_[i] = HashBytes(k) | 1;
  }
  return ctx_[i];
}

std::string NameFeatures::ShapeText(size_t i) const {
  std::string s;
  const std::string_view w = TokenText(text_, tokens_[i]);
  for (size_t p = 0; p < w.size() && s.size() < 8;) {
    const auto b = static_cast<unsigned char>(w[p]);
    char x;
    if (b < 0x80) {  // ASCII, most words: no decoding, no table look-ups
      ++p;
      x = b >= '0' && b <= '9' ? 'd' : b >= 'a' && b <= 'z' ? 'x' : b >= 'A' && b <= 'Z' ? 'X' : static_cast<char>(b);
      if (s.empty() || s.back() != x) s.push_back(x);
      continue;
    }
    const char32_t c = DecodeUtf8(w, &p);
    if (IsDigit(c)) {
      x = 'd';
    } else if (IsLetter(c)) {
      x = IsUpper(c) ? 'X' : 'x';
    } else {
      x = c < 0x80 ? static_cast<char>(c) : '*';
    }
    if (s.empty() || s.back() != x) s.push_back(x);
  }
  return s;
}

const uint16_t* NameFeatures::ClustersOf(size_t i) const {
  // Ctx() is the fingerprint (HashBytes | 1) of the token's key, or of its
  // text for punctuation: the clusters' table keys punctuation by its text.
  if (cluster_[i] == kNotLookedUp) {
    cluster_[i] = clusters_->FindFingerprint(Ctx(i));
    // A word unknown with Vietnamese vowels or a transliteration's dotted
    // letters takes the clusters of its plain letters ("Trần Văn Đức"
    // those of "tran van duc"): the clusters were learnt from text that
    // writes such names so, and has few of their letters. (Not the accents
    // of Latin-1 and Latin Extended-A, which the clusters have met: folded,
    // they meet English words' clusters, "Carrión" those of "carrion".)
    const std::string_view k = keys_[i];
    if (cluster_[i] == nullptr && std::any_of(k.begin(), k.end(), [](char ch) {
          const auto b = static_cast<unsigned char>(ch);
          return b == 0xC6 || b == 0xE1;  // U+0180..U+01BF, U+1000..U+1FFF
        }))
      if (const std::string folded = FoldLatinAccents(k); !folded.empty()) cluster_[i] = clusters_->Find(folded);
  }
  return cluster_[i];
}

uint64_t NameFeatures::Shape(size_t i) const {
  if (i >= tokens_.size()) return kOutside;
  if (shape_[i] == 0) shape_[i] = HashBytes(ShapeText(i)) | 1;
  return shape_[i];
}

void NameFeatures::Extract(const Region& r, size_t i, std::vector<uint64_t>* out,
                           std::vector<std::string>* names) const {
  const size_t n = tokens_.size();
  const std::string_view key = keys_[i];
  const std::string_view word = TokenText(text_, tokens_[i]);
  const size_t prev = Before(i, 1), prev2 = Before(i, 2);
  const size_t next = i + 1, next2 = i + 2;
  // At most 54 features below (29 single ones, 24 word-list flags, the
  // comma): written through a pointer into room made once, not pushed one
  // by one; the clusters' are appended after.
  constexpr size_t kRoom = 64;
  const size_t base = out->size();
  out->resize(base + kRoom);
  uint64_t* const first = out->data() + base;
  uint64_t* w = first;
  auto add = [&](uint64_t f, auto&& name) {
    *w++ = f;
    if (names != nullptr) names->push_back(name());
  };
  auto key_of = [&](size_t k) -> std::string {
    if (k >= n) return "<outside>";
    return std::string(keys_[k].empty() ? TokenText(text_, tokens_[k]) : keys_[k]);
  };
  add(Feature(kBias, uint64_t{0}), [] { return std::string("bias"); });
  add(Feature(kKey, Ctx(i)), [&] { return "word=" + key_of(i); });
  add(Feature(kWord, word), [&] { return "exact=" + std::string(word); });
  add(Feature(kShapeT, Shape(i)), [&] { return "shape=" + ShapeText(i); });
  const std::string_view k = key.empty() ? word : key;
  add(Feature(kPre3, k.substr(0, 3)), [&] { return "prefix=" + std::string(k.substr(0, 3)); });
  auto suffix = [&](size_t len) { return k.size() > len ? k.substr(k.size() - len) : k; };
  add(Feature(kSuf2, suffix(2)), [&] { return "suffix2=" + std::string(suffix(2)); });
  add(Feature(kSuf3, suffix(3)), [&] { return "suffix3=" + std::string(suffix(3)); });
  add(Feature(kSuf4, suffix(4)), [&] { return "suffix4=" + std::string(suffix(4)); });
  add(Feature(kPrev1, Ctx(prev)), [&] { return "prev=" + key_of(prev); });
  add(Feature(kNext1, Ctx(next)), [&] { return "next=" + key_of(next); });
  add(Feature(kPrev2, Ctx(prev2)), [&] { return "prev2=" + key_of(prev2); });
  add(Feature(kNext2, Ctx(next2)), [&] { return "next2=" + key_of(next2); });
  add(Feature(kShapePrev, Shape(prev), Shape(i)),
      [&] { return "shapes=" + (prev < n ? ShapeText(prev) : "<outside>") + "|" + ShapeText(i); });
  add(Feature(kShapeNext, Shape(i), Shape(next)),
      [&] { return "shapes=" + ShapeText(i) + "|" + (next < n ? ShapeText(next) : "<outside>"); });
  add(Feature(kBigramPrev, Ctx(prev), Ctx(i)), [&] { return "bigram=" + key_of(prev) + "|" + key_of(i); });
  add(Feature(kBigramNext, Ctx(i), Ctx(next)), [&] { return "bigram=" + key_of(i) + "|" + key_of(next); });
  const bool start = tokens_[i].sentence_start;
  add(Feature(kSentStart, Shape(i) + start), [&] { return "sentence-start=" + std::to_string(start) + "|" + ShapeText(i); });
  const uint8_t line = line_class_[i];
  static constexpr std::string_view kLineNames[] = {"prose", "all-caps", "title-case", "table"};
  add(Feature(kLine, HashMix(line, Shape(i))),
      [&] { return "line=" + std::string(kLineNames[line]) + "|" + ShapeText(i); });
  // The rules' candidate covering this token and its neighbours.
  auto cand_desc = [&](size_t t, bool family) -> std::string {
    if (t >= n || cand_at_[t] < 0) return "none";
    const NameCandidate& c = cands_[cand_at_[t]];
    std::string d(TypeName(c.type));
    d += c.first == t ? (c.end == t + 1 ? "-U" : "-B") : (c.end == t + 1 ? "-L" : "-I");
    if (family) d += "|" + std::string(Family(c));
    return d;
  };
  auto cand_hash = [&](size_t t, bool family) {
    if (t >= n || cand_at_[t] < 0) return uint64_t{7};
    const NameCandidate& c = cands_[cand_at_[t]];
    const uint64_t pos = c.first == t ? (c.end == t + 1 ? 1 : 2) : (c.end == t + 1 ? 3 : 4);
    uint64_t h = HashMix(static_cast<uint64_t>(c.type) * 8 + pos, 11);
    return family ? HashMix(h, HashBytes(Family(c))) : h;
  };
  add(Feature(kCand, cand_hash(i, true)), [&] { return "rules=" + cand_desc(i, true); });
  add(Feature(kCandType, cand_hash(i, false)), [&] { return "rules=" + cand_desc(i, false); });
  add(Feature(kCandPrev, cand_hash(prev, false)), [&] { return "rules-prev=" + cand_desc(prev, false); });
  add(Feature(kCandNext, cand_hash(next, false)), [&] { return "rules-next=" + cand_desc(next, false); });
  // A name, a comma, then what the rules found: "Bridgton, Maine" (a town
  // before its state), "Smith, 42" or "Acme, a supplier".
  if (i + 1 == r.end && next2 < n && tokens_[next].kind == TokenKind::kPunct && TokenText(text_, tokens_[next]) == ",") {
    add(Feature(kCommaThen, cand_hash(next2, false)), [&] { return "comma-then=" + cand_desc(next2, false); });
  }
  auto flags = [&](size_t t) -> uint32_t { return t < n ? NameWordFlags(keys_[t]) : 0; };
  // One feature per word list the token (and each neighbour) is on.
  static constexpr std::string_view kListNames[] = {"stop", "title", "org-word", "place-word",
                                                    "place-prep", "connector", "acronym-cue", "person-verb"};
  struct ListFeature {
    Tmpl tmpl;
    size_t token;
    const char* what;
  };
  for (const ListFeature& lf : {ListFeature{kFlags, i, "list="}, ListFeature{kFlagsPrev, prev, "list-prev="},
                                ListFeature{kFlagsNext, next, "list-next="}}) {
    const uint32_t fl = flags(lf.token);
    for (uint32_t b = 0; b < 8; ++b) {
      if (fl & (1u << b)) {
        add(Feature(lf.tmpl, uint64_t{b + 1}), [&] { return lf.what + std::string(kListNames[b]); });
      }
    }
  }
  // The document: the word also in lower case; capitalised mid-sentence.
  const bool lower = tokens_[i].kind == TokenKind::kWord && tokens_[i].upper && words_.LowerSeen(key);
  add(Feature(kDocLower, HashMix(lower, Shape(i))), [&] { return "doc-lower=" + std::to_string(lower); });
  const int mid = tokens_[i].upper ? std::min(words_.UpperMid(key), 3) : -1;
  add(Feature(kDocUpperMid, static_cast<uint64_t>(mid + 1)), [&] { return "doc-upper-mid=" + std::to_string(mid); });
  const size_t len = r.end - r.first;
  const uint64_t pos = (i == r.first ? 1 : 0) + (i + 1 == r.end ? 2 : 0);
  add(Feature(kRegionPos, pos * 8 + std::min<size_t>(len, 5)),
      [&] { return "region=" + std::to_string(pos) + "|len" + std::to_string(std::min<size_t>(len, 5)); });
  add(Feature(kRegionLast, Ctx(r.end - 1)), [&] { return "region-last=" + key_of(r.end - 1); });
  add(Feature(kRegionFirst, Ctx(r.first)), [&] { return "region-first=" + key_of(r.first); });
  const size_t cps = std::min<size_t>(word.size(), 12);
  add(Feature(kLength, HashMix(cps, tokens_[i].all_caps)),
      [&] { return "length=" + std::to_string(cps) + (tokens_[i].all_caps ? "|caps" : ""); });
  // The knowledge base's types of names containing this word, wherever in
  // the name ("Manchester": a city and clubs).
  const uint8_t kb_types = key.empty() ? 0 : kb_.WordTypes(key);
  add(Feature(kKbWord, uint64_t{kb_types}), [&] { return "kb-word-types=" + std::to_string(kb_types); });
  assert(static_cast<size_t>(w - first) <= kRoom);
  out->resize(base + static_cast<size_t>(w - first));
  if (clusters_ != nullptr) AddClusterFeatures(i, out, names);
}

// The word's clusters at every level, its neighbours' at the middle level
// and the words two away at the coarsest: what the word is like (a club, a
// surname, a town) where the model never saw the word itself. 0 for a word
// the table does not have.
void NameFeatures::AddClusterFeatures(size_t i, std::vector<uint64_t>* out, std::vector<std::string>* names) const {
  const size_t n = tokens_.size(), levels = clusters_->levels();
  const size_t mid = std::min<size_t>(1, levels - 1), coarse = levels - 1;
  // 0: a word the table does not have; kOutsideText: before or after the text.
  constexpr uint64_t kOutsideText = 0x10001;
  auto id = [&](size_t t, size_t level) -> uint64_t {
    if (t >= n) return kOutsideText;
    const uint16_t* c = ClustersOf(t);
    return c == nullptr ? 0 : uint64_t{c[level]} + 1;
  };
  auto add = [&](uint64_t f, const char* what, uint64_t v) {
    out->push_back(f);
    if (names != nullptr) {
      names->push_back(what + (v == 0 ? std::string("none") : v == kOutsideText ? "outside" : std::to_string(v - 1)));
    }
  };
  static constexpr const char* kLevelNames[] = {"cluster0=", "cluster1=", "cluster2=", "cluster3="};
  for (size_t l = 0; l < levels; ++l) {
    const uint64_t v = id(i, l);
    add(Feature(kCluster, HashMix(l, v)), kLevelNames[l], v);
  }
  const size_t prev = Before(i, 1), prev2 = Before(i, 2);
  add(Feature(kClusterPrev, id(prev, mid)), "cluster-prev=", id(prev, mid));
  add(Feature(kClusterNext, id(i + 1, mid)), "cluster-next=", id(i + 1, mid));
  add(Feature(kClusterPrev2, id(prev2, coarse)), "cluster-prev2=", id(prev2, coarse));
  add(Feature(kClusterNext2, id(i + 2, coarse)), "cluster-next2=", id(i + 2, coarse));
}

}  // namespace tidings::enrich::names
