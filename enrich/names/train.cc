#include "enrich/names/train.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <chrono>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <random>

#include "base/sha256.h"
#include "enrich/entities.h"
#include "enrich/learn/hash.h"
#include "enrich/learn/perceptron.h"
#include "enrich/names/features.h"
#include "enrich/names/tagger.h"

namespace tidings::enrich::names {

namespace v1 = ::tidings::v1;
namespace {

constexpr size_t kSentencesPerPseudoDoc = 20;
constexpr size_t kSentencesPerParagraph = 4;

// A gold mention as bytes of the rebuilt text.
struct GoldSpan {
  size_t begin, end;
  v1::EntityType type;
};

struct GoldDoc {
  std::string id;
  std::string text;
  std::vector<GoldSpan> spans;
};

// The contract type of a corpus type; ENTITY_TYPE_UNSPECIFIED drops the
// mention (its tokens become O). `words` is the mention's text, for the
// mappings that look at it (MISC, GMB's gpe).
using Mapper = v1::EntityType (*)(std::string_view type, std::string_view words, const KnowledgeBase& kb);

// The KB's type for exactly these words, if any.
std::optional<v1::EntityType> KbType(std::string_view words, const KnowledgeBase& kb) {
  const std::vector<Token> toks = Tokenize(words);
  if (toks.empty()) return std::nullopt;
  std::string storage;
  const KeyViews keys = TokenKeyViews(words, toks, &storage);
  KnowledgeBase::Match m;
  if (kb.LongestMatch(words, toks, keys, 0, &m) && m.end_token == toks.size()) {
    return kb.entities()[m.entity].type;
  }
  return std::nullopt;
}

bool EndsWithWord(std::string_view words, std::initializer_list<std::string_view> list) {
  const size_t sp = words.rfind(' ');
  std::string last(words.substr(sp == std::string_view::npos ? 0 : sp + 1));
  for (char& c : last) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto w : list) {
    if (last == w) return true;
  }
  return false;
}

bool EventLike(std::string_view words) {
  return EndsWithWord(words, {"war", "wars", "cup", "games", "olympics", "championship",
                              "championships", "revolution", "spring", "crisis", "massacre",
                              "summit", "conference", "festival", "election", "elections",
                              "uprising", "intifada", "battle", "tournament", "open", "series"});
}

bool DemonymLike(std::string_view words, const KnowledgeBase& kb) {
  if (auto t = KbType(words, kb)) return *t == v1::NORP;
  if (words.find(' ') != std::string_view::npos) return false;
  for (std::string_view suf : {"ian", "ians", "ese", "ish", "an", "ans", "i", "is", "ic"}) {
    if (words.size() > suf.size() + 2 && words.substr(words.size() - suf.size()) == suf) return true;
  }
  return false;
}

v1::EntityType MapConll(std::string_view t, std::string_view words, const KnowledgeBase& kb) {
  if (t == "PER") return v1::PERSON;
  if (t == "ORG") return v1::ORG;
  if (t == "LOC") return v1::LOC;
  if (t == "MISC") {
    if (EventLike(words)) return v1::EVENT;
    if (DemonymLike(words, kb)) return v1::NORP;
  }
  return v1::ENTITY_TYPE_UNSPECIFIED;
}

v1::EntityType MapGmb(std::string_view t, std::string_view words, const KnowledgeBase& kb) {
  if (t == "per") return v1::PERSON;
  if (t == "org") return v1::ORG;
  if (t == "geo") return v1::LOC;
  if (t == "eve") return v1::EVENT;
  if (t == "gpe") {
    auto k = KbType(words, kb);
    return k && *k == v1::LOC ? v1::LOC : v1::NORP;
  }
  return v1::ENTITY_TYPE_UNSPECIFIED;
}

v1::EntityType MapWnut(std::string_view t, std::string_view, const KnowledgeBase&) {
  if (t == "person") return v1::PERSON;
  if (t == "location") return v1::LOC;
  if (t == "corporation" || t == "group") return v1::ORG;
  return v1::ENTITY_TYPE_UNSPECIFIED;
}

v1::EntityType MapRe3d(std::string_view t, std::string_view words, const KnowledgeBase&) {
  if (t == "Person") return v1::PERSON;
  if (t == "Organisation") return v1::ORG;
  if (t == "Location") return v1::LOC;
  if (t == "Nationality") {
    // Languages are tagged as nationalities there; the contract does not tag them.
    return EndsWithWord(words, {"arabic", "english", "french", "russian", "persian", "farsi"})
               ? v1::ENTITY_TYPE_UNSPECIFIED
               : v1::NORP;
  }
  return v1::ENTITY_TYPE_UNSPECIFIED;
}

// CrossNER (Wikipedia, five domains): people by role, organisations by
// kind; creative works, awards, genres and the domains' technical types are
// not names the contract tags.
v1::EntityType MapCrossner(std::string_view t, std::string_view words, const KnowledgeBase& kb) {
  static const std::map<std::string_view, v1::EntityType> k = {
      {"person", v1::PERSON},      {"politician", v1::PERSON}, {"writer", v1::PERSON},
      {"musicalartist", v1::PERSON}, {"scientist", v1::PERSON}, {"researcher", v1::PERSON},
      {"organisation", v1::ORG},   {"politicalparty", v1::ORG}, {"band", v1::ORG},
      {"university", v1::ORG},     {"magazine", v1::ORG},      {"location", v1::LOC},
      {"country", v1::LOC},        {"election", v1::EVENT},    {"event", v1::EVENT}};
  if (auto it = k.find(t); it != k.end()) return it->second;
  if (t == "misc") {
    if (EventLike(words)) return v1::EVENT;
    if (DemonymLike(words, kb)) return v1::NORP;
  }
  return v1::ENTITY_TYPE_UNSPECIFIED;
}

v1::EntityType MapContract(std::string_view t, std::string_view, const KnowledgeBase&) {
  v1::EntityType e;
  return v1::EntityType_Parse(std::string(t), &e) ? e : v1::ENTITY_TYPE_UNSPECIFIED;
}

const std::map<std::string, Mapper>& Mappers() {
  static const std::map<std::string, Mapper> k = {
      {"conll", MapConll}, {"crossner", MapCrossner}, {"gmb", MapGmb}, {"wnut17", MapWnut}, {"re3d", MapRe3d}, {"contract", MapContract}};
  return k;
}

// Rebuilds text from tokens: one space between tokens except before closing
// punctuation and after opening brackets.
bool NoSpaceBefore(std::string_view tok) {
  static const std::vector<std::string_view> k = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%",
                                                  "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m"};
  return std::find(k.begin(), k.end(), tok) != k.end();
}
bool NoSpaceAfter(std::string_view tok) { return tok == "(" || tok == "[" || tok == "{" || tok == "$"; }

// Strips leading titles, "the" and other lower-case words from a gold span
// (the contract keeps them outside: "Mrs Thatcher" is "Thatcher"); false
// when nothing capitalised is left (a nominal mention: "their supporters").
bool TrimSpan(const std::string& text, GoldSpan* s) {
  for (;;) {
    const size_t sp = text.find(' ', s->begin);
    const size_t end = sp == std::string::npos || sp >= s->end ? s->end : sp;
    const std::string first = text.substr(s->begin, end - s->begin);
    const std::string key = NormaliseToken(first);
    const unsigned char c = first.empty() ? 0 : static_cast<unsigned char>(first[0]);
    const bool capital = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (capital && key != "the" && !(NameWordFlags(key) & kTitleWord)) return true;
    if (end == s->end) return false;
    s->begin = end + 1;
  }
}

class CorpusReader {
 public:
  // `augment`: rewrite some of the text as news shows it beside prose (for
  // training; dev files are read as they are).
  CorpusReader(const CorpusFile& f, const KnowledgeBase& kb, Mapper map, bool augment)
      : file_(f), kb_(kb), map_(map), augment_(augment) {}

  Status Read(std::vector<GoldDoc>* docs) {
    std::ifstream in(file_.path);
    if (!in) return Status(ErrorCode::kIo, "cannot open " + file_.path);
    std::string line;
    size_t lineno = 0;
    while (std::getline(in, line)) {
      ++lineno;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line == "#doc" || line == "-DOCSTART-" || line.rfind("-DOCSTART-", 0) == 0) {
        EndSentence();
        EndDoc(docs);
        has_doc_marks_ = true;
        continue;
      }
      if (line.empty()) {
        EndSentence();
        if (!has_doc_marks_ && sentences_ >= kSentencesPerPseudoDoc) EndDoc(docs);
        continue;
      }
      const size_t tab = line.find('\t');
      if (tab == std::string::npos || tab == 0) {
        return Status(ErrorCode::kConfig, file_.path + ":" + std::to_string(lineno) +
                                              ": expected 'token<TAB>tag'");
      }
      const std::string tok = line.substr(0, tab), tag = line.substr(tab + 1);
      if (tag != "O" && (tag.size() < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-')) {
        return Status(ErrorCode::kConfig, file_.path + ":" + std::to_string(lineno) + ": bad tag '" + tag +
                                              "' (expected O, B-TYPE or I-TYPE)");
      }
      AddToken(tok, tag);
    }
    EndSentence();
    EndDoc(docs);
    return Status::Ok();
  }

 private:
  void AddToken(const std::string& tok_in, const std::string& tag) {
    std::string& text = doc_.text;
    // Titles are written "Mr." in American and "Mr" in British style; the
    // corpora are mostly American. Every other title loses its full stop so
    // that the model sees both.
    std::string tok = tok_in;
    if (augment_ && tok.size() >= 3 && tok.size() <= 5 && tok.back() == '.' &&
        tok.find('.') == tok.size() - 1 && (NameWordFlags(NormaliseToken(tok)) & kTitleWord) &&
        (titles_seen_++ % 2 == 0)) {
      tok.pop_back();
    }
    // Headlines and datelines come in capitals ("PARIS", "TALKS COLLAPSE"),
    // on a line of their own: one sentence in kCapitalsEvery is written so.
    const bool caps = augment_ && sentences_seen_ % kCapitalsEvery == kCapitalsEvery - 1;
    if (caps) {
      for (char& c : tok) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (!sentence_started_) {
      if (!text.empty()) {
        text += (sentences_ % kSentencesPerParagraph == 0) ? "\n\n" : (caps || caps_line_) ? "\n" : " ";
      }
      caps_line_ = caps;
      sentence_started_ = true;
    } else if (!NoSpaceBefore(tok) && !no_space_next_) {
      text += ' ';
    }
    no_space_next_ = NoSpaceAfter(tok);
    const size_t b = text.size();
    text += tok;
    if (tag == "O" || tag[0] == 'B' || tag.substr(2) != open_type_) CloseSpan();
    if (tag != "O" && !open_) {
      open_ = true;
      open_type_ = tag.substr(2);
      open_begin_ = b;
    }
    open_end_ = text.size();
  }
  void CloseSpan() {
    if (!open_) return;
    open_ = false;
    const std::string words = doc_.text.substr(open_begin_, open_end_ - open_begin_);
    const v1::EntityType t = map_(open_type_, words, kb_);
    if (t == v1::ENTITY_TYPE_UNSPECIFIED) return;
    GoldSpan s{open_begin_, open_end_, t};
    if (TrimSpan(doc_.text, &s)) doc_.spans.push_back(s);
  }
  void EndSentence() {
    CloseSpan();
    if (sentence_started_) ++sentences_, ++sentences_seen_;
    sentence_started_ = false;
    no_space_next_ = false;
  }
  void EndDoc(std::vector<GoldDoc>* docs) {
    if (!doc_.text.empty()) {
      doc_.id = file_.path + "#" + std::to_string(doc_no_++);
      docs->push_back(std::move(doc_));
    }
    doc_ = GoldDoc{};
    sentences_ = 0;
  }

  const CorpusFile& file_;
  const KnowledgeBase& kb_;
  Mapper map_;
  GoldDoc doc_;
  static constexpr size_t kCapitalsEvery = 12;
  bool augment_;
  size_t sentences_ = 0, doc_no_ = 0, titles_seen_ = 0, sentences_seen_ = 0;
  bool sentence_started_ = false, no_space_next_ = false, has_doc_marks_ = false;
  bool caps_line_ = false;  // the sentence being read is a line in capitals
  bool open_ = false;
  std::string open_type_;
  size_t open_begin_ = 0, open_end_ = 0;
};

// One region of one document, ready to train on: features per token (flat,
// with offsets) and gold labels.
struct Example {
  std::vector<uint64_t> feats;
  std::vector<uint32_t> offsets;  // tokens + 1
  std::vector<int> gold;
};

// A document as the tagger sees it, with its gold labels per token.
struct PreparedDoc {
  std::string id;
  std::vector<Example> regions;
  std::vector<Region> region_spans;
  // Gold and rules' mentions as (first token, end token, type).
  std::vector<std::tuple<uint32_t, uint32_t, v1::EntityType>> gold, rules;
  std::vector<int> forced;  // as NameModel::Decide fixes them, per token
  std::vector<uint64_t> word_hash;  // of each token's key, for consistency
  std::vector<uint8_t> capitalised;
  std::vector<uint8_t> joiner;  // JoinsNameParts per token
  size_t n_tokens = 0;
};

PreparedDoc Prepare(const GoldDoc& d, const EntityTagger& rules, const learn::WordClusters* clusters) {
  PreparedDoc p;
  p.id = d.id;
  std::vector<Token> tokens = Tokenize(d.text);
  CodePointIndex cps(d.text);
  MarkSentenceStarts(SplitSentences(d.text, cps), &tokens);
  std::string storage;
  const KeyViews keys = TokenKeyViews(d.text, tokens, &storage);
  const DocWords words(tokens, keys);
  std::deque<std::string> store;
  const std::vector<NameCandidate> cands = rules.RuleCandidates(d.text, tokens, keys, words, &store);
  const NameFeatures features(d.text, tokens, keys, words, cands, *rules.kb(), clusters);
  p.n_tokens = tokens.size();
  // Gold labels of tidings' tokens: a token inside a gold span takes its type.
  std::vector<int> labels(tokens.size(), 0);
  size_t s = 0;
  int32_t prev_span = -1;
  for (size_t i = 0; i < tokens.size(); ++i) {
    while (s < d.spans.size() && d.spans[s].end <= tokens[i].begin_byte) ++s;
    if (s < d.spans.size() && d.spans[s].begin <= tokens[i].begin_byte && tokens[i].begin_byte < d.spans[s].end) {
      labels[i] = LabelOf(d.spans[s].type, prev_span != static_cast<int32_t>(s));
      prev_span = static_cast<int32_t>(s);
    } else {
      prev_span = -1;
    }
  }
  for (size_t i = 0; i < tokens.size();) {
    if (!LabelBegins(labels[i])) {
      ++i;
      continue;
    }
    size_t e = i + 1;
    while (e < tokens.size() && labels[e] == labels[i] + 1) ++e;
    p.gold.emplace_back(i, e, LabelType(labels[i]));
    i = e;
  }
  for (const auto& c : cands) p.rules.emplace_back(c.first, c.end, c.type);
  p.forced = ForcedLabels(d.text, cands, tokens, keys);
  for (size_t i = 0; i < tokens.size(); ++i) {
    p.joiner.push_back(JoinsNameParts(keys[i]));
    p.word_hash.push_back(learn::HashBytes(keys[i]));
    p.capitalised.push_back(tokens[i].kind == TokenKind::kWord && tokens[i].upper);
  }
  for (const Region& r : features.regions()) {
    Example ex;
    ex.offsets.push_back(0);
    for (size_t i = r.first; i < r.end; ++i) {
      features.Extract(r, i, &ex.feats);
      ex.offsets.push_back(static_cast<uint32_t>(ex.feats.size()));
      int g = labels[i];
      if (i == r.first && g > 0 && !LabelBegins(g)) g -= 1;  // a span cut by the region starts here
      ex.gold.push_back(g);
    }
    p.regions.push_back(std::move(ex));
    p.region_spans.push_back(r);
  }
  return p;
}

// Viterbi over one example with the trainer's current weights.
void Predict(const learn::PerceptronTrainer& t, const Example& ex, const std::vector<float>& mask,
             std::vector<int>* out) {
  const size_t l = t.num_labels(), n = ex.gold.size();
  std::vector<float> em(n * l), trans((l + 1) * l);
  for (size_t i = 0; i < n; ++i) {
    t.Scores(&ex.feats[ex.offsets[i]], ex.offsets[i + 1] - ex.offsets[i], &em[i * l]);
  }
  for (size_t k = 0; k < trans.size(); ++k) trans[k] = t.Transition(k / l, k % l) + mask[k];
  out->resize(n);
  learn::Viterbi(em.data(), n, l, trans.data(), out->data());
}

// One averaged perceptron run with `seed`: its averaged weights.
void TrainOnce(const std::vector<const PreparedDoc*>& docs, const NerTrainOptions& o, uint64_t seed,
               std::FILE* log, const char* what, std::vector<float>* weights, std::vector<float>* transitions) {
  const std::vector<std::string>& labels = NameLabels();
  const size_t l = labels.size();
  learn::PerceptronTrainer t(labels, o.bits, true);
  std::vector<float> mask((l + 1) * l);
  for (size_t k = 0; k < mask.size(); ++k) {
    mask[k] = StepAllowed(k / l, k % l, l) ? 0.f : -1e30f;
  }
  std::vector<std::pair<size_t, size_t>> order;
  for (size_t d = 0; d < docs.size(); ++d) {
    for (size_t r = 0; r < docs[d]->regions.size(); ++r) order.emplace_back(d, r);
  }
  std::mt19937_64 rng(seed);
  std::vector<int> pred;
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    const auto t0 = std::chrono::steady_clock::now();
    for (size_t k = order.size(); k > 1; --k) std::swap(order[k - 1], order[rng() % k]);
    size_t wrong = 0, tokens = 0;
    for (auto [d, r] : order) {
      const Example& ex = docs[d]->regions[r];
      Predict(t, ex, mask, &pred);
      const size_t n = ex.gold.size();
      tokens += n;
      for (size_t i = 0; i < n; ++i) {
        const uint64_t* f = &ex.feats[ex.offsets[i]];
        const size_t nf = ex.offsets[i + 1] - ex.offsets[i];
        if (pred[i] != ex.gold[i]) {
          ++wrong;
          t.Update(f, nf, static_cast<size_t>(ex.gold[i]), 1.f);
          t.Update(f, nf, static_cast<size_t>(pred[i]), -1.f);
        }
        const size_t gp = i == 0 ? l : static_cast<size_t>(ex.gold[i - 1]);
        const size_t pp = i == 0 ? l : static_cast<size_t>(pred[i - 1]);
        if (gp != pp || ex.gold[i] != pred[i]) {
          t.UpdateTransition(gp, static_cast<size_t>(ex.gold[i]), 1.f);
          t.UpdateTransition(pp, static_cast<size_t>(pred[i]), -1.f);
        }
      }
      t.Tick();
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(log, "[train ner] %s epoch %d/%d: %zu regions, %.2f%% tokens wrong, %.1f s\n", what,
                 epoch, o.epochs, order.size(), tokens ? 100.0 * wrong / tokens : 0.0, secs);
  }
  t.Averaged(weights, transitions);
}

// The model: the mean of `o.runs` runs' averaged weights, each run shuffling
// with its own seed (o.seed, o.seed + 1, ...).
learn::LinearModel Train(const std::vector<const PreparedDoc*>& docs, const NerTrainOptions& o,
                         std::FILE* log, const char* what) {
  std::vector<float> w, tr, sum_w, sum_tr;
  const size_t runs = std::max<size_t>(o.runs, 1);
  for (size_t k = 0; k < runs; ++k) {
    TrainOnce(docs, o, o.seed + k, log, what, &w, &tr);
    if (k == 0) {
      sum_w = std::move(w), sum_tr = std::move(tr);
      continue;
    }
    for (size_t i = 0; i < w.size(); ++i) sum_w[i] += w[i];
    for (size_t i = 0; i < tr.size(); ++i) sum_tr[i] += tr[i];
  }
  if (runs > 1) {
    const float inv = 1.f / static_cast<float>(runs);
    for (float& x : sum_w) x *= inv;
    for (float& x : sum_tr) x *= inv;
  }
  learn::LinearModel m(NameLabels(), o.bits, true);
  m.SetWeights(sum_w, sum_tr);
  return m;
}

// Strict span scores per type and overall: the model against gold, and the
// rules alone against gold.
struct Scores {
  std::map<int, learn::Prf> by_type;
  learn::Prf all;
  void Add(const std::vector<std::tuple<uint32_t, uint32_t, v1::EntityType>>& gold,
           const std::vector<std::tuple<uint32_t, uint32_t, v1::EntityType>>& pred) {
    for (const auto& p : pred) {
      const bool hit = std::find(gold.begin(), gold.end(), p) != gold.end();
      (hit ? by_type[std::get<2>(p)].tp : by_type[std::get<2>(p)].fp) += 1;
      (hit ? all.tp : all.fp) += 1;
    }
    for (const auto& g : gold) {
      if (std::find(pred.begin(), pred.end(), g) == pred.end()) {
        by_type[std::get<2>(g)].fn += 1;
        all.fn += 1;
      }
    }
  }
  void Print(std::FILE* log, const char* what) const {
    std::fprintf(log, "[train ner] %s: strict P %.3f R %.3f F1 %.3f", what, all.P(), all.R(), all.F1());
    for (const auto& [t, s] : by_type) {
      std::fprintf(log, "  %s %.3f", v1::EntityType_Name(static_cast<v1::EntityType>(t)).c_str(), s.F1());
    }
    std::fprintf(log, "\n");
  }
};

void Evaluate(const learn::LinearModel& model, const std::vector<const PreparedDoc*>& docs, Scores* m,
              Scores* rules) {
  const size_t l = model.num_labels();
  const std::vector<float> trans = AllowedTransitions(model);
  std::vector<int> path;
  for (const PreparedDoc* d : docs) {
    std::vector<int> labels(d->n_tokens, 0);
    std::vector<float> margins(d->n_tokens, 0.f);
    for (size_t r = 0; r < d->regions.size(); ++r) {
      const Example& ex = d->regions[r];
      const size_t n = ex.gold.size();
      std::vector<float> em(n * l);
      for (size_t i = 0; i < n; ++i) {
        model.Scores(&ex.feats[ex.offsets[i]], ex.offsets[i + 1] - ex.offsets[i], &em[i * l]);
        ApplyForced(d->forced[d->region_spans[r].first + i], l, &em[i * l]);
      }
      path.resize(n);
      learn::Viterbi(em.data(), n, l, trans.data(), path.data());
      for (size_t i = 0; i < n; ++i) {
        const size_t t = d->region_spans[r].first + i;
        labels[t] = path[i];
        float other = -1e30f;
        for (size_t k = 0; k < l; ++k) {
          if (static_cast<int>(k) != path[i]) other = std::max(other, em[i * l + k]);
        }
        margins[t] = std::min(em[i * l + static_cast<size_t>(path[i])] - other, 1e3f);
      }
    }
    std::vector<Span> spans = SpansOf(labels, margins);
    MendJoinerEnds(d->joiner, &spans);
    MakeConsistent(d->word_hash, &spans);
    TagRepeats(d->word_hash, d->capitalised, &spans);
    std::vector<std::tuple<uint32_t, uint32_t, v1::EntityType>> pred;
    for (const Span& sp : spans) pred.emplace_back(sp.first, sp.end, LabelType(sp.label));
    m->Add(d->gold, pred);
    rules->Add(d->gold, d->rules);
  }
}

// The last two parts of a path ("gmb/train.conll"): names a corpus file in
// the manifest without the trainer's directories.
std::string ShortPath(const std::string& path) {
  const size_t last = path.find_last_of('/');
  if (last == std::string::npos || last == 0) return path;
  const size_t prev = path.find_last_of('/', last - 1);
  return prev == std::string::npos ? path : path.substr(prev + 1);
}

// The mean absolute margin of the best label over the runner-up per region
// token: the scale NameModel turns margins into scores with.
double MeanMargin(const learn::LinearModel& model, const std::vector<const PreparedDoc*>& docs) {
  const size_t l = model.num_labels();
  std::vector<float> em(l);
  double sum = 0;
  size_t n = 0;
  for (const PreparedDoc* d : docs) {
    for (const Example& ex : d->regions) {
      for (size_t i = 0; i + 1 < ex.offsets.size(); ++i) {
        model.Scores(&ex.feats[ex.offsets[i]], ex.offsets[i + 1] - ex.offsets[i], em.data());
        std::partial_sort(em.begin(), em.begin() + 2, em.end(), std::greater<float>());
        sum += em[0] - em[1];
        ++n;
      }
    }
  }
  return n ? sum / static_cast<double>(n) : 1.0;
}

Result<std::vector<PreparedDoc>> ReadAndPrepare(const std::vector<CorpusFile>& files, bool augment,
                                                const KnowledgeBase& kb, const EntityTagger& rules,
                                                const learn::WordClusters* clusters,
                                                learn::Manifest* man, const char* role, std::FILE* log) {
  std::vector<PreparedDoc> out;
  for (const CorpusFile& f : files) {
    auto it = Mappers().find(f.mapping);
    if (it == Mappers().end()) return Status(ErrorCode::kConfig, "unknown corpus mapping '" + f.mapping + "'");
    std::vector<GoldDoc> docs;
    CorpusReader reader(f, kb, it->second, augment);
    TIDINGS_RETURN_IF_ERROR(reader.Read(&docs));
    if (docs.empty())
      return Status(ErrorCode::kConfig, f.path + ": no sentences (want 'token<TAB>tag' lines, a blank line "
                                                 "after each sentence)");
    auto sha = base::Sha256File(f.path);
    if (!sha.ok()) return sha.status();
    size_t n = 0;
    while (man->count(std::string(role) + "." + std::to_string(n))) ++n;
    (*man)[std::string(role) + "." + std::to_string(n)] = f.mapping + ":" + ShortPath(f.path) + " sha256=" + *sha;
    size_t spans = 0;
    for (const auto& d : docs) spans += d.spans.size();
    std::fprintf(log, "[train ner] %s %s: %zu documents, %zu mentions\n", role, f.path.c_str(), docs.size(), spans);
    for (const auto& d : docs) out.push_back(Prepare(d, rules, clusters));
  }
  size_t gold = 0, reachable = 0;
  for (const auto& d : out) {
    for (const auto& g : d.gold) {
      ++gold;
      for (const Region& r : d.region_spans) {
        if (r.first <= std::get<0>(g) && std::get<1>(g) <= r.end) {
          ++reachable;
          break;
        }
      }
    }
  }
  std::fprintf(log, "[train ner] %s: %zu of %zu gold mentions lie inside the tagger's regions (%.1f%%)\n", role,
               reachable, gold, gold ? 100.0 * reachable / gold : 0.0);
  return out;
}


// Word clusters from their TSV form (words as they are written; keyed as the
// tagger looks them up) or from a clusters.bin of another model.
Result<learn::WordClusters> ReadClusters(const std::string& path) {
  std::string bytes;
  TIDINGS_RETURN_IF_ERROR(learn::ReadFile(path, &bytes));
  // "TIDCLU": the binary form (a broken one too, which Parse reports).
  if (bytes.rfind(learn::kClustersMagic.substr(0, 6), 0) == 0) return learn::WordClusters::Parse(bytes, path);
  // Keyed as NameFeatures looks tokens up: by NormaliseToken, or for
  // punctuation (no key) by the text itself.
  return learn::WordClusters::FromTsv(bytes, path, [](std::string_view w) {
    std::string k = NormaliseToken(w);
    return k.empty() ? std::string(w) : k;
  });
}

}  // namespace

const std::vector<std::string>& NerMappings() {
  static const std::vector<std::string> k = [] {
    std::vector<std::string> v;
    for (const auto& [name, _] : Mappers()) v.push_back(name);
    return v;
  }();
  return k;
}

Result<CorpusFile> ParseCorpusArg(const std::string& arg) {
  const size_t colon = arg.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == arg.size()) {
    return Status(ErrorCode::kConfig, "corpus '" + arg + "' must be MAPPING:PATH");
  }
  CorpusFile f{arg.substr(0, colon), arg.substr(colon + 1)};
  if (Mappers().count(f.mapping) == 0) {
    std::string known;
    for (const auto& m : NerMappings()) known += (known.empty() ? "" : ", ") + m;
    return Status(ErrorCode::kConfig, "unknown corpus mapping '" + f.mapping + "' (known: " + known + ")");
  }
  return f;
}

Status TrainNames(const NerTrainOptions& o, const KnowledgeBase& kb, std::FILE* log) {
  if (o.train.empty()) return Status(ErrorCode::kConfig, "no training corpus given");
  const EntityTagger rules(&kb);
  learn::Manifest man;
  std::shared_ptr<const learn::WordClusters> clusters;
  if (!o.clusters.empty()) {
    auto c = ReadClusters(o.clusters);
    if (!c.ok()) return c.status();
    clusters = std::make_shared<const learn::WordClusters>(std::move(c).value());
    auto sha = base::Sha256File(o.clusters);
    if (!sha.ok()) return sha.status();
    man["clusters"] = ShortPath(o.clusters) + " sha256=" + *sha;
    man["clusters_checksum"] = ChecksumHex(clusters->checksum());
    man["clusters_words"] = std::to_string(clusters->size());
    man["clusters_levels"] = std::to_string(clusters->levels());
    std::fprintf(log, "[train ner] word clusters %s: %zu words, %zu levels\n", o.clusters.c_str(), clusters->size(),
                 clusters->levels());
  }
  auto train = ReadAndPrepare(o.train, true, kb, rules, clusters.get(), &man, "train", log);
  if (!train.ok()) return train.status();
  if (o.folds > 1) {
    Scores total, total_rules;
    for (size_t f = 0; f < o.folds; ++f) {
      std::vector<const PreparedDoc*> in, out;
      for (const auto& d : *train) (learn::FoldOf(d.id, o.folds) == f ? out : in).push_back(&d);
      const std::string what = "fold " + std::to_string(f + 1) + "/" + std::to_string(o.folds);
      const learn::LinearModel lm = Train(in, o, log, what.c_str());
      Scores s, r;
      Evaluate(lm, out, &s, &r);
      s.Print(log, (what + " model").c_str());
      Evaluate(lm, out, &total, &total_rules);
    }
    total.Print(log, "cross-validated model");
    total_rules.Print(log, "cross-validated rules alone");
    man["cv_folds"] = std::to_string(o.folds);
    man["cv_f1"] = std::to_string(total.all.F1());
  }
  std::vector<const PreparedDoc*> all;
  for (const auto& d : *train) all.push_back(&d);
  learn::LinearModel lm = Train(all, o, log, "final");
  man["margin_scale"] = std::to_string(MeanMargin(lm, all));
  man["kind"] = "names";
  man["feature_set"] = std::string(kFeatureSet);
  man["format_version"] = std::to_string(learn::kFormatVersion);
  man["epochs"] = std::to_string(o.epochs);
  man["hash_bits"] = std::to_string(o.bits);
  man["seed"] = std::to_string(o.seed);
  man["runs"] = std::to_string(std::max<size_t>(o.runs, 1));
  man["tidings_version"] = o.version;
  man["kb_entities"] = std::to_string(kb.entities().size());
  std::string labels;
  for (const auto& l : NameLabels()) labels += (labels.empty() ? "" : ",") + l;
  man["labels"] = labels;
  // Each development corpus on its own: they differ in kind (news, tweets).
  for (size_t k = 0; k < o.dev.size(); ++k) {
    auto dev = ReadAndPrepare({o.dev[k]}, false, kb, rules, clusters.get(), &man, "dev", log);
    if (!dev.ok()) return dev.status();
    std::vector<const PreparedDoc*> d;
    for (const auto& x : *dev) d.push_back(&x);
    Scores s, r;
    Evaluate(lm, d, &s, &r);
    const std::string what = "dev " + o.dev[k].mapping + ":" + ShortPath(o.dev[k].path);
    s.Print(log, (what + " model").c_str());
    r.Print(log, (what + " rules alone").c_str());
    man["dev_f1." + std::to_string(k)] = std::to_string(s.all.F1());
    man["dev_f1_rules_alone." + std::to_string(k)] = std::to_string(r.all.F1());
  }
  lm.mutable_manifest() = man;
  auto nm = NameModel::FromModel(std::move(lm), clusters, "the trained model");
  if (!nm.ok()) return nm.status();
  if (o.output.empty()) return Status::Ok();
  if (::mkdir(o.output.c_str(), 0755) != 0 && errno != EEXIST) {
    return Status(ErrorCode::kIo, "cannot create " + o.output + ": " + std::strerror(errno));
  }
  const learn::LinearModel& m = (*nm)->model();
  // The clusters first: a directory whose model.bin is written has them.
  if (clusters) {
    TIDINGS_RETURN_IF_ERROR(learn::WriteFileAtomically(o.output + "/clusters.bin", clusters->Serialize()));
  } else if (::unlink((o.output + "/clusters.bin").c_str()) != 0 && errno != ENOENT) {
    return Status(ErrorCode::kIo, "cannot remove the old " + o.output + "/clusters.bin: " + std::strerror(errno));
  }
  TIDINGS_RETURN_IF_ERROR(m.Save(o.output + "/model.bin"));
  TIDINGS_RETURN_IF_ERROR(learn::WriteFileAtomically(o.output + "/manifest.json", learn::ManifestJson(m.manifest())));
  std::fprintf(log, "[train ner] wrote %s/model.bin (%zu non-zero rows of %zu) and manifest.json\n",
               o.output.c_str(), m.NonZeroRows(), size_t{1} << m.bits());
  return Status::Ok();
}

}  // namespace tidings::enrich::names
