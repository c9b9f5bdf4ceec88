// The stance tagger: document stance per configured target and reply stance
// (SDQC) of comments. See enrich/stance/README.md for the method.
#include "enrich/stance/stance.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "enrich/learn/hash.h"
#include "enrich/learn/model.h"
#include "enrich/stance/learned.h"
#include "enrich/stance/stance_lexicon.h"
#include "enrich/stance/stance_text.h"
#include "enrich/stance/word_map.h"

namespace tidings::enrich {
namespace {

using stance::Phrase;
using stance::Target;
using stance::TokenizedText;
using stance::WordMap;
using stance::WordToken;

// Tuning constants of the document stance model.
constexpr float kSentimentScale = 0.25f;    // VADER valence (-4..4) -> cue units
constexpr float kQuotedFactor = 0.25f;      // words inside a quotation
constexpr float kReportedFactor = 0.5f;     // sentences of reported speech
constexpr float kQuestionFactor = 0.4f;     // a question asserts less
constexpr float kAllyFactor = 0.3f;         // weight of allies' and rivals' leanings
constexpr float kNegationFactor = -0.6f;    // a negated cue or sentiment word
constexpr float kSentenceClip = 4.0f;       // one sentence decides at most this much
constexpr float kLabelThreshold = 0.7f;     // |z| at or above: FAVOR / AGAINST
constexpr float kDistancingWeight = 2.0f;   // "so-called rebels"
constexpr float kScareQuoteWeight = 1.5f;   // “rebels”
constexpr float kTitleFactor = 1.5f;        // sentences of the title
constexpr size_t kMaxEvidence = 3;
constexpr size_t kMaxCuesPerTarget = 24;

// The words the tagger knows, interned: every word of a (case-insensitive)
// phrase has an id > 0, so that phrase matching compares integers. One probe
// per token gives its id, valence and the phrase indexes that may start there.
struct Vocab {
  struct Word {
    float valence = 0;     // VADER valence (words table only)
    uint16_t indexes = 0;  // IndexBit set: phrase indexes with a phrase that may start here
    uint32_t id = 0;       // > 0 for words of phrases, prefix keys and exact keys
    // `words` only: what a probe of `prefixes` with this word's first
    // kPrefixKey bytes finds (id and indexes), so that a known word needs no
    // second probe. Set once all tables are built.
    uint32_t prefix_id = 0;
    uint16_t prefix_indexes = 0;
  };
  WordMap<Word> words;     // normalised word
  WordMap<Word> prefixes;  // first kPrefixKey bytes of a normalised word
  WordMap<Word> exacts;    // word as written (exact phrases)
  uint32_t words_n = 0, prefixes_n = 0, exacts_n = 0;
  bool exact_lower = false;  // some exact key is all lower case (can equal a norm)
  // Cheap gates before a probe of `prefixes` / `exacts`: bit sets over a
  // 12-bit hash of a prefix key, and per first byte of the exact keys over
  // their lengths (63: 63 or more). A clear bit means no such key.
  uint64_t prefix_filter[64] = {};
  uint64_t exact_lengths[256] = {};  // by first byte: bit set of lengths

  static uint32_t PrefixBit(std::string_view key) {  // key: kPrefixKey bytes
    const auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(key[i])); };
    return (b(0) * 0x9E1u + b(1) * 0x3Bu + b(2)) & 4095u;
  }
  bool MayBePrefix(std::string_view key) const {
    const uint32_t bit = PrefixBit(key);
    return (prefix_filter[bit >> 6] >> (bit & 63)) & 1;
  }
  void AddPrefix(std::string_view key) {
    const uint32_t bit = PrefixBit(key);
    prefix_filter[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  bool MayBeExact(std::string_view w) const {
    return !w.empty() && ((exact_lengths[static_cast<unsigned char>(w[0])] >> std::min<size_t>(w.size(), 63)) & 1);
  }
  void AddExact(std::string_view w) {
    if (w.empty()) return;  // never a token
    exact_lengths[static_cast<unsigned char>(w[0])] |= uint64_t{1} << std::min<size_t>(w.size(), 63);
  }

  static constexpr size_t kPrefixKey = 3;  // prefix phrases are indexed by their first bytes

  static uint32_t Intern(WordMap<Word>* map, uint32_t* n, std::string_view key) {
    Word& w = (*map)[key];
    if (w.id == 0) w.id = ++*n;
    return w.id;
  }
};

// What one probe found for a token.
struct TokenLex {
  uint32_t id = 0, prefix_id = 0, exact_id = 0;
  float valence = 0;
  uint16_t cand = 0;  // IndexBit set
};

// Finds phrases in token sequences. Phrases are indexed by their first word
// (exact phrases by the word as written, prefix-only phrases by their first
// bytes, short prefix-only phrases in a list), through the ids of Vocab.
class PhraseIndex {
 public:
  struct Hit {
    uint32_t pos, len;
    int payload;
    const Phrase* phrase;
  };
  // Adds `p`; a phrase with the same words and payload as one already added
  // (e.g. "so-called" and "so called") is skipped.
  void Add(const Phrase* p, int payload) {
    for (const Entry& q : added_)
      if (q.p->words == p->words && q.p->exact == p->exact && q.p->prefix_last == p->prefix_last &&
          q.p->follow == p->follow && q.payload == payload)
        return;
    added_.push_back({p, payload, {}});
  }
  // Interns the words of the phrases added, builds the id-keyed lists and
  // marks in `vocab` (with this index's bit) the keys where it can match.
  void Finalize(uint16_t bit, Vocab* vocab, uint16_t* always) {
    auto put = [](std::vector<std::vector<Entry>>* lists, uint32_t id, const Entry& e) {
      if (lists->size() <= id) lists->resize(id + 1);
      (*lists)[id].push_back(e);
    };
    for (Entry e : added_) {
      const Phrase* p = e.p;
      if (!p->exact)
        for (const auto& w : p->words) e.ids.push_back(Vocab::Intern(&vocab->words, &vocab->words_n, w));
      if (!p->exact && e.ids.size() >= 2 && !(e.ids.size() == 2 && p->prefix_last)) e.second = e.ids[1];
      if (p->words.size() == 1 && p->prefix_last) {
        if (p->words[0].size() >= Vocab::kPrefixKey) {
          const std::string_view key = std::string_view(p->words[0]).substr(0, Vocab::kPrefixKey);
          put(&by_prefix_, Vocab::Intern(&vocab->prefixes, &vocab->prefixes_n, key), e);
          vocab->prefixes[key].indexes |= bit;
          vocab->AddPrefix(key);
        } else {
          prefix_.push_back(e);
          *always |= bit;
        }
      } else if (p->exact) {
        put(&by_exact_, Vocab::Intern(&vocab->exacts, &vocab->exacts_n, p->words[0]), e);
        vocab->exacts[p->words[0]].indexes |= bit;
        vocab->AddExact(p->words[0]);
        bool lower = true;
        for (char c : p->words[0]) lower &= !(c >= 'A' && c <= 'Z');
        vocab->exact_lower |= lower;
        has_exact_ = true;
      } else {
        put(&by_first_, e.ids[0], e);
        vocab->words[p->words[0]].indexes |= bit;
      }
    }
  }
  // Calls f(Hit) for each phrase occurring at tokens[pos...].
  template <typename F>
  void MatchAt(const std::vector<WordToken>& toks, const std::vector<TokenLex>& lex, uint32_t pos, uint32_t end,
               F&& f) const {
    const TokenLex& l = lex[pos];
    auto try_list = [&](const std::vector<Entry>& list) {
      for (const Entry& e : list) {
        // Most multi-word phrases fail at their second word: test its id here.
        if (e.second != 0 && (pos + 1 >= end || lex[pos + 1].id != e.second)) continue;
        if (Matches(e, toks, lex, pos, end)) f(Hit{pos, static_cast<uint32_t>(e.p->words.size()), e.payload, e.p});
      }
    };
    if (l.id != 0 && l.id < by_first_.size()) try_list(by_first_[l.id]);
    if (has_exact_ && l.exact_id != 0 && l.exact_id < by_exact_.size()) try_list(by_exact_[l.exact_id]);
    const std::string_view w = toks[pos].norm;
    auto try_prefix = [&](const std::vector<Entry>& list) {
      for (const Entry& e : list)
        if (w.substr(0, e.p->words[0].size()) == e.p->words[0]) f(Hit{pos, 1, e.payload, e.p});
    };
    if (l.prefix_id != 0 && l.prefix_id < by_prefix_.size()) try_prefix(by_prefix_[l.prefix_id]);
    try_prefix(prefix_);
  }

 private:
  struct Entry {
    const Phrase* p;
    int payload;
    std::vector<uint32_t> ids;  // Vocab ids of the words (not for exact phrases)
    uint32_t second = 0;        // ids[1] when Matches compares the second word by id, else 0
  };
  static bool Matches(const Entry& e, const std::vector<WordToken>& toks, const std::vector<TokenLex>& lex,
                      uint32_t pos, uint32_t end) {
    const Phrase& p = *e.p;
    const size_t n = p.words.size();
    if (pos + n > end) return false;
    for (size_t i = 0; i < n; ++i) {
      const bool last = i + 1 == n;
      if (last && p.prefix_last) {
        const std::string_view w = p.exact ? toks[pos + i].raw : toks[pos + i].norm;
        if (w.substr(0, p.words[i].size()) != p.words[i]) return false;
      } else if (p.exact) {
        if (toks[pos + i].raw != p.words[i]) return false;
      } else if (lex[pos + i].id != e.ids[i]) {
        return false;
      }
    }
    return true;
  }
  std::vector<std::vector<Entry>> by_first_, by_exact_, by_prefix_;  // by Vocab id
  std::vector<Entry> prefix_;
  std::vector<Entry> added_;
  bool has_exact_ = false;
};

// Per-document working state of the document stance model.
struct TargetEvidence {
  float total = 0;             // sum of sentence scores (title included)
  int sentences = 0;           // sentences that mention the target
  std::vector<std::pair<float, uint32_t>> per_sentence;  // (score, sentence) of the text
  std::vector<std::string> cues;
};

struct DocAnalysis {
  TokenizedText tt;
  // Per token of tt (Tagger::Probe): the calling thread's buffer, valid
  // until the thread's next AnalyzeDocument.
  const std::vector<TokenLex>* lex = nullptr;
  std::vector<TargetEvidence> targets;
  std::vector<v1::StanceLabel> labels;
  std::vector<float> z;
};

// Per-token marks of one text, the working state of Tagger::ScoreText, with
// buffers for its sentences. One per thread: ScoreText is not re-entered,
// and the buffers keep their capacity from one document to the next.
// Tagger::MarkText fills it; it views the tokens and probes it was filled
// from, which must outlive its use.
struct TextMarks {
  const std::vector<WordToken>* toks = nullptr;
  const std::vector<TokenLex>* lex = nullptr;  // per token
  uint32_t n = 0;                              // tokens
  std::vector<uint64_t> mention;  // per token: bits of the targets it mentions
  std::vector<uint64_t> ignored;  // per token: bits of the targets whose ignore phrases cover it
  bool any_ignored = false;       // `ignored` is valid (sized and filled) only when set
  std::vector<uint64_t> framed;   // per token: bits of the targets with a framing cue on it (per sentence)
  std::vector<uint8_t> negator;   // per token: a negator ends here
  std::vector<uint8_t> patient;   // per token: a patient marker ("bombing the") ends here
  std::vector<float> score;       // per target: the current sentence's score
  std::vector<uint32_t> where, valenced;  // per sentence: mentions of a target; words with a valence

  // Whether token i is negated: a negator in the 3 tokens before it, same sentence.
  [[gnu::always_inline]] bool Negated(uint32_t i) const {
    const auto& t = *toks;
    for (uint32_t k = i >= 3 ? i - 3 : 0; k < i; ++k)
      if (negator[k] && t[k].sentence == t[i].sentence) return true;
    return false;
  }
  // The weight of a cue at token i: less inside a quotation of more than 3 words.
  [[gnu::always_inline]] float QuoteFactor(uint32_t i) const { return (*toks)[i].quote_len > 3 ? kQuotedFactor : 1.0f; }
};

// The cue scores of one sentence, per target, and in debug mode the text of
// each cue. Built by Tagger::ScoreText for one sentence at a time.
struct SentenceScore {
  std::vector<float>& score;                   // per target, zeroed by the owner
  std::vector<std::vector<std::string>> cues;  // per target in debug mode, else empty
  bool debug;

  // Adds w to target t's score; the cue's text ("kind" "what" "(w)") is
  // built in debug mode only.
  [[gnu::always_inline]] void Add(size_t t, std::string_view kind, std::string_view what, float w) {
    score[t] += w;
    if (debug) AddText(t, kind, what, w);
  }
  [[gnu::noinline]] void AddText(size_t t, std::string_view kind, std::string_view what, float w) {
    std::ostringstream os;
    os.precision(2);
    os << kind << what << "(" << w << ")";
    cues[t].push_back(os.str());
  }
};

class Tagger final : public StanceTagger {
 public:
  Tagger(std::vector<Target> targets, stance::CueLexicon cues, std::unordered_map<std::string, float> sentiment,
         bool debug, std::optional<learn::LinearModel> stance_model, std::optional<learn::LinearModel> reply_model,
         std::shared_ptr<const learn::WordClusters> stance_clusters)
      : targets_(std::move(targets)), cues_(std::move(cues)), sentiment_(std::move(sentiment)), debug_(debug),
        stance_model_(std::move(stance_model)), reply_model_(std::move(reply_model)),
        stance_clusters_(std::move(stance_clusters)) {
    for (const auto& t : targets_) target_hash_.push_back(learn::HashBytes(t.id));
    if (reply_model_) {
      auto it = reply_model_->manifest().find("domain_max_tokens");
      if (it != reply_model_->manifest().end()) reply_max_tokens_ = std::strtoul(it->second.c_str(), nullptr, 10);
      reply_temperature_ = TemperatureOf(*reply_model_);
      it = reply_model_->manifest().find("comment_bias");
      if (it != reply_model_->manifest().end()) reply_comment_bias_ = std::strtof(it->second.c_str(), nullptr);
    }
    if (stance_model_) {
      stance_temperature_ = TemperatureOf(*stance_model_);
      auto it = stance_model_->manifest().find("rules_first");
      if (it != stance_model_->manifest().end()) rules_first_ = std::strtof(it->second.c_str(), nullptr);
      it = stance_model_->manifest().find("char_grams");  // absent: a model of before the setting, with them
      stance_settings_.char_grams = it == stance_model_->manifest().end() || it->second != "0";
      stance_settings_.clusters = stance_clusters_.get();
      it = stance_model_->manifest().find("feature_set");
      stance_settings_.camps = it != stance_model_->manifest().end() && it->second == stance::kStanceV2FeatureSet;
    }
    allies_.resize(targets_.size());
    rivals_.resize(targets_.size());
    auto index_of = [&](const std::string& id) {
      for (size_t k = 0; k < targets_.size(); ++k)
        if (targets_[k].id == id) return k;
      return targets_.size();
    };
    for (size_t t = 0; t < targets_.size(); ++t) {
      for (const auto& id : targets_[t].allies)
        if (size_t k = index_of(id); k < targets_.size()) allies_[t].push_back(k), allies_[k].push_back(t);
      for (const auto& id : targets_[t].rivals)
        if (size_t k = index_of(id); k < targets_.size()) rivals_[t].push_back(k), rivals_[k].push_back(t);
    }
    for (auto* v : {&allies_, &rivals_})
      for (auto& l : *v) {
        std::sort(l.begin(), l.end());
        l.erase(std::unique(l.begin(), l.end()), l.end());
      }
    for (size_t t = 0; t < targets_.size(); ++t) {
      const Target& tg = targets_[t];
      const int ti = static_cast<int>(t);
      for (const auto& e : tg.entities) {
        entity_targets_[e] |= uint64_t{1} << t;
        if (!e.empty()) {
          entity_lengths_ |= uint64_t{1} << std::min<size_t>(e.size(), 63);
          const unsigned char c = static_cast<unsigned char>(e[0]);
          entity_firsts_[c >> 6] |= uint64_t{1} << (c & 63);
        }
      }
      for (const auto& p : tg.aliases) aliases_.Add(&p, ti);
      for (const auto& p : tg.ignore) ignore_.Add(&p, ti);
      // Framing payload: target index * 2 + (0 favor, 1 against).
      for (const auto& p : tg.favor) framing_.Add(&p, ti * 2);
      for (const auto& p : tg.against) framing_.Add(&p, ti * 2 + 1);
    }
    for (const auto& p : cues_.negators) {
      negators_.Add(&p, 0);
      if (p.words.size() == 1) negator_words_.insert(p.words[0]);
    }
    for (const auto& p : cues_.doubt) truth_words_.emplace(p.words[0], 1);
    for (const auto& p : cues_.affirm) truth_words_.emplace(p.words[0], 2);
    for (const auto& p : cues_.distancing) distancing_.Add(&p, 0);
    for (const auto& p : cues_.reporting) reporting_.Add(&p, 0);
    for (const auto& p : cues_.patient) patient_.Add(&p, 0);
    for (const auto& p : cues_.first_person) first_person_.Add(&p, 0);
    for (const auto& p : cues_.support) reply_.Add(&p, 0);
    for (const auto& p : cues_.deny) reply_.Add(&p, 1);
    for (const auto& p : cues_.query) reply_.Add(&p, 2);
    for (const auto& p : cues_.rhetorical) reply_.Add(&p, 3);
    PhraseIndex* all[] = {&aliases_, &ignore_, &framing_, &negators_, &distancing_,
                          &reporting_, &patient_, &first_person_, &reply_};
    for (size_t k = 0; k < std::size(all); ++k) all[k]->Finalize(static_cast<uint16_t>(1u << k), &vocab_, &always_match_);
    for (const auto& [w, v] : sentiment_) vocab_.words[w].valence = v;
    if (!vocab_.prefixes.empty())
      vocab_.words.ForEachMutable([&](std::string_view key, Vocab::Word& w) {
        if (key.size() < Vocab::kPrefixKey) return;
        if (const Vocab::Word* p = vocab_.prefixes.Find(key.substr(0, Vocab::kPrefixKey)))
          w.prefix_id = p->id, w.prefix_indexes = p->indexes;
      });
  }

  // Bits of TokenLex.cand / Vocab::Word.indexes, in the order of the constructor's `all`.
  enum IndexBit : uint16_t {
    kAliases = 1, kIgnore = 2, kFraming = 4, kNegators = 8, kDistancing = 16,
    kReporting = 32, kPatient = 64, kFirstPerson = 128, kReply = 256,
  };
  // Id, valence and candidate indexes of a word, in one to three probes.
  [[gnu::always_inline]] TokenLex Probe(const WordToken& t) const {
    TokenLex info;
    if (const Vocab::Word* w = vocab_.words.Find(t.norm)) {
      info.id = w->id, info.valence = w->valence, info.cand = w->indexes | w->prefix_indexes;
      info.prefix_id = w->prefix_id;
    } else if (!vocab_.prefixes.empty() && t.norm.size() >= Vocab::kPrefixKey) {
      const std::string_view key(t.norm.data(), Vocab::kPrefixKey);
      if (vocab_.MayBePrefix(key))
        if (const Vocab::Word* p = vocab_.prefixes.Find(key)) info.prefix_id = p->id, info.cand |= p->indexes;
    }
    info.cand |= always_match_;
    if (!vocab_.exacts.empty() && vocab_.MayBeExact(t.raw)) {
      // raw and norm are the same view when the word is lower-case ASCII.
      if (t.raw.data() != t.norm.data() && !SameWord(t.raw, t.norm)) {
        if (const Vocab::Word* w = vocab_.exacts.Find(t.raw)) info.exact_id = w->id, info.cand |= w->indexes;
      } else if (vocab_.exact_lower) {
        // Matched when another index sends the token to MatchAt, as before.
        if (const Vocab::Word* w = vocab_.exacts.Find(t.raw)) info.exact_id = w->id;
      }
    }
    return info;
  }

  void Tag(const ThreadContext& ctx, v1::EnrichedDocument* out) const override {
    const v1::Document& doc = out->document();
    DocAnalysis a = AnalyzeDocument(doc.text(), doc.title(), *out);
    out->clear_stances();
    if (stance_model_) {
      TagLearnedStances(a, out);
    } else {
      for (size_t t = 0; t < targets_.size(); ++t) AddRuleStance(a, t, out);
    }
    if (doc.parent_id().empty()) return;
    TagReply(ctx, a, out);
  }

  // The rules' record for target t (none when the text does not discuss it).
  void AddRuleStance(const DocAnalysis& a, size_t t, v1::EnrichedDocument* out) const {
    const TargetEvidence& ev = a.targets[t];
    if (ev.sentences == 0) return;  // not discussed: no record
    v1::Stance* s = out->add_stances();
    s->set_target(targets_[t].id);
    s->set_label(a.labels[t]);
    const float az = std::fabs(a.z[t]);
    s->set_score(a.labels[t] == v1::NONE ? 1.0f - std::tanh(az / kLabelThreshold)
                                         : std::tanh(az / (2 * kLabelThreshold)));
    // Evidence: the strongest sentences on the side of the label, in text order.
    std::vector<std::pair<float, uint32_t>> side;
    const float sign = a.labels[t] == v1::FAVOR ? 1.0f : a.labels[t] == v1::AGAINST ? -1.0f : 0.0f;
    for (const auto& [sc, si] : ev.per_sentence)
      if (sign == 0 ? sc != 0 : sc * sign > 0) side.push_back({sign == 0 ? std::fabs(sc) : sc * sign, si});
    AddEvidence(a.tt.sentences, &side, s);
    if (debug_) {
      std::ostringstream os;
      os.precision(3);
      os << "z=" << a.z[t] << " total=" << ev.total << " sentences=" << ev.sentences;
      s->add_cues(os.str());
      for (const auto& c : ev.cues) s->add_cues(c);
    }
  }

  size_t num_targets() const override { return targets_.size(); }
  const std::string& target_id(size_t t) const override { return targets_[t].id; }

  void ReplyFeatures(const ThreadContext& ctx, const v1::EnrichedDocument& out, std::vector<uint64_t>* f,
                     std::vector<std::string>* names) const override {
    const v1::Document& doc = out.document();
    DocAnalysis a = AnalyzeDocument(doc.text(), doc.title(), out);
    const RuleReply rr = ScoreReplyRules(ctx, a, out);
    f->clear();
    if (names) names->clear();
    ComputeReplyFeatures(ctx, a, out, rr, f, names);
  }

  void StanceFeatures(const v1::EnrichedDocument& out, const StanceFeatureSettings& settings,
                      std::vector<std::vector<uint64_t>>* per_target) const override {
    const v1::Document& doc = out.document();
    DocAnalysis a = AnalyzeDocument(doc.text(), doc.title(), out);
    std::vector<uint64_t> base;
    BaseStanceFeatures(a.tt, doc.text(), settings, &base, nullptr);
    per_target->assign(targets_.size(), {});
    for (size_t t = 0; t < targets_.size(); ++t)
      TargetStanceFeatures(a, t, settings, base, &(*per_target)[t], nullptr);
  }

 private:
  // What the reply cue rules found: totals, verdict, and the cues that counted.
  struct RuleReply {
    float sup = 0, den = 0, qry = 0, q_ratio = 0;
    v1::ReplyLabel label = v1::COMMENT;
    float best = 0;
    std::string reason;
    std::vector<std::string> cues;                    // debug only
    std::vector<std::pair<int, const Phrase*>> hits;  // (cue class, phrase) that counted
  };

  // ---- learned document stance (enrich/stance/learned.h) ----

  // Features of the whole text, not yet conjoined with a target: words,
  // word pairs, hashtags, character n-grams, word clusters, valence,
  // negation, questions.
  void BaseStanceFeatures(const TokenizedText& tt, std::string_view text, const StanceFeatureSettings& settings,
                          std::vector<uint64_t>* f, std::vector<std::string>* names) const {
    using namespace stance::features;
    Adder add{f, names};
    const auto& toks = tt.tokens;
    const size_t n = std::min<size_t>(toks.size(), kMaxStanceTokens);
    float pos = 0, neg = 0;
    int negated = 0;
    bool neg_open = false;
    // Each word hashed once for its feature and its two pairs (the same
    // values as Adder's, which also names them for --debug).
    thread_local std::vector<uint64_t> word_hash;
    word_hash.resize(n);
    for (size_t i = 0; i < n; ++i) word_hash[i] = learn::HashBytes(toks[i].norm);
    for (size_t i = 0; i < n; ++i) {
      const std::string_view w = toks[i].norm;
      const bool pair = i + 1 < n && toks[i + 1].sentence == toks[i].sentence;
      if (names != nullptr) {
        add.Word(kWord, w);
        if (pair) add.Pair(kBigram, w, toks[i + 1].norm);
      } else {
        f->push_back(learn::Feature(kWord, word_hash[i]));
        if (pair) f->push_back(learn::Feature(kBigram, word_hash[i], word_hash[i + 1]));
      }
      if (settings.char_grams) add.CharGrams(w);
      const float v = SentimentOf(toks[i]);
      const bool is_neg = IsNegator(toks[i]);
      if (v != 0) {
        if (neg_open) ++negated, add.Word(kLexicon, v > 0 ? "negated_pos" : "negated_neg");
        (v > 0 ? pos : neg) += std::fabs(v);
      }
      if (is_neg) add.Word(kLexicon, "negation");
      neg_open = is_neg || (neg_open && i > 0 && toks[i - 1].sentence == toks[i].sentence && !is_neg && v == 0);
    }
    if (settings.clusters != nullptr) AddClusterFeatures(word_hash.data(), n, *settings.clusters, f, names);
    add.Word(kLexicon, "pos" + std::to_string(Bucket(pos, {0.5f, 2, 5})));
    add.Word(kLexicon, "neg" + std::to_string(Bucket(neg, {0.5f, 2, 5})));
    add.Word(kLexicon, pos > neg + 1 ? "valence+" : neg > pos + 1 ? "valence-" : "valence0");
    for (const auto& s : tt.sentences)
      if (s.question) {
        add.Word(kShape, "question");
        break;
      }
    Hashtags(text, [&](std::string_view tag) { add.Word(kHashtag, tag); });
    add.Word(kBias, "bias");
  }

  // The clusters of the first n words at every level, each (level, id) once
  // per text: a word no training text had weighs as the words it clusters
  // with ("superb" as "excellent"). Once, not per occurrence: in a long
  // text the clusters of common words add up to counts that swamp the
  // words' own features (enrich/stance/README.md).
  // `hashes`: learn::HashBytes of each word's norm (a cluster table's
  // fingerprint but for its lowest bit).
  static void AddClusterFeatures(const uint64_t* hashes, size_t n, const learn::WordClusters& clusters,
                                 std::vector<uint64_t>* f, std::vector<std::string>* names) {
    // Seen (level, id) pairs: a bit each, cleared again after the text.
    thread_local std::vector<uint64_t> seen(learn::WordClusters::kMaxLevels << 10);
    thread_local std::vector<uint32_t> ids;
    thread_local std::vector<uint64_t> fps;
    thread_local std::vector<const uint16_t*> found;
    ids.clear();
    fps.resize(n);
    found.resize(n);
    for (size_t i = 0; i < n; ++i) fps[i] = hashes[i] | 1;
    clusters.FindFingerprints(fps.data(), n, found.data());
    const size_t levels = clusters.levels();
    for (size_t i = 0; i < n; ++i) {
      const uint16_t* c = found[i];
      if (c == nullptr) continue;
      for (size_t l = 0; l < levels; ++l) {
        const uint32_t id = static_cast<uint32_t>(l) << 16 | c[l];
        uint64_t& word = seen[id >> 6];
        const uint64_t bit = uint64_t{1} << (id & 63);
        if (word & bit) continue;
        word |= bit;
        ids.push_back(id);
      }
    }
    for (uint32_t id : ids) {
      seen[id >> 6] = 0;
      f->push_back(learn::Feature(stance::features::kCluster, static_cast<uint64_t>(id)));
      if (names != nullptr) names->push_back("cl:" + std::to_string(id >> 16) + "/" + std::to_string(id & 0xFFFF));
    }
  }

  // The base features conjoined with target t, plus t's own: whether the
  // text names it and the rule model's label and z for it, and (camps) the
  // rules' labels of the allies and rivals the text names: a text against
  // a target's rival leans toward the target.
  void TargetStanceFeatures(const DocAnalysis& a, size_t t, const StanceFeatureSettings& settings,
                            const std::vector<uint64_t>& base, std::vector<uint64_t>* f,
                            std::vector<std::string>* names) const {
    using namespace stance::features;
    f->clear();
    const uint64_t th = target_hash_[t];
    for (uint64_t b : base) f->push_back(learn::HashMix(th, b));
    Adder add{f, names};
    const TargetEvidence& ev = a.targets[t];
    const bool mentioned = ev.sentences > 0;
    add.Target(th, kMention, mentioned ? "mentioned" : "not_mentioned");
    if (mentioned) {
      add.Target(th, kRule, std::string("rule:") + v1::StanceLabel_Name(a.labels[t]));
      add.Target(th, kRule, "z" + std::to_string(Bucket(a.z[t], {-2, -0.7f, -0.2f, 0.2f, 0.7f, 2})));
    }
    if (!settings.camps) return;
    for (size_t k : allies_[t])
      if (a.targets[k].sentences > 0) add.Target(th, kCamp, std::string("ally:") + v1::StanceLabel_Name(a.labels[k]));
    for (size_t k : rivals_[t])
      if (a.targets[k].sentences > 0) add.Target(th, kCamp, std::string("rival:") + v1::StanceLabel_Name(a.labels[k]));
  }

  // The model's records. A model trained "rules first" (manifest
  // rules_first = P) answers after the rules: their FAVOR or AGAINST stands;
  // where they say NONE of a text that names the target, the model's label;
  // where the text never names it, the model's FAVOR or AGAINST of
  // probability P or more (enrich/stance/README.md; RulesFirstLabel, which
  // the trainer scores with too).
  void TagLearnedStances(const DocAnalysis& a, v1::EnrichedDocument* out) const {
    using namespace stance::features;
    const v1::Document& doc = out->document();
    const learn::LinearModel& m = *stance_model_;
    thread_local std::vector<uint64_t> base;
    base.clear();
    BaseStanceFeatures(a.tt, doc.text(), stance_settings_, &base, nullptr);
    // Every target's features first, their weight rows fetched together
    // (random reads in a table of megabytes), then the scores.
    // Rules first: their FAVOR or AGAINST of a text that names the target stands.
    auto rules_decide = [&](size_t t) {
      return rules_first_ > 0 && a.targets[t].sentences > 0 && a.labels[t] != v1::NONE;
    };
    thread_local std::vector<std::vector<uint64_t>> per_target;
    per_target.resize(targets_.size());
    for (size_t t = 0; t < targets_.size(); ++t) {
      per_target[t].clear();
      if (rules_decide(t)) continue;
      TargetStanceFeatures(a, t, stance_settings_, base, &per_target[t], nullptr);
      m.Prefetch(per_target[t].data(), per_target[t].size());
    }
    for (size_t t = 0; t < targets_.size(); ++t) {
      const bool mentioned = a.targets[t].sentences > 0;
      if (rules_decide(t)) {
        AddRuleStance(a, t, out);
        continue;
      }
      const std::vector<uint64_t>& f = per_target[t];
      float sc[3];
      m.Scores(f.data(), f.size(), sc);
      const size_t best = Argmax(sc, 3);
      v1::StanceLabel label = v1::NONE;
      v1::StanceLabel_Parse(m.labels()[best], &label);
      float scaled[3];
      for (size_t k = 0; k < 3; ++k) scaled[k] = sc[k] / stance_temperature_;
      const float p = Softmax(scaled, 3, best);
      // Rules first: the rules' label here is NONE (their verdicts were taken above).
      const bool take = rules_first_ > 0
                            ? RulesFirstLabel(sc, 2, mentioned, stance_temperature_, rules_first_) != 2
                            : label != v1::NONE || mentioned;
      if (!take) {
        if (rules_first_ > 0) AddRuleStance(a, t, out);
        continue;
      }
      v1::Stance* s = out->add_stances();
      s->set_target(targets_[t].id);
      s->set_label(label);
      s->set_rules_label(mentioned ? a.labels[t] : v1::NONE);
      s->set_score(p);
      const bool closest_only = label != v1::NONE && AddLearnedEvidence(a, t, best, s);
      if (label != v1::NONE && s->evidence_size() == 0) {
        // No sentence of the text to show for it (a title alone, an empty
        // text): a label without evidence is not given.
        out->mutable_stances()->RemoveLast();
        if (rules_first_ > 0) AddRuleStance(a, t, out);
        continue;
      }
      if (debug_) {
        std::vector<std::string> names;
        std::vector<uint64_t> fb, ft;
        BaseStanceFeatures(a.tt, doc.text(), stance_settings_, &fb, &names);
        std::vector<std::string> tn;
        TargetStanceFeatures(a, t, stance_settings_, fb, &ft, &tn);
        names.insert(names.end(), tn.begin(), tn.end());
        std::ostringstream os;
        os.precision(3);
        os << "model " << m.labels()[best] << " p=" << s->score() << " scores";
        for (size_t k = 0; k < 3; ++k) os << " " << m.labels()[k] << "=" << sc[k];
        if (rules_first_ > 0) os << " (rules " << v1::StanceLabel_Name(a.labels[t]) << ")";
        s->add_cues(os.str());
        for (auto& c : TopFeatures(m, ft, names, best, kMaxExplained)) s->add_cues(c);
        if (closest_only)
          s->add_cues("evidence: the sentence closest to " + m.labels()[best] + " (none leans to it alone)");
      }
    }
  }

  // Evidence of a learned label: the sentences whose words and word pairs
  // weigh most toward it (at most kMaxEvidence, in text order); when none
  // leans toward it alone, the one closest to it (returns true then). None
  // when the text has no sentence.
  bool AddLearnedEvidence(const DocAnalysis& a, size_t t, size_t label, v1::Stance* s) const {
    using namespace stance::features;
    const learn::LinearModel& m = *stance_model_;
    const auto& toks = a.tt.tokens;
    const uint64_t th = target_hash_[t];
    std::vector<std::pair<float, uint32_t>> side;
    std::vector<uint64_t> f;
    // The sentence that leans most toward the label, should none do so alone
    // (the label may come of the whole text): the evidence is never empty.
    std::pair<float, uint32_t> closest = {-1e30f, UINT32_MAX};
    for (uint32_t si = 0; si < a.tt.sentences.size(); ++si) {
      const auto& sent = a.tt.sentences[si];
      if (sent.first_token >= kMaxStanceTokens) break;
      f.clear();
      uint64_t next = 0;  // the hash of token i + 1, carried to the next step
      for (uint32_t i = sent.first_token; i < sent.end_token && i < kMaxStanceTokens; ++i) {
        const uint64_t h = i == sent.first_token ? learn::HashBytes(toks[i].norm) : next;
        f.push_back(learn::Feature(kWord, h));
        if (i + 1 < sent.end_token) {
          next = learn::HashBytes(toks[i + 1].norm);
          f.push_back(learn::Feature(kBigram, h, next));
        }
      }
      for (auto& x : f) x = learn::HashMix(th, x);
      float sc[3] = {};
      m.Scores(f.data(), f.size(), sc);
      float other = -1e30f;
      for (size_t k = 0; k < 3; ++k)
        if (k != label) other = std::max(other, sc[k]);
      const float margin = sc[label] - other;
      if (margin > 0) side.push_back({margin, si});
      if (margin > closest.first) closest = {margin, si};
    }
    const bool closest_only = side.empty() && closest.second != UINT32_MAX;
    if (closest_only) side.push_back(closest);
    AddEvidence(a.tt.sentences, &side, s);
    return closest_only;
  }

  // Adds the kMaxEvidence strongest of (weight, sentence index) to s's
  // evidence, in text order. Reorders *side.
  template <typename Sentences>
  static void AddEvidence(const Sentences& sentences, std::vector<std::pair<float, uint32_t>>* side,
                          v1::Stance* s) {
    std::sort(side->begin(), side->end(), [](auto& x, auto& y) { return x.first > y.first; });
    if (side->size() > kMaxEvidence) side->resize(kMaxEvidence);
    std::sort(side->begin(), side->end(), [](auto& x, auto& y) { return x.second < y.second; });
    for (const auto& [sc, si] : *side) {
      v1::Span* sp = s->add_evidence();
      sp->set_begin(sentences[si].begin);
      sp->set_end(sentences[si].end);
    }
  }

  float SentimentOf(const WordToken& t) const {
    const Vocab::Word* w = vocab_.words.Find(t.norm);
    return w ? w->valence : 0.0f;
  }
  bool IsNegator(const WordToken& t) const { return negator_words_.count(t.norm) > 0; }

  // ---- learned reply stance ----

  // The content words (4+ letters) and word 4-grams of a thread document's
  // first kMaxParentTokens words, as sorted hashes; kept per thread for the
  // last document seen (the replies of a thread mostly follow each other).
  struct ThreadWords {
    std::string id;
    size_t size = ~size_t{0};
    std::vector<uint64_t> words, grams;

    void Load(const ThreadDoc& d) {
      if (id == d.id && size == d.text_head.size()) return;
      id = d.id, size = d.text_head.size();
      words.clear(), grams.clear();
      // Only the first kMaxParentBytes: an article may be long.
      const TokenizedText pt =
          stance::Tokenize(std::string_view(d.text_head).substr(0, stance::features::kMaxParentBytes));
      const size_t pn = std::min<size_t>(pt.tokens.size(), stance::features::kMaxParentTokens);
      for (size_t i = 0; i < pn; ++i) {
        if (pt.tokens[i].norm.size() >= 4) words.push_back(learn::HashBytes(pt.tokens[i].norm));
        if (i + 3 < pn) grams.push_back(Gram4(pt.tokens, i));
      }
      for (auto* v : {&words, &grams}) {
        std::sort(v->begin(), v->end());
        v->erase(std::unique(v->begin(), v->end()), v->end());
      }
    }
    bool HasWord(std::string_view w) const {
      return std::binary_search(words.begin(), words.end(), learn::HashBytes(w));
    }
    struct Match {
      float overlap = 0;     // share of the reply's content words found here
      bool quoted = false;   // a shared word 4-gram
      bool negates = false;  // a negator up to three words before one of them
    };
    template <typename IsNeg>
    Match Compare(const std::vector<WordToken>& toks, size_t n, IsNeg&& is_negator) const {
      Match m;
      size_t content = 0, shared = 0;
      for (size_t i = 0; i < n; ++i) {
        if (toks[i].norm.size() >= 4) {
          ++content;
          if (HasWord(toks[i].norm)) ++shared;
        }
        if (!m.quoted && i + 3 < n && std::binary_search(grams.begin(), grams.end(), Gram4(toks, i))) m.quoted = true;
        if (!m.negates && is_negator(toks[i]))
          for (size_t k = i + 1; k < n && k <= i + 3 && toks[k].sentence == toks[i].sentence; ++k)
            if (toks[k].norm.size() >= 4 && HasWord(toks[k].norm)) m.negates = true;
      }
      m.overlap = content ? static_cast<float>(shared) / static_cast<float>(content) : 0.0f;
      return m;
    }
  };

  void ComputeReplyFeatures(const ThreadContext& ctx, const DocAnalysis& a, const v1::EnrichedDocument& out,
                            const RuleReply& rr, std::vector<uint64_t>* f, std::vector<std::string>* names) const {
    using namespace stance::features;
    Adder add{f, names};
    const auto& toks = a.tt.tokens;
    const auto& sents = a.tt.sentences;
    const std::string_view text = out.document().text();
    const size_t n = std::min<size_t>(toks.size(), kMaxReplyTokens);
    add.Word(kBias, "bias");
    const std::string len = "len" + std::to_string(Bucket(static_cast<float>(toks.size()), {5.5f, 15.5f, 40.5f, 100.5f}));
    add.Word(kShape, len);
    // No word or character n-grams: on the RumourEval events they fit the
    // training events and lose on a new one (enrich/stance/README.md).
    // Negation, and words about the claim's truth: "fake", "confirmed";
    // a negator up to three words before in the sentence flips them
    // ("not true" doubts, "no hoax" affirms).
    bool negation = false;
    int doubt = 0, affirm = 0;
    for (size_t i = 0; i < n; ++i) {
      if (IsNegator(toks[i])) negation = true;
      auto it = truth_words_.find(toks[i].norm);
      if (it == truth_words_.end()) continue;
      bool neg = false;
      for (size_t k = i >= 3 ? i - 3 : 0; k < i; ++k)
        if (toks[k].sentence == toks[i].sentence && IsNegator(toks[k])) neg = true;
      const bool is_doubt = (it->second == 1) != neg;
      ++(is_doubt ? doubt : affirm);
      add.Word(kLexicon, std::string(neg ? "neg_" : "") + (it->second == 1 ? "doubt:" : "affirm:") +
                             std::string(toks[i].norm));
    }
    if (negation) add.Word(kLexicon, "negation");
    if (doubt) add.Word(kLexicon, "doubt" + std::to_string(std::min(doubt, 2)));
    if (affirm) add.Word(kLexicon, "affirm" + std::to_string(std::min(affirm, 2)));
    if (doubt && !affirm) add.Word(kLexicon, "doubt_only");
    if (affirm && !doubt) add.Word(kLexicon, "affirm_only");
    if (n > 0) add.Word(kFirst, toks[0].norm);
    if (n > 1) add.Pair(kFirst, toks[0].norm, toks[1].norm);
    // Questions and their forms.
    if (text.find('?') != std::string_view::npos) add.Word(kShape, "has_q");
    if (text.find('!') != std::string_view::npos) add.Word(kShape, "has_excl");
    if (!sents.empty() && sents.front().question) add.Word(kShape, "first_q");
    if (!sents.empty() && sents.back().question) add.Word(kShape, "last_q");
    add.Word(kShape, "qratio" + std::to_string(Bucket(rr.q_ratio, {0.01f, 0.5f, 0.99f})));
    for (const auto& s : sents) {
      if (!s.question || s.first_token >= s.end_token) continue;
      // The question word: the first word that is no @mention.
      add.Word(kQuestion, toks[s.first_token].norm);
      for (uint32_t i = s.first_token; i < s.end_token && i < s.first_token + 6; ++i)
        if (IsWhWord(toks[i].norm)) add.Word(kQuestion, std::string("wh:") + std::string(toks[i].norm));
    }
    // Tweet shape. The leading run of @mentions is Twitter's addressing
    // (every tweet reply has one, no comment elsewhere does): it says which
    // platform, not which stance, so only mentions after it count.
    int mentions = 0, urls = 0;
    size_t lead = 0;
    while (lead < text.size()) {
      while (lead < text.size() && (text[lead] == ' ' || text[lead] == '.')) ++lead;
      if (lead >= text.size() || text[lead] != '@') break;
      while (lead < text.size() && text[lead] != ' ') ++lead;
    }
    for (size_t i = 0; i + 1 < text.size(); ++i) {
      if (i >= lead && text[i] == '@' && (i == 0 || text[i - 1] == ' ')) ++mentions;
      if (text.compare(i, 4, "http") == 0) ++urls;
    }
    if (urls) add.Word(kShape, "url");
    add.Word(kShape, "mentions" + std::to_string(std::min(mentions, 3)));
    Hashtags(text, [&](std::string_view tag) { add.Word(kHashtag, tag); });
    // The cue rules: their hits, totals and verdict, as features.
    for (const auto& [cls, ph] : rr.hits) {
      add.Word(kCue, kReplyCueClass[cls]);
      add.Word(kCue, std::string(kReplyCueClass[cls]) + ":" + ph->text);
    }
    add.Word(kRule, std::string("label:") + v1::ReplyLabel_Name(rr.label));
    add.Word(kRule, std::string("label:") + v1::ReplyLabel_Name(rr.label) + "|" + len);
    add.Word(kRule, "sup" + std::to_string(Bucket(rr.sup, {0.5f, 1.5f, 3, 6})));
    add.Word(kRule, "den" + std::to_string(Bucket(rr.den, {0.5f, 1.5f, 3, 6})));
    add.Word(kRule, "qry" + std::to_string(Bucket(rr.qry, {0.5f, 1.5f, 3, 6})));
    // The parent: overlap, quoting, its form, depth, stances.
    const ThreadDoc* parent = ctx.parent;
    if (parent == nullptr) {
      add.Word(kParent, "missing");
      return;
    }
    const char* depth = parent->is_reply ? "depth2+" : "depth1";
    add.Word(kParent, depth);
    // Toward the claim itself (the source) or toward another reply: the
    // same cues mean different things.
    add.Pair(kParent, depth, std::string("rule:") + v1::ReplyLabel_Name(rr.label));
    if (!sents.empty() && sents.front().question) add.Pair(kParent, depth, "first_q");
    if (doubt) add.Pair(kParent, depth, "doubt");
    if (affirm) add.Pair(kParent, depth, "affirm");
    if (parent->has_question) add.Word(kParent, "parent_has_q");
    // The parent's words: overlap, quoting, contradiction (ThreadWords).
    thread_local ThreadWords pc;
    pc.Load(*parent);
    const ThreadWords::Match pm = pc.Compare(toks, n, [&](const WordToken& t) { return IsNegator(t); });
    const std::string ov = "overlap" + std::to_string(Bucket(pm.overlap, {0.01f, 0.2f, 0.4f}));
    add.Word(kParent, ov);
    if (pm.quoted) add.Word(kParent, "quotes_parent");
    // Contradiction of the parent's claim: a negator within three words
    // before a content word of the parent ("he is NOT dead").
    if (pm.negates) add.Word(kParent, "negates_parent");
    if (negation) add.Pair(kParent, "negation", ov);
    std::unordered_map<std::string, v1::StanceLabel> mine;
    for (const auto& s : out.stances()) {
      const v1::StanceLabel label = RulesStanceLabel(s);  // as the reply model was trained
      mine[s.target()] = label;
      if (label != v1::NONE) add.Word(kStance, std::string("mine:") + v1::StanceLabel_Name(label));
    }
    for (const auto& [target, label] : parent->stances) {
      if (label != v1::NONE) add.Word(kStance, std::string("parent:") + v1::StanceLabel_Name(label));
      auto it = mine.find(target);
      if (it == mine.end() || it->second == v1::NONE || label == v1::NONE) continue;
      add.Word(kStance, it->second == label ? "same" : "opposite");
    }
  }

  static uint64_t Gram4(const std::vector<WordToken>& t, size_t i) {
    uint64_t h = learn::HashBytes(t[i].norm);
    for (size_t k = 1; k < 4; ++k) h = learn::HashMix(h, learn::HashBytes(t[i + k].norm));
    return h;
  }
  static bool IsWhWord(std::string_view w) {
    static const std::unordered_set<std::string_view> k = {"what", "why", "how", "who", "where", "when", "which",
                                                           "is", "are", "was", "were", "do", "does", "did", "can",
                                                           "could", "will", "would", "should", "has", "have", "any"};
    return k.count(w) > 0;
  }
  // The stance model over one text. `entities` supplies linked mentions.
  DocAnalysis AnalyzeDocument(const std::string& text, const std::string& title,
                              const v1::EnrichedDocument& enriched) const {
    DocAnalysis a;
    a.targets.resize(targets_.size());
    a.tt = stance::Tokenize(text);
    thread_local std::vector<TokenLex> text_lex, title_lex;  // no allocation per document
    text_lex.clear();
    a.lex = &text_lex;
    ScoreText(a.tt, &enriched, 1.0f, true, &a.targets, &text_lex);
    if (!title.empty()) {
      TokenizedText tt = stance::Tokenize(title);
      title_lex.clear();
      ScoreText(tt, nullptr, kTitleFactor, false, &a.targets, &title_lex);
    }
    a.labels.resize(targets_.size(), v1::NONE);
    a.z.resize(targets_.size(), 0);
    std::vector<float> own(targets_.size(), 0);
    for (size_t t = 0; t < targets_.size(); ++t)
      if (a.targets[t].sentences > 0)
        own[t] = a.targets[t].total / std::sqrt(static_cast<float>(a.targets[t].sentences));
    for (size_t t = 0; t < targets_.size(); ++t) {
      TargetEvidence& ev = a.targets[t];
      if (ev.sentences == 0) continue;
      // Camps: leaning against a target's rival is leaning toward it.
      float camp = 0;
      for (size_t o : allies_[t]) camp += std::clamp(own[o], -3.0f, 3.0f);
      for (size_t o : rivals_[t]) camp -= std::clamp(own[o], -3.0f, 3.0f);
      const float z = own[t] + kAllyFactor * camp;
      if (debug_ && camp != 0) ev.cues.push_back("camp(" + std::to_string(kAllyFactor * camp) + ")");
      a.z[t] = z;
      v1::StanceLabel label = z >= kLabelThreshold ? v1::FAVOR : z <= -kLabelThreshold ? v1::AGAINST : v1::NONE;
      // A label needs at least one sentence of the text on its side (its evidence).
      bool has_side = false;
      for (const auto& [sc, si] : ev.per_sentence)
        if ((label == v1::FAVOR && sc > 0) || (label == v1::AGAINST && sc < 0)) has_side = true;
      if (!has_side) label = v1::NONE;
      a.labels[t] = label;
    }
    return a;
  }

  // Scores every sentence of `tt` for every target it mentions and adds the
  // result (times `factor`) to `acc`, which has one entry per target. Fills
  // *lex_out with the probe of each token of `tt`. With `record`, sentence
  // scores are kept as evidence candidates. `enriched`, when given, supplies
  // linked entity mentions. Uses the calling thread's TextMarks: not
  // re-entrant on one thread.
  void ScoreText(const TokenizedText& tt, const v1::EnrichedDocument* enriched, float factor, bool record,
                 std::vector<TargetEvidence>* acc, std::vector<TokenLex>* lex_out) const {
    if (tt.tokens.empty()) return;
    // Per thread, so that a document allocates nothing here once the
    // buffers have grown.
    thread_local TextMarks m;
    MarkText(tt, enriched, lex_out, &m);
    for (uint32_t si = 0; si < tt.sentences.size(); ++si) {
      const auto& sent = tt.sentences[si];
      const uint32_t b = sent.first_token, e = sent.end_token;
      if (e <= b) continue;
      uint64_t present = 0;
      for (uint32_t i = b; i < e; ++i) present |= m.mention[i];
      if (present == 0) continue;
      const float sent_factor = SentenceFactor(m, sent, factor);
      m.score.assign(targets_.size(), 0.0f);
      SentenceScore s{m.score, std::vector<std::vector<std::string>>(debug_ ? targets_.size() : 0), debug_};
      ScoreCues(b, e, present, factor, sent_factor, &m, &s);
      ScoreSentiment(b, e, present, sent_factor, &m, &s);
      AddSentence(si, present, factor, record, s, acc);
    }
  }

  // Fills `m` for the tokens of `tt` (at least one): their probes into
  // *lex_out (resized to the tokens), the targets each token mentions
  // (entities of `enriched` linked to a target, when given, and the targets'
  // aliases outside their ignore phrases), the ignore phrases' targets, and
  // the last tokens of negators and patient markers. Sizes m->framed.
  void MarkText(const TokenizedText& tt, const v1::EnrichedDocument* enriched, std::vector<TokenLex>* lex_out,
                TextMarks* m) const {
    const auto& toks = tt.tokens;
    const uint32_t n = static_cast<uint32_t>(toks.size());
    std::vector<TokenLex>& lex = *lex_out;
    m->toks = &toks;
    m->lex = &lex;
    m->n = n;
    std::vector<uint64_t>& mention = m->mention;
    std::vector<uint64_t>& ignored = m->ignored;
    std::vector<uint8_t>& negator = m->negator;
    std::vector<uint8_t>& patient = m->patient;
    bool& any_ignored = m->any_ignored;
    mention.assign(n, 0);
    any_ignored = false;  // `ignored` is filled only once an ignore phrase occurs
    m->framed.resize(n);
    negator.assign(n, 0);
    patient.assign(n, 0);
    lex.resize(n);
    for (uint32_t i = 0; i < n; ++i) lex[i] = Probe(toks[i]);
    // Entity links.
    if (enriched != nullptr && !entity_targets_.empty()) {
      for (const auto& e : enriched->entities()) {
        uint64_t bits = LookupEntity(e.name()) | LookupEntity(e.id());
        if (bits == 0) continue;
        auto it = std::lower_bound(toks.begin(), toks.end(), e.begin(),
                                   [](const WordToken& t, uint32_t b) { return t.end <= b; });
        for (; it != toks.end() && it->begin < e.end(); ++it) mention[static_cast<size_t>(it - toks.begin())] |= bits;
      }
    }
    for (uint32_t i = 0; i < n; ++i) {
      if (!lex[i].cand) continue;
      if (lex[i].cand & kIgnore) ignore_.MatchAt(toks, lex, i, n, [&](const PhraseIndex::Hit& h) {
        if (!any_ignored) ignored.assign(n, 0), any_ignored = true;
        for (uint32_t k = h.pos; k < h.pos + h.len; ++k) ignored[k] |= uint64_t{1} << h.payload;
      });
      if (lex[i].cand & kNegators) negators_.MatchAt(toks, lex, i, n, [&](const PhraseIndex::Hit& h) { negator[h.pos + h.len - 1] = 1; });
      if (lex[i].cand & kPatient) patient_.MatchAt(toks, lex, i, n, [&](const PhraseIndex::Hit& h) { patient[h.pos + h.len - 1] = 1; });
    }
    for (uint32_t i = 0; i < n; ++i)
      if (lex[i].cand & kAliases) aliases_.MatchAt(toks, lex, i, n, [&](const PhraseIndex::Hit& h) {
        const uint64_t bit = uint64_t{1} << h.payload;
        if (any_ignored && (ignored[h.pos] & bit)) return;
        for (uint32_t k = h.pos; k < h.pos + h.len; ++k) mention[k] |= bit;
      });
  }

  // The weight of the cues of sentence `sent` (tokens marked in `m`):
  // `factor`, times kReportedFactor for reported speech by someone other than
  // the author (a reporting phrase and no first person), times
  // kQuestionFactor for a question.
  [[gnu::always_inline]] float SentenceFactor(const TextMarks& m, const stance::StanceSentence& sent,
                                              float factor) const {
    const auto& toks = *m.toks;
    const auto& lex = *m.lex;
    const uint32_t b = sent.first_token, e = sent.end_token;
    bool reported = false, first_person = false;
    for (uint32_t i = b; i < e; ++i) {
      if (lex[i].cand & kReporting) reporting_.MatchAt(toks, lex, i, e, [&](const PhraseIndex::Hit&) { reported = true; });
      if (lex[i].cand & kFirstPerson) first_person_.MatchAt(toks, lex, i, e, [&](const PhraseIndex::Hit&) { first_person = true; });
    }
    return (reported && !first_person ? kReportedFactor : 1.0f) * (sent.question ? kQuestionFactor : 1.0f) * factor;
  }

  // Adds to `s` the cues in tokens [b, e) of one sentence for the targets in
  // `present`, in text order: the targets' framing phrases (one cue per word
  // and target; marked in m->framed, which this clears for [b, e) first),
  // distancing before a mention, and scare quotes around a mention. Cue
  // weights are times `sent_factor`, scare quotes times `factor` alone.
  [[gnu::always_inline]] void ScoreCues(uint32_t b, uint32_t e, uint64_t present, float factor, float sent_factor,
                                        TextMarks* m, SentenceScore* s) const {
    const auto& toks = *m->toks;
    const auto& lex = *m->lex;
    const std::vector<uint64_t>& mention = m->mention;
    const std::vector<uint64_t>& ignored = m->ignored;
    std::vector<uint64_t>& framed = m->framed;
    const bool any_ignored = m->any_ignored;
    std::fill(framed.begin() + b, framed.begin() + e, 0);
    for (uint32_t i = b; i < e; ++i) {
      // Framing cues of the targets present.
      if (lex[i].cand & kFraming) framing_.MatchAt(toks, lex, i, e, [&](const PhraseIndex::Hit& h) {
        const size_t t = static_cast<size_t>(h.payload / 2);
        const uint64_t bit = uint64_t{1} << t;
        if (!(present & bit) || (any_ignored && (ignored[h.pos] & bit))) return;
        for (uint32_t k = h.pos; k < h.pos + h.len; ++k)
          if (framed[k] & bit) return;  // one cue per word: the first, longest-listed wins
        for (uint32_t k = h.pos; k < h.pos + h.len; ++k) framed[k] |= bit;
        float w = h.phrase->weight * (h.payload % 2 ? -1.0f : 1.0f);
        // In a short quotation the author distances himself from the word.
        if (toks[h.pos].quote_len > 0 && toks[h.pos].quote_len <= 3) w = -std::fabs(w) * 0.5f;
        if (m->Negated(h.pos)) w *= kNegationFactor;
        w *= m->QuoteFactor(h.pos) * sent_factor;
        s->Add(t, h.payload % 2 ? "against:" : "favor:", h.phrase->text, w);
      });
      // Distancing before a mention: "so-called moderate rebels".
      if (lex[i].cand & kDistancing) distancing_.MatchAt(toks, lex, i, e, [&](const PhraseIndex::Hit& h) {
        uint64_t bits = 0;
        for (uint32_t k = h.pos + h.len; k < std::min(e, h.pos + h.len + 3); ++k) bits |= mention[k];
        for (size_t t = 0; t < targets_.size(); ++t)
          if (bits & (uint64_t{1} << t))
            s->Add(t, "distancing:", h.phrase->text, -kDistancingWeight * m->QuoteFactor(h.pos) * sent_factor);
      });
      // Scare quotes around a mention: “rebels”.
      if (mention[i] && toks[i].quote_len > 0 && toks[i].quote_len <= 3 &&
          (i == b || toks[i - 1].quote_len == 0 || mention[i - 1] != mention[i])) {
        for (size_t t = 0; t < targets_.size(); ++t)
          if (mention[i] & (uint64_t{1} << t)) s->Add(t, "scare_quotes:", toks[i].raw, -kScareQuoteWeight * factor);
      }
    }
  }

  // Adds to `s` one sentiment cue per target in `present` for tokens [b, e)
  // of one sentence: the valence of its words that are no mention and carry
  // no framing cue of that target (m->framed, as ScoreCues left it), each
  // weighted by its distance to the target's nearest mention, times
  // `sent_factor`. Negative words fall on someone else when a patient marker
  // closely precedes a mention ("bombing the rebels").
  [[gnu::always_inline]] void ScoreSentiment(uint32_t b, uint32_t e, uint64_t present, float sent_factor,
                                             TextMarks* m, SentenceScore* s) const {
    const auto& toks = *m->toks;
    const auto& lex = *m->lex;
    const std::vector<uint64_t>& mention = m->mention;
    const std::vector<uint64_t>& framed = m->framed;
    const std::vector<uint8_t>& patient = m->patient;
    // The words with a valence that are no mention, in text order.
    std::vector<uint32_t>& valenced = m->valenced;
    valenced.clear();
    for (uint32_t i = b; i < e; ++i)
      if (lex[i].valence != 0.0f && !mention[i]) valenced.push_back(i);
    for (size_t t = 0; t < targets_.size(); ++t) {
      const uint64_t bit = uint64_t{1} << t;
      if (!(present & bit)) continue;
      // Where the target's mentions start; victim: one follows a patient marker closely.
      bool victim = false;
      std::vector<uint32_t>& where = m->where;
      where.clear();
      for (uint32_t i = b; i < e; ++i) {
        if (!(mention[i] & bit) || (i > b && (mention[i - 1] & bit))) continue;
        where.push_back(i);
        for (uint32_t k = i > b + 3 ? i - 3 : b; k < i; ++k)
          if (patient[k]) victim = true;
      }
      float sum = 0;
      std::string words;
      for (const uint32_t i : valenced) {
        if (framed[i] & bit) continue;
        uint32_t d = m->n;
        for (uint32_t w : where) d = std::min(d, w > i ? w - i : i - w);
        float v = lex[i].valence * kSentimentScale / (1.0f + static_cast<float>(d) / 6.0f);
        if (m->Negated(i)) v *= kNegationFactor;
        v *= m->QuoteFactor(i);
        sum += v;
        if (debug_) {
          if (!words.empty()) words += ',';
          words += toks[i].norm;
        }
      }
      if (victim && sum < 0) sum *= -0.5f;
      if (sum != 0) s->Add(t, victim ? "sentiment_victim:" : "sentiment:", words, sum * sent_factor);
    }
  }

  // Adds the score of sentence `si` for each target in `present`, clipped to
  // ±kSentenceClip × `factor`, to that target's entry of `acc`: its total and
  // count, with `record` its evidence candidates, and in debug mode (up to
  // kMaxCuesPerTarget lines) the sentence's cues, as "s<si>:" or "title:".
  void AddSentence(uint32_t si, uint64_t present, float factor, bool record, const SentenceScore& s,
                   std::vector<TargetEvidence>* acc) const {
    for (size_t t = 0; t < targets_.size(); ++t) {
      if (!(present & (uint64_t{1} << t))) continue;
      const float clipped = std::clamp(s.score[t], -kSentenceClip * factor, kSentenceClip * factor);
      TargetEvidence& ev = (*acc)[t];
      ev.total += clipped;
      ev.sentences += 1;
      if (record) ev.per_sentence.push_back({clipped, si});
      if (debug_ && ev.cues.size() < kMaxCuesPerTarget && !s.cues[t].empty()) {
        std::string line = (record ? "s" + std::to_string(si) : std::string("title")) + ":";
        for (const auto& c : s.cues[t]) line += " " + c;
        ev.cues.push_back(std::move(line));
      }
    }
  }

  uint64_t LookupEntity(const std::string& s) const {
    if (s.empty() || !((entity_lengths_ >> std::min<size_t>(s.size(), 63)) & 1)) return 0;
    unsigned char c0 = static_cast<unsigned char>(s[0]);
    if (c0 >= 'A' && c0 <= 'Z') c0 = static_cast<unsigned char>(c0 + ('a' - 'A'));
    if (!((entity_firsts_[c0 >> 6] >> (c0 & 63)) & 1)) return 0;
    thread_local std::string k;
    k.assign(s);
    // As std::tolower in the C locale: A-Z only, 8 bytes at a time (a byte
    // gets 0x20 when it is >= 'A' and <= 'Z', tested without carries).
    char* p = k.data();
    size_t n = k.size();
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    for (; n >= 8; p += 8, n -= 8) {
      uint64_t x;
      std::memcpy(&x, p, 8);
      const uint64_t low = x & ~kHigh;  // each byte without its top bit: no carries below
      const uint64_t ge_a = (low + kOnes * (0x80 - 'A')) & ~x & kHigh;
      const uint64_t gt_z = (low + kOnes * (0x80 - 'Z' - 1)) & kHigh;
      x |= (ge_a & ~gt_z) >> 2;  // 0x80 >> 2 == 0x20, the bit upper-case letters lack
      std::memcpy(p, &x, 8);
    }
    for (; n > 0; ++p, --n)
      if (*p >= 'A' && *p <= 'Z') *p = static_cast<char>(*p + ('a' - 'A'));
    const uint64_t* bits = entity_targets_.Find(k);
    return bits == nullptr ? 0 : *bits;
  }

  // Whether the word `t` (a view into `text` for ASCII words) is followed
  // at once by the byte `c`.
  static bool FollowedBy(std::string_view text, const WordToken& t, char c) {
    const auto end = reinterpret_cast<uintptr_t>(t.raw.data() + t.raw.size());
    const auto b = reinterpret_cast<uintptr_t>(text.data());
    if (end < b || end >= b + text.size()) return false;
    return text[end - b] == c;
  }

  // Reply stance (SDQC) of a comment toward its parent: the cue rules, then
  // the learned model when one is loaded.
  void TagReply(const ThreadContext& ctx, const DocAnalysis& a, v1::EnrichedDocument* out) const {
    RuleReply rr = ScoreReplyRules(ctx, a, *out);
    v1::ReplyLabel label = rr.label;
    float score = std::tanh(rr.best / 3.0f);
    std::vector<std::string> cues = std::move(rr.cues);
    // The model decides for replies of the length it was trained on; longer
    // ones (blog comments, not tweets) keep the cue rules' verdict.
    const bool in_domain = reply_max_tokens_ == 0 || a.tt.tokens.size() <= reply_max_tokens_;
    if (reply_model_ && !in_domain && debug_)
      cues.push_back("model not used: " + std::to_string(a.tt.tokens.size()) + " words > domain_max_tokens " +
                     std::to_string(reply_max_tokens_) + " (the cue rules decide)");
    if (reply_model_ && in_domain) {
      using namespace stance::features;
      thread_local std::vector<uint64_t> f;
      f.clear();
      std::vector<std::string> names;
      ComputeReplyFeatures(ctx, a, *out, rr, &f, debug_ ? &names : nullptr);
      float sc[4];
      reply_model_->Scores(f.data(), f.size(), sc);
      sc[kCommentLabel] += reply_comment_bias_;
      const size_t best = Argmax(sc, 4);
      v1::ReplyLabel_Parse(reply_model_->labels()[best], &label);
      float scaled[4];
      for (size_t k = 0; k < 4; ++k) scaled[k] = sc[k] / reply_temperature_;
      score = Softmax(scaled, 4, best);
      if (debug_) {
        std::ostringstream os;
        os.precision(3);
        os << "model " << reply_model_->labels()[best] << " p=" << score << " scores";
        for (size_t k = 0; k < 4; ++k) os << " " << reply_model_->labels()[k] << "=" << sc[k];
        if (reply_comment_bias_ != 0) {
          char bias[32];
          std::snprintf(bias, sizeof bias, " (COMMENT +%g)", reply_comment_bias_);
          os << bias;
        }
        cues.push_back(os.str());
        for (auto& c : TopFeatures(*reply_model_, f, names, best, kMaxExplained)) cues.push_back(std::move(c));
      }
    }
    v1::ReplyStance* r = out->mutable_reply_stance();
    r->set_label(label);
    r->set_score(score);
    r->set_reason(rr.reason);
    if (debug_)
      for (auto& c : cues) r->add_cues(c);
  }

  RuleReply ScoreReplyRules(const ThreadContext& ctx, const DocAnalysis& a, const v1::EnrichedDocument& doc) const {
    const v1::EnrichedDocument* out = &doc;
    RuleReply rr;
    const std::string_view text = out->document().text();
    const auto& toks = a.tt.tokens;
    const auto& sents = a.tt.sentences;
    const uint32_t n = static_cast<uint32_t>(toks.size());
    float sup = 0, den = 0, qry = 0;
    std::vector<std::string>& cues = rr.cues;
    auto cue = [&](const std::string& what, float w) {
      if (debug_) {
        std::ostringstream os;
        os.precision(2);
        os << what << "(" << w << ")";
        cues.push_back(os.str());
      }
    };
    // Questions.
    int questions = 0, counted = 0;
    for (const auto& s : sents) {
      if (s.end_token <= s.first_token) continue;
      ++counted;
      if (s.question) ++questions;
    }
    const float q_ratio = counted ? static_cast<float>(questions) / static_cast<float>(counted) : 0.0f;
    // Lexical cues outside quotations; the opening sentences weigh more.
    for (uint32_t i = 0; i < n; ++i) {
      if (toks[i].quote_len > 3 || !((*a.lex)[i].cand & kReply)) continue;
      const bool opening = toks[i].sentence < 2;
      const bool in_question = sents[toks[i].sentence].question;
      reply_.MatchAt(toks, *a.lex, i, n, [&](const PhraseIndex::Hit& h) {
        // "no," and "really?" count only with their punctuation.
        if (h.phrase->follow != 0 && !FollowedBy(text, toks[h.pos + h.len - 1], h.phrase->follow)) return;
        float w = h.phrase->weight * (opening ? 1.5f : 0.7f);
        bool neg = false;
        for (uint32_t k = i >= 2 ? i - 2 : 0; k < i; ++k)
          if (toks[k].sentence == toks[i].sentence && (toks[k].norm == "not" || toks[k].norm == "don't")) neg = true;
        switch (h.payload) {
          case 0:
            // "Is this true?" asks; it does not agree.
            if (in_question) break;
            if (neg) {
              den += w, cue("not_support:" + h.phrase->text, w), rr.hits.push_back({4, h.phrase});
            } else {
              sup += w, cue("support:" + h.phrase->text, w), rr.hits.push_back({0, h.phrase});
            }
            break;
          case 1: den += w, cue("deny:" + h.phrase->text, w), rr.hits.push_back({1, h.phrase}); break;
          case 2:
            if (in_question) qry += w, cue("query:" + h.phrase->text, w), rr.hits.push_back({2, h.phrase});
            break;
          case 3:
            if (in_question) den += w, cue("rhetorical:" + h.phrase->text, w), rr.hits.push_back({3, h.phrase});
            break;
        }
      });
    }
    // Address form at the start: "Hi Alexandra", "Dave." — a reply aimed at a person.
    if (n >= 1) {
      const auto& s0 = sents[toks[0].sentence];
      const bool greeting = toks[0].norm == "hi" || toks[0].norm == "hello" || toks[0].norm == "dear";
      const uint32_t name_at = greeting ? 1 : 0;
      const bool short_first = s0.end_token - s0.first_token <= name_at + 2;
      if (name_at < n && !toks[name_at].raw.empty() && std::isupper(static_cast<unsigned char>(toks[name_at].raw[0])) &&
          toks[name_at].sentence == toks[0].sentence && (greeting || short_first)) {
        cue("address:" + std::string(toks[name_at].raw), 0);
        if (q_ratio >= 0.5f) qry += 1.5f, cue("address+questions", 1.5f);
      }
    }
    if (q_ratio >= 0.5f && questions >= 2) qry += 1.0f, cue("mostly_questions", 1.0f);
    // Second person: talking back at the parent's author.
    int you = 0;
    for (const auto& t : toks)
      if (t.quote_len == 0 && (t.norm == "you" || t.norm == "your" || t.norm == "you're")) ++you;
    if (you >= 2 && q_ratio < 0.5f) den += 0.5f, cue("second_person", 0.5f);

    std::string reason;
    const ThreadDoc* parent = ctx.parent;
    if (parent == nullptr) {
      reason = "parent_missing";
    } else {
      // Opposite stances toward the same target.
      std::unordered_map<std::string, v1::StanceLabel> mine;
      for (const auto& s : out->stances()) mine[s.target()] = RulesStanceLabel(s);
      for (const auto& [target, label] : parent->stances) {
        auto it = mine.find(target);
        if (it == mine.end() || it->second == v1::NONE || label == v1::NONE) continue;
        if (it->second == label) {
          sup += 0.7f, cue("same_stance:" + target, 0.7f);
        } else {
          den += 1.2f, cue("opposite_stance:" + target, 1.2f);
        }
      }
    }
    v1::ReplyLabel label;
    float best;
    if (qry >= 2.0f && q_ratio >= 0.5f && qry >= den * 0.8f) {
      label = v1::QUERY, best = qry;
    } else if (std::max(sup, den) < 1.5f) {
      label = v1::COMMENT, best = 1.5f - std::max(sup, den);
    } else if (sup > den) {
      label = v1::SUPPORT, best = sup - den;
    } else {
      label = v1::DENY, best = den - sup;
    }
    if (debug_) {
      std::ostringstream os;
      os.precision(2);
      os << "totals support=" << sup << " deny=" << den << " query=" << qry << " questions=" << q_ratio;
      cues.push_back(os.str());
    }
    rr.sup = sup, rr.den = den, rr.qry = qry, rr.q_ratio = q_ratio;
    rr.label = label, rr.best = best, rr.reason = reason;
    return rr;
  }

  std::vector<Target> targets_;
  stance::CueLexicon cues_;
  std::unordered_map<std::string, float> sentiment_;
  bool debug_;
  std::optional<learn::LinearModel> stance_model_, reply_model_;
  std::vector<uint64_t> target_hash_;  // learn::HashBytes of each target id
  size_t reply_max_tokens_ = 0;        // the reply model's domain_max_tokens; 0: no limit
  float reply_temperature_ = 1, stance_temperature_ = 1;  // manifest score_temperature
  float rules_first_ = 0;  // the stance model's manifest rules_first; 0: the model alone
  float reply_comment_bias_ = 0;    // the reply model's manifest comment_bias
  // The word clusters the stance model reads (null: a model without them).
  std::shared_ptr<const learn::WordClusters> stance_clusters_;
  // What the stance model's features are (its manifest).
  StanceFeatureSettings stance_settings_;

  static float TemperatureOf(const learn::LinearModel& m) {
    auto it = m.manifest().find("score_temperature");
    const float t = it == m.manifest().end() ? 1.0f : std::strtof(it->second.c_str(), nullptr);
    return t > 0 ? t : 1.0f;
  }
  std::unordered_set<std::string_view> negator_words_;  // one-word negators (views into cues_)
  // reply.doubt (1) and reply.affirm (2) words (views into cues_).
  std::unordered_map<std::string_view, int> truth_words_;
  WordMap<uint64_t> entity_targets_;
  // Lengths (63: 63 or more) and first bytes of entity_targets_' keys: a
  // name failing either is not looked up.
  uint64_t entity_lengths_ = 0;
  uint64_t entity_firsts_[4] = {};
  std::vector<std::vector<size_t>> allies_, rivals_;
  Vocab vocab_;
  uint16_t always_match_ = 0;  // IndexBit set of indexes with short prefix-only phrases
  PhraseIndex aliases_, ignore_, framing_, negators_, distancing_, reporting_, patient_, first_person_, reply_;
};

}  // namespace

Result<std::unique_ptr<StanceTagger>> StanceTagger::Create(const std::string& targets_path, bool debug) {
  StanceOptions o;
  o.targets_path = targets_path;
  o.debug = debug;
  return Create(o);
}

Result<std::unique_ptr<StanceTagger>> StanceTagger::Create(const StanceOptions& opts) {
  std::string targets_path = opts.targets_path;
  const bool debug = opts.debug;
  std::optional<learn::LinearModel> stance_model, reply_model;
  std::string stance_what = opts.stance_model + "/model.bin";
  if (!opts.stance_model.empty() && opts.stance_model != "none") {
    // The model directory carries its targets; a target file given beside
    // it must say the same, or one of the two would be ignored.
    targets_path = opts.stance_model + "/targets.ini";
    if (!opts.targets_path.empty() && opts.targets_path != targets_path) {
      // (A file that cannot be read fails below, with its own error.)
      std::string given, own;
      if (learn::ReadFile(opts.targets_path, &given).ok() && learn::ReadFile(targets_path, &own).ok() &&
          given != own)
        return Status(ErrorCode::kConfig, "target file " + opts.targets_path + " differs from the targets the stance model " +
                                              opts.stance_model + " was trained for (" + targets_path +
                                              "): a model directory carries its own; give one or the other");
    }
    auto m = stance::LoadModelDir(opts.stance_model, stance::kStanceKind);
    if (!m.ok()) return m.status();
    stance_model = std::move(m).value();
  } else if (opts.stance_model.empty() && targets_path.empty()) {
    // The built-in targets get the built-in model (a build without one: the rules).
    auto m = stance::BuiltInStanceModel();
    if (m.ok()) {
      stance_model = std::move(m).value();
      stance_what = "<built-in stance model>";
    } else if (m.status().code() != ErrorCode::kNotFound) {
      return m.status();
    }
  }
  if (opts.reply_model != "none") {
    auto m = opts.reply_model.empty() ? stance::BuiltInReplyModel()
                                      : stance::LoadModelDir(opts.reply_model, stance::kReplyKind);
    if (m.ok()) {
      reply_model = std::move(m).value();
    } else if (!opts.reply_model.empty() || m.status().code() != ErrorCode::kNotFound) {
      return m.status();
    }
  }
  std::string targets_text(stance::DefaultTargetsText());
  std::string source = "<built-in targets>";
  if (!targets_path.empty()) {
    std::ifstream in(targets_path, std::ios::binary);
    if (!in) return Status(ErrorCode::kConfig, targets_path + ": cannot open target file");
    std::ostringstream ss;
    ss << in.rdbuf();
    targets_text = ss.str();
    source = targets_path;
  }
  auto targets = stance::ParseTargets(targets_text, source);
  if (!targets.ok()) return targets.status();
  if (stance_model) {
    std::string ids;
    for (const auto& t : *targets) ids += (ids.empty() ? "" : ",") + t.id;
    auto it = stance_model->manifest().find("targets");
    if (it == stance_model->manifest().end() || it->second != ids)
      return Status(ErrorCode::kConfig,
                    stance_what + " was trained for targets '" +
                        (it == stance_model->manifest().end() ? "" : it->second) + "', but " +
                        (opts.stance_model.empty() ? std::string("the built-in targets are") : targets_path + " has") +
                        " '" + ids + "'");
  }
  auto clusters = stance_model ? stance::StanceClusters(*stance_model, stance_what)
                               : Result<std::shared_ptr<const learn::WordClusters>>(nullptr);
  if (!clusters.ok()) return clusters.status();
  auto cues = stance::ParseCues(stance::DefaultCuesText(), "<built-in cues>");
  if (!cues.ok()) return cues.status();
  auto sentiment = stance::ParseSentiment(stance::DefaultSentimentText(), "<built-in sentiment>");
  if (!sentiment.ok()) return sentiment.status();
  for (const auto& p : cues->sentiment_ignore)
    if (p.words.size() == 1) sentiment->erase(p.words[0]);
  return std::unique_ptr<StanceTagger>(new Tagger(std::move(targets).value(), std::move(cues).value(),
                                                  std::move(sentiment).value(), debug, std::move(stance_model),
                                                  std::move(reply_model), std::move(clusters).value()));
}

}  // namespace tidings::enrich
