#include "enrich/stance/train.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <unordered_map>

#include <simdjson.h>

#include "base/sha256.h"
#include "enrich/engine.h"
#include "enrich/learn/perceptron.h"
#include "enrich/learn/sgd.h"
#include "enrich/names/tagger.h"
#include "enrich/stance/learned.h"
#include "enrich/stance/stance.h"
#include "enrich/stance/stance_lexicon.h"
#include "enrich/stance/stance_text.h"
#include "proto/json_codec.h"

namespace tidings::enrich::stance {
namespace {

// One input line: the document and its gold object (compact JSON, may be empty).
struct Line {
  v1::Document doc;
  std::string gold;
  size_t line = 0;
};

Status LineError(const std::string& file, size_t line, const std::string& msg) {
  return Status(ErrorCode::kConfig, file + ":" + std::to_string(line) + ": " + msg);
}

Result<std::vector<Line>> ReadLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kIo, "cannot open " + path);
  std::vector<Line> out;
  std::string s;
  size_t no = 0;
  while (std::getline(in, s)) {
    ++no;
    if (!s.empty() && s.back() == '\r') s.pop_back();
    if (s.find_first_not_of(" \t") == std::string::npos) continue;
    auto d = proto::ParseDocumentJson(s);
    if (!d.ok()) return LineError(path, no, "invalid JSON: " + d.status().message());
    Line l;
    l.doc = std::move(d).value();
    if (l.doc.id().empty()) return LineError(path, no, "document without an id");
    auto it = l.doc.extra().find("gold");
    if (it != l.doc.extra().end()) {
      l.gold = it->second;
      const size_t first = l.gold.find_first_not_of(" \t\r\n");
      if (first == std::string::npos || l.gold[first] != '{')
        return LineError(path, no, "gold is not an object (want \"gold\": {\"stances\": {...}} or {\"reply_stance\": ...})");
    }
    l.line = no;
    out.push_back(std::move(l));
  }
  return out;
}

// A string field of the document's extra fields ("event"), unquoted.
std::string ExtraString(const v1::Document& d, const std::string& key) {
  auto it = d.extra().find(key);
  if (it == d.extra().end()) return "";
  std::string v = it->second;
  if (v.size() >= 2 && v.front() == '"') v = v.substr(1, v.size() - 2);
  return v;
}

struct Example {
  std::string key;    // fold key (thread id or document id)
  std::string group;  // value of the leave-out field
  std::string target; // stance: target id ("" for reply)
  std::vector<uint64_t> f;
  size_t gold = 0;
  int rules = -1;     // the rules' label, when they give one
  bool named = false;  // stance: the text names the target (the rules wrote a record)
  size_t tokens = 0;  // words of the text
};

// Per-label weights: mistakes on (or the loss of) rarer labels count more
// (TrainCommon::class_weight_power), so that the rare classes (DENY, QUERY;
// FAVOR) are not drowned.
std::vector<float> ClassWeights(const std::vector<const Example*>& ex, size_t L, float power) {
  std::vector<double> count(L, 0);
  for (const Example* e : ex) count[e->gold] += 1;
  std::vector<float> cw(L, 1.0f);
  for (size_t k = 0; k < L; ++k)
    if (count[k] > 0) cw[k] = static_cast<float>(std::pow(static_cast<double>(ex.size()) / (L * count[k]), power));
  return cw;
}

// kConfig unless the learner is the perceptron or a loss SgdTrainer knows,
// and its settings are numbers in range (NaN is not).
Status CheckLearner(const TrainCommon& o) {
  if (!(o.class_weight_power >= 0 && o.class_weight_power <= 2))
    return Status(ErrorCode::kConfig, "class weight must be in [0, 2]");
  if (o.learner == "perceptron") return Status::Ok();
  auto loss = learn::ParseLoss(o.learner);
  if (!loss.ok()) return Status(ErrorCode::kConfig, "unknown learner '" + o.learner + "' (want perceptron, logistic or hinge)");
  if (!(o.l2 >= 0 && o.l2 <= 1)) return Status(ErrorCode::kConfig, "l2 must be in [0, 1]");
  return Status::Ok();
}

// o.epochs passes over the examples, each in a fresh order shuffled from
// o.seed: begin(epoch) before a pass, step(example) for each of its examples.
template <typename Begin, typename StepFn>
void Epochs(const std::vector<const Example*>& ex, const TrainCommon& o, Begin begin, StepFn step) {
  std::vector<size_t> order(ex.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(o.seed);
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    begin(epoch);
    for (size_t i : order) step(*ex[i]);
  }
}

// SGD on a regularised loss (learn/sgd.h); the last epoch's weights averaged.
learn::LinearModel TrainSgd(const std::vector<const Example*>& ex, const std::vector<std::string>& labels,
                            const TrainCommon& o, learn::Manifest man) {
  learn::SgdOptions so;
  so.loss = *learn::ParseLoss(o.learner);  // CheckLearner passed
  so.l2 = o.l2;
  learn::SgdTrainer tr(labels, o.bits, so);
  const std::vector<float> cw = ClassWeights(ex, labels.size(), o.class_weight_power);
  Epochs(
      ex, o, [&](int epoch) { if (epoch + 1 == o.epochs) tr.StartAveraging(); },
      [&](const Example& e) { tr.Step(e.f.data(), e.f.size(), e.gold, cw[e.gold]); });
  return tr.Finish(std::move(man));
}

// Averaged perceptron, updates weighted by the gold label's class weight.
learn::LinearModel Train(const std::vector<const Example*>& ex, const std::vector<std::string>& labels,
                         const TrainCommon& o, learn::Manifest man) {
  if (o.learner != "perceptron") return TrainSgd(ex, labels, o, std::move(man));
  learn::PerceptronTrainer tr(labels, o.bits, false);
  const size_t L = labels.size();
  const std::vector<float> cw = ClassWeights(ex, L, o.class_weight_power);
  std::vector<float> sc(L);
  Epochs(ex, o, [](int) {}, [&](const Example& e) {
    tr.Scores(e.f.data(), e.f.size(), sc.data());
    // The best other label; a tie with the gold one is a mistake too.
    size_t pred = e.gold == 0 ? 1 : 0;
    for (size_t k = 0; k < L; ++k)
      if (k != e.gold && sc[k] > sc[pred]) pred = k;
    if (sc[pred] >= sc[e.gold]) {
      tr.Update(e.f.data(), e.f.size(), e.gold, cw[e.gold]);
      tr.Update(e.f.data(), e.f.size(), pred, -cw[e.gold]);
    }
    tr.Tick();
  });
  return tr.Finish(std::move(man));
}

size_t Predict(const learn::LinearModel& m, const Example& e) {
  float sc[8];
  m.Scores(e.f.data(), e.f.size(), sc);
  return features::Argmax(sc, m.num_labels());
}

// Scores of every label for an example.
std::vector<float> ScoresOf(const learn::LinearModel& m, const Example& e) {
  std::vector<float> sc(m.num_labels());
  m.Scores(e.f.data(), e.f.size(), sc.data());
  return sc;
}

// Temperature scaling: the T (from a fixed grid) under which softmax(s / T)
// gives the held-out gold labels the highest likelihood. The `score` of a
// learned label is that probability (manifest score_temperature).
float FitTemperature(const std::vector<std::pair<std::vector<float>, size_t>>& held) {
  float best_t = 1, best_ll = -1e30f;
  for (float t = 0.25f; t <= 256; t *= 1.41421356f) {
    double ll = 0;
    for (const auto& [sc, gold] : held) {
      float mx = sc[0];
      for (float v : sc) mx = std::max(mx, v);
      double sum = 0;
      for (float v : sc) sum += std::exp((v - mx) / t);
      ll += (sc[gold] - mx) / t - std::log(sum);
    }
    if (ll > best_ll) best_ll = static_cast<float>(ll), best_t = t;
  }
  return best_t;
}

// Confusion counts for macro-F1 / accuracy (reply) and F_avg (stance).
struct Scores {
  std::vector<learn::Prf> prf;
  double right = 0, all = 0;
  explicit Scores(size_t l = 4) : prf(l) {}
  void Add(size_t gold, size_t pred) {
    all += 1;
    if (gold == pred) {
      right += 1;
      prf[gold].tp += 1;
    } else {
      prf[gold].fn += 1;
      prf[pred].fp += 1;
    }
  }
  double MacroF1() const {
    double s = 0;
    for (const auto& p : prf) s += p.F1();
    return prf.empty() ? 0 : s / static_cast<double>(prf.size());
  }
  double Accuracy() const { return all > 0 ? right / all : 0; }
  // Mean of F1(FAVOR) and F1(AGAINST) (labels 0 and 1 of StanceLabels()).
  double FAvg() const { return (prf[0].F1() + prf[1].F1()) / 2; }
};

// The confusion counts of held-out scores with `bias` added to COMMENT's.
Scores BiasedReplyScores(const std::vector<std::pair<std::vector<float>, size_t>>& held, float bias) {
  Scores s;
  for (const auto& [sc, gold] : held) {
    std::vector<float> b = sc;
    b[features::kCommentLabel] += bias;
    s.Add(gold, features::Argmax(b.data(), b.size()));
  }
  return s;
}

// Of 0, 0.5, ..., 10: the COMMENT bias with the best mean of held-out
// accuracy and macro-F1 (the smallest of equals).
float ChooseCommentBias(const std::vector<std::pair<std::vector<float>, size_t>>& held) {
  float best_b = 0;
  double best = -1;
  for (int k = 0; k <= 20; ++k) {
    const Scores s = BiasedReplyScores(held, 0.5f * static_cast<float>(k));
    const double v = (s.Accuracy() + s.MacroF1()) / 2;
    if (v > best + 1e-9) best = v, best_b = 0.5f * static_cast<float>(k);
  }
  return best_b;
}

void PrintReply(std::FILE* log, const std::string& what, const Scores& s) {
  std::fprintf(log, "[train reply] %-28s n=%-5.0f macro-F1 %.3f  accuracy %.3f  F1", what.c_str(), s.all,
               s.MacroF1(), s.Accuracy());
  for (size_t k = 0; k < s.prf.size(); ++k) std::fprintf(log, " %s %.3f", ReplyLabels()[k].c_str(), s.prf[k].F1());
  std::fprintf(log, "\n");
}

void PrintStance(std::FILE* log, const std::string& what, const std::map<std::string, Scores>& by_target) {
  Scores all(3);
  for (const auto& [t, s] : by_target) {
    std::fprintf(log, "[train stance] %-22s %-24s n=%-5.0f F_avg %.3f  (F1 FAVOR %.3f AGAINST %.3f)  accuracy %.3f\n",
                 what.c_str(), t.c_str(), s.all, s.FAvg(), s.prf[0].F1(), s.prf[1].F1(), s.Accuracy());
    for (size_t k = 0; k < 3; ++k) {
      all.prf[k].tp += s.prf[k].tp, all.prf[k].fp += s.prf[k].fp, all.prf[k].fn += s.prf[k].fn;
    }
    all.right += s.right, all.all += s.all;
  }
  double mean = 0;
  for (const auto& [t, s] : by_target) mean += s.FAvg();
  if (!by_target.empty()) mean /= static_cast<double>(by_target.size());
  std::fprintf(log, "[train stance] %-22s %-24s n=%-5.0f F_avg %.3f  (pooled over targets; mean of targets %.3f)\n",
               what.c_str(), "overall", all.all, all.FAvg(), mean);
}

// The cross-validation splits: leave-one-group-out or k folds by key.
std::vector<std::pair<std::string, std::vector<bool>>> Splits(const std::vector<Example>& ex, const TrainCommon& o) {
  std::vector<std::pair<std::string, std::vector<bool>>> out;  // (name, held out?)
  if (!o.leave_out.empty()) {
    std::set<std::string> groups;
    for (const auto& e : ex) groups.insert(e.group);
    for (const auto& g : groups) {
      std::vector<bool> held(ex.size());
      for (size_t i = 0; i < ex.size(); ++i) held[i] = ex[i].group == g;
      out.push_back({o.leave_out + "=" + g, std::move(held)});
    }
  } else if (o.folds > 1) {
    for (size_t f = 0; f < o.folds; ++f) {
      std::vector<bool> held(ex.size());
      for (size_t i = 0; i < ex.size(); ++i) held[i] = learn::FoldOf(ex[i].key, o.folds) == f;
      out.push_back({"fold " + std::to_string(f + 1) + "/" + std::to_string(o.folds), std::move(held)});
    }
  }
  return out;
}

// Writes the model directory; on any error removes what it wrote.
Status WriteModelDir(const std::string& dir, const learn::LinearModel& m,
                     const std::vector<std::pair<std::string, std::string>>& extra_files, std::FILE* log,
                     const char* what) {
  bool created = false;
  if (::mkdir(dir.c_str(), 0755) == 0) {
    created = true;
  } else if (errno != EEXIST) {
    return Status(ErrorCode::kIo, "cannot create " + dir + ": " + std::strerror(errno));
  }
  std::vector<std::string> written;
  auto undo = [&](Status st) {
    for (const auto& f : written) ::unlink(f.c_str());
    if (created) ::rmdir(dir.c_str());
    return st;
  };
  std::vector<std::pair<std::string, std::string>> files = {{dir + "/model.bin", m.Serialize()},
                                                            {dir + "/manifest.json", learn::ManifestJson(m.manifest())}};
  for (const auto& [name, bytes] : extra_files) files.push_back({dir + "/" + name, bytes});
  for (const auto& [path, bytes] : files) {
    Status st = learn::WriteFileAtomically(path, bytes);
    if (!st.ok()) return undo(st);
    written.push_back(path);
  }
  std::fprintf(log, "[train %s] wrote %s/model.bin (%zu non-zero rows of %zu) and manifest.json\n", what,
               dir.c_str(), m.NonZeroRows(), size_t{1} << m.bits());
  return Status::Ok();
}

learn::Manifest BaseManifest(const TrainCommon& o, std::string_view kind, std::string_view feature_set,
                             const std::vector<std::string>& labels) {
  learn::Manifest man;
  man["kind"] = std::string(kind);
  man["feature_set"] = std::string(feature_set);
  man["format_version"] = std::to_string(learn::kFormatVersion);
  man["epochs"] = std::to_string(o.epochs);
  man["hash_bits"] = std::to_string(o.bits);
  man["seed"] = std::to_string(o.seed);
  man["class_weight_power"] = std::to_string(o.class_weight_power);
  man["tidings_version"] = o.version;
  std::string l;
  for (const auto& x : labels) l += (l.empty() ? "" : ",") + x;
  man["labels"] = l;
  if (o.learner == "perceptron") {
    man["learner"] = "averaged perceptron, class-weighted updates";
  } else {
    char l2[32];
    std::snprintf(l2, sizeof l2, "%g", o.l2);
    man["learner"] = "SGD, class-weighted L2-regularised " + o.learner + " loss, last epoch averaged";
    man["l2"] = l2;
  }
  return man;
}

// ---- reply ----

Result<size_t> ReplyGold(const std::string& gold, const std::string& file, size_t line, bool* has) {
  *has = false;
  if (gold.empty()) return size_t{0};
  simdjson::dom::parser parser;
  simdjson::padded_string ps(gold);
  simdjson::dom::element el;
  if (parser.parse(ps).get(el) != simdjson::SUCCESS) return LineError(file, line, "invalid JSON in gold");
  simdjson::dom::element r;
  if (el.at_key("reply_stance").get(r) != simdjson::SUCCESS) return size_t{0};
  std::string_view label;
  if (r.is_object()) {
    simdjson::dom::element l;
    if (r.at_key("label").get(l) != simdjson::SUCCESS || l.get_string().get(label) != simdjson::SUCCESS)
      return LineError(file, line, "gold.reply_stance has no string 'label'");
  } else if (r.get_string().get(label) != simdjson::SUCCESS) {
    return LineError(file, line, "gold.reply_stance is not a string");
  }
  const auto& labels = ReplyLabels();
  for (size_t k = 0; k < labels.size(); ++k)
    if (labels[k] == label) {
      *has = true;
      return k;
    }
  return LineError(file, line, "bad reply_stance label '" + std::string(label) +
                                   "' (want SUPPORT, DENY, QUERY or COMMENT)");
}

// A labelled reply whose parent is not on an earlier line is still an
// example (its parent features say "missing", as for a reply whose parent
// the daemon never saw), and is reported to `log`: the file's order may be
// wrong.
Result<std::vector<Example>> ReplyExamples(const std::string& path, const TrainCommon& o, const Engine& engine,
                                           const StanceTagger& tagger, std::FILE* log) {
  size_t orphans = 0, first_orphan = 0;
  auto lines = ReadLines(path);
  if (!lines.ok()) return lines.status();
  std::unordered_map<std::string, ThreadDoc> seen;
  std::vector<Example> out;
  for (const Line& l : *lines) {
    bool has = false;
    auto gold = ReplyGold(l.gold, path, l.line, &has);
    if (!gold.ok()) return gold.status();
    ThreadContext ctx;
    if (!l.doc.parent_id().empty()) {
      auto it = seen.find(l.doc.parent_id());
      if (it != seen.end()) ctx.parent = &it->second;
    }
    // The thread's root, as the offline tool and the daemon pass it.
    if (!l.doc.thread_id().empty()) {
      auto it = seen.find(l.doc.thread_id());
      if (it != seen.end()) ctx.root = &it->second;
    }
    auto ed = engine.Enrich(l.doc, ctx);
    if (!ed.ok()) return LineError(path, l.line, ed.status().message());
    if (has && !l.doc.parent_id().empty()) {
      if (ctx.parent == nullptr && orphans++ == 0) first_orphan = l.line;
      Example e;
      e.key = l.doc.thread_id().empty() ? l.doc.id() : l.doc.thread_id();
      e.group = o.leave_out.empty() ? "" : ExtraString(l.doc, o.leave_out);
      e.gold = *gold;
      tagger.ReplyFeatures(ctx, *ed, &e.f, nullptr);
      e.tokens = Tokenize(l.doc.text()).tokens.size();
      if (ed->has_reply_stance()) {
        for (size_t k = 0; k < ReplyLabels().size(); ++k)
          if (ReplyLabels()[k] == v1::ReplyLabel_Name(ed->reply_stance().label())) e.rules = static_cast<int>(k);
      }
      out.push_back(std::move(e));
    } else if (has) {
      return LineError(path, l.line, "gold.reply_stance on a document without parent_id");
    }
    seen.emplace(l.doc.id(), ThreadDoc::Of(*ed));
  }
  if (out.empty()) return Status(ErrorCode::kConfig, path + ": no examples (no replies with gold.reply_stance)");
  if (orphans > 0)
    std::fprintf(log,
                 "[train reply] %zu labelled replies of %s have no parent on an earlier line (the first at "
                 "line %zu): their parent features say 'missing'; write parents before their replies\n",
                 orphans, path.c_str(), first_orphan);
  return out;
}

// ---- stance ----

// `*unlabelled`: documents with a gold object but no gold.stances (skipped).
Result<std::vector<Example>> StanceExamples(const std::string& path, const Engine& engine,
                                            const StanceTagger& tagger, const StanceTrainOptions& o,
                                            const learn::WordClusters* clusters, size_t* unlabelled) {
  *unlabelled = 0;
  auto lines = ReadLines(path);
  if (!lines.ok()) return lines.status();
  std::map<std::string, size_t> target_index;
  for (size_t t = 0; t < tagger.num_targets(); ++t) target_index[tagger.target_id(t)] = t;
  std::vector<Example> out;
  std::vector<std::vector<uint64_t>> per_target;
  StanceFeatureSettings settings;
  settings.char_grams = o.char_grams;
  settings.clusters = clusters;
  settings.camps = true;
  simdjson::dom::parser parser;
  for (const Line& l : *lines) {
    if (l.gold.empty()) continue;
    simdjson::padded_string ps(l.gold);
    simdjson::dom::element el;
    if (parser.parse(ps).get(el) != simdjson::SUCCESS) return LineError(path, l.line, "invalid JSON in gold");
    simdjson::dom::element st;
    if (el.at_key("stances").get(st) != simdjson::SUCCESS) {
      ++*unlabelled;
      continue;
    }
    simdjson::dom::object obj;
    if (st.get_object().get(obj) != simdjson::SUCCESS)
      return LineError(path, l.line, "gold.stances is not an object of target: label");
    std::vector<std::pair<size_t, size_t>> labelled;  // (target, label)
    for (auto field : obj) {
      const std::string key(field.key);
      auto ti = target_index.find(key);
      if (ti == target_index.end()) return LineError(path, l.line, "unknown target '" + key + "' in gold.stances");
      std::string_view label;
      if (field.value.get_string().get(label) != simdjson::SUCCESS)
        return LineError(path, l.line, "gold.stances." + key + " is not a string");
      // The contract's names, and the SemEval spellings of the same.
      if (label == "FAVOUR") label = "FAVOR";
      size_t li = 3;
      for (size_t k = 0; k < 3; ++k)
        if (StanceLabels()[k] == label) li = k;
      if (li == 3)
        return LineError(path, l.line, "bad stance label '" + std::string(label) + "' for target '" + key +
                                           "' (want FAVOR, AGAINST or NONE)");
      labelled.push_back({ti->second, li});
    }
    if (labelled.empty()) continue;
    auto ed = engine.Enrich(l.doc, {});
    if (!ed.ok()) return LineError(path, l.line, ed.status().message());
    tagger.StanceFeatures(*ed, settings, &per_target);
    for (const auto& [t, li] : labelled) {
      Example e;
      e.key = l.doc.id();
      e.group = o.leave_out.empty() ? "" : ExtraString(l.doc, o.leave_out);
      e.target = tagger.target_id(t);
      e.gold = li;
      e.f = per_target[t];
      // The rules' label (the engine runs the target file's rules): NONE
      // where they wrote no record.
      e.rules = 2;
      for (const auto& s : ed->stances()) {
        if (s.target() != e.target) continue;
        e.named = true;
        e.rules = s.label() == v1::FAVOR ? 0 : s.label() == v1::AGAINST ? 1 : 2;
      }
      out.push_back(std::move(e));
    }
  }
  return out;
}

std::vector<const Example*> Ptrs(const std::vector<Example>& ex, const std::vector<bool>* held, bool want_held) {
  std::vector<const Example*> v;
  for (size_t i = 0; i < ex.size(); ++i)
    if (held == nullptr || (*held)[i] == want_held) v.push_back(&ex[i]);
  return v;
}

}  // namespace

Status TrainReply(const ReplyTrainOptions& o, std::FILE* log) {
  if (o.examples.empty()) return Status(ErrorCode::kConfig, "no --examples given");
  TIDINGS_RETURN_IF_ERROR(CheckLearner(o));
  // The documents' target stances, which the reply features read, are the
  // rules' (the reply model was trained on those; the built-in stance model
  // is not part of its definition).
  EngineOptions eo;
  eo.reply_model = "none";
  eo.stance_model = "none";
  auto engine = Engine::Create(eo);
  if (!engine.ok()) return engine.status();
  StanceOptions so;
  so.reply_model = "none";
  so.stance_model = "none";
  auto tagger = StanceTagger::Create(so);
  if (!tagger.ok()) return tagger.status();
  auto train = ReplyExamples(o.examples, o, **engine, **tagger, log);
  if (!train.ok()) return train.status();
  std::vector<Example> dev;
  if (!o.dev.empty()) {
    auto d = ReplyExamples(o.dev, o, **engine, **tagger, log);
    if (!d.ok()) return d.status();
    dev = std::move(d).value();
  }
  const auto& labels = ReplyLabels();
  learn::Manifest man = BaseManifest(o, kReplyKind, kReplyFeatureSet, labels);
  auto sha = base::Sha256File(o.examples);
  if (!sha.ok()) return sha.status();
  man["training_data"] = o.examples.substr(o.examples.find_last_of('/') + 1);
  man["training_data_sha256"] = *sha;
  man["training_examples"] = std::to_string(train->size());
  // The model's domain: replies up to 1.5 x the 99th percentile of the
  // training replies' length (or as given); longer ones keep the cue
  // rules' verdict.
  if (o.domain_max_tokens > 0) {
    man["domain_max_tokens"] = std::to_string(o.domain_max_tokens);
  } else {
    std::vector<size_t> len;
    for (const auto& e : *train) len.push_back(e.tokens);
    std::sort(len.begin(), len.end());
    const size_t p99 = len[std::min(len.size() - 1, len.size() * 99 / 100)];
    man["domain_max_tokens"] = std::to_string(p99 + p99 / 2 + 1);
  }
  std::fprintf(log, "[train reply] %zu training replies from %s\n", train->size(), o.examples.c_str());
  const auto splits = Splits(*train, o);
  std::vector<std::pair<std::vector<float>, size_t>> held_scores;
  if (!splits.empty()) {
    Scores total, rules;
    for (const auto& [name, held] : splits) {
      const learn::LinearModel m = Train(Ptrs(*train, &held, false), labels, o, {});
      Scores s;
      for (const Example* e : Ptrs(*train, &held, true)) {
        held_scores.push_back({ScoresOf(m, *e), e->gold});
        const size_t p = Predict(m, *e);
        s.Add(e->gold, p), total.Add(e->gold, p);
        if (e->rules >= 0) rules.Add(e->gold, static_cast<size_t>(e->rules));
      }
      PrintReply(log, name, s);
    }
    PrintReply(log, "cross-validated model", total);
    PrintReply(log, "cross-validated rules alone", rules);
    man["cv"] = o.leave_out.empty() ? std::to_string(o.folds) + " folds" : "leave one " + o.leave_out + " out";
    man["cv_macro_f1"] = std::to_string(total.MacroF1());
    man["cv_accuracy"] = std::to_string(total.Accuracy());
  }
  learn::LinearModel m = Train(Ptrs(*train, nullptr, false), labels, o, man);
  // The COMMENT bias, on held-out scores (cross-validation's, else the dev
  // set's); a model with one says so in its feature set, so that a tidings
  // that would not add it refuses the model.
  std::vector<std::pair<std::vector<float>, size_t>> dev_scores;
  for (const auto& e : dev) dev_scores.push_back({ScoresOf(m, e), e.gold});
  const bool held_out = !held_scores.empty() || !dev.empty();
  if (held_scores.empty()) held_scores = dev_scores;
  const float bias = o.comment_bias >= 0 ? o.comment_bias : held_out ? ChooseCommentBias(held_scores) : 0;
  if (bias != 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", bias);
    man["comment_bias"] = buf;
    man["feature_set"] = std::string(kReplyBiasFeatureSet);
    if (!held_scores.empty())
      PrintReply(log, "held out, COMMENT bias " + std::string(buf), BiasedReplyScores(held_scores, bias));
  }
  // Calibrate on held-out scores: cross-validation's, else the dev set's,
  // else (over-confident) the training data's own; the bias added.
  if (held_scores.empty())
    for (const auto& e : *train) held_scores.push_back({ScoresOf(m, e), e.gold});
  for (auto& [sc, gold] : held_scores) sc[features::kCommentLabel] += bias;
  man["score_temperature"] = std::to_string(FitTemperature(held_scores));
  m.mutable_manifest() = man;
  if (!dev.empty()) {
    const Scores s = BiasedReplyScores(dev_scores, bias);
    Scores rules;
    for (const auto& e : dev)
      if (e.rules >= 0) rules.Add(e.gold, static_cast<size_t>(e.rules));
    PrintReply(log, "dev model", s);
    PrintReply(log, "dev rules alone", rules);
    man["dev_macro_f1"] = std::to_string(s.MacroF1());
    man["dev_accuracy"] = std::to_string(s.Accuracy());
    m.mutable_manifest() = man;
  }
  TIDINGS_RETURN_IF_ERROR(CheckModel(m, kReplyKind, "the trained model"));
  if (o.output.empty()) return Status::Ok();
  return WriteModelDir(o.output, m, {}, log, "reply");
}

Status TrainStance(const StanceTrainOptions& o, std::FILE* log) {
  if (o.examples.empty()) return Status(ErrorCode::kConfig, "no --examples given");
  TIDINGS_RETURN_IF_ERROR(CheckLearner(o));
  if (o.targets.empty()) return Status(ErrorCode::kConfig, "no --targets given");
  if (o.rules_first > 0 && o.folds < 2 && o.leave_out.empty() && o.dev.empty())
    return Status(ErrorCode::kConfig,
                  "--rules-first needs --folds, --leave-out or --dev: its probability is calibrated on held-out "
                  "scores");
  std::string targets_text;
  TIDINGS_RETURN_IF_ERROR(learn::ReadFile(o.targets, &targets_text));
  // The rules' stances (the features read their verdicts), never a model's.
  EngineOptions eo;
  eo.targets_path = o.targets;
  eo.reply_model = "none";
  eo.stance_model = "none";
  auto engine = Engine::Create(eo);
  if (!engine.ok()) return engine.status();
  StanceOptions so;
  so.targets_path = o.targets;
  so.reply_model = "none";
  so.stance_model = "none";
  auto tagger = StanceTagger::Create(so);
  if (!tagger.ok()) return tagger.status();
  size_t unlabelled = 0;
  // The word clusters the features read: the name model's, built in.
  Result<std::shared_ptr<const learn::WordClusters>> clusters = std::shared_ptr<const learn::WordClusters>();
  if (o.word_clusters) {
    clusters = names::NameModel::BuiltInClusters();
    if (!clusters.ok())
      return Status(ErrorCode::kConfig, clusters.status().message() + " (train with --word-clusters false)");
  }
  auto train = StanceExamples(o.examples, **engine, **tagger, o, clusters->get(), &unlabelled);
  if (!train.ok()) return train.status();
  std::map<std::string, size_t> per_target;
  for (const auto& e : *train) ++per_target[e.target];
  for (size_t t = 0; t < (*tagger)->num_targets(); ++t)
    if (!per_target.count((*tagger)->target_id(t)))
      return Status(ErrorCode::kConfig, o.targets + ": target '" + (*tagger)->target_id(t) +
                                            "' has no labelled examples in " + o.examples);
  std::fprintf(log, "[train stance] %zu labelled document-target pairs from %s\n", train->size(),
               o.examples.c_str());
  if (unlabelled > 0)
    std::fprintf(log, "[train stance] %zu documents of %s have a gold object without gold.stances: not used\n",
                 unlabelled, o.examples.c_str());
  const auto& labels = StanceLabels();
  learn::Manifest man = BaseManifest(o, kStanceKind, kStanceV2FeatureSet, labels);
  if (o.word_clusters) man["clusters_checksum"] = names::ChecksumHex((*clusters)->checksum());
  auto sha = base::Sha256File(o.examples);
  if (!sha.ok()) return sha.status();
  man["training_data"] = o.examples.substr(o.examples.find_last_of('/') + 1);
  man["training_data_sha256"] = *sha;
  man["training_examples"] = std::to_string(train->size());
  std::string ids;
  for (size_t t = 0; t < (*tagger)->num_targets(); ++t) ids += (ids.empty() ? "" : ",") + (*tagger)->target_id(t);
  man["targets"] = ids;
  auto tsha = base::Sha256File(o.targets);
  if (!tsha.ok()) return tsha.status();
  man["targets_sha256"] = *tsha;
  if (o.rules_first > 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", o.rules_first);
    man["rules_first"] = buf;
  }
  man["char_grams"] = o.char_grams ? "1" : "0";
  const auto splits = Splits(*train, o);
  std::vector<std::pair<std::vector<float>, size_t>> held_scores;
  if (!splits.empty()) {
    std::map<std::string, Scores> total, rules;
    std::vector<const Example*> held_examples;  // in the order of held_scores
    for (const auto& [name, held] : splits) {
      const learn::LinearModel m = Train(Ptrs(*train, &held, false), labels, o, {});
      for (const Example* e : Ptrs(*train, &held, true)) {
        held_scores.push_back({ScoresOf(m, *e), e->gold});
        held_examples.push_back(e);
        total.try_emplace(e->target, 3).first->second.Add(e->gold, Predict(m, *e));
        rules.try_emplace(e->target, 3).first->second.Add(e->gold, static_cast<size_t>(e->rules));
      }
    }
    PrintStance(log, "cross-validated", total);
    PrintStance(log, "rules alone", rules);
    if (o.rules_first > 0) {
      // As the engine decides: the temperature fitted on all held-out
      // scores, then the rules first.
      // (Written to the manifest and read back by the engine as text.)
      const float temp = std::strtof(std::to_string(FitTemperature(held_scores)).c_str(), nullptr);
      total.clear();
      for (size_t i = 0; i < held_examples.size(); ++i) {
        const Example& e = *held_examples[i];
        total.try_emplace(e.target, 3).first->second.Add(
            e.gold, features::RulesFirstLabel(held_scores[i].first.data(), static_cast<size_t>(e.rules), e.named,
                                              temp, o.rules_first));
      }
      PrintStance(log, "cross-validated, rules first", total);
    }
    double mean = 0;
    for (const auto& [t, s] : total) {
      mean += s.FAvg();
      man["cv_f_avg." + t] = std::to_string(s.FAvg());
    }
    man["cv"] = o.leave_out.empty() ? std::to_string(o.folds) + " folds" : "leave one " + o.leave_out + " out";
    man["cv_f_avg_mean"] = std::to_string(total.empty() ? 0 : mean / static_cast<double>(total.size()));
  }
  learn::LinearModel m = Train(Ptrs(*train, nullptr, false), labels, o, man);
  std::vector<Example> dev;
  if (!o.dev.empty()) {
    size_t dev_unlabelled = 0;
    auto d = StanceExamples(o.dev, **engine, **tagger, o, clusters->get(), &dev_unlabelled);
    if (!d.ok()) return d.status();
    dev = std::move(d).value();
  }
  // Calibrate as for replies: held-out scores first.
  if (held_scores.empty())
    for (const auto& e : dev.empty() ? *train : dev) held_scores.push_back({ScoresOf(m, e), e.gold});
  man["score_temperature"] = std::to_string(FitTemperature(held_scores));
  m.mutable_manifest() = man;
  if (!dev.empty()) {
    std::map<std::string, Scores> s;
    const float temp = std::strtof(man["score_temperature"].c_str(), nullptr);
    for (const auto& e : dev) {
      const std::vector<float> sc = ScoresOf(m, e);
      const size_t label =
          o.rules_first > 0
              ? features::RulesFirstLabel(sc.data(), static_cast<size_t>(e.rules), e.named, temp, o.rules_first)
              : Predict(m, e);
      s.try_emplace(e.target, 3).first->second.Add(e.gold, label);
    }
    PrintStance(log, o.rules_first > 0 ? "dev, rules first" : "dev", s);
    for (const auto& [t, sc] : s) man["dev_f_avg." + t] = std::to_string(sc.FAvg());
    m.mutable_manifest() = man;
  }
  TIDINGS_RETURN_IF_ERROR(CheckModel(m, kStanceKind, "the trained model"));
  if (o.output.empty()) return Status::Ok();
  return WriteModelDir(o.output, m, {{"targets.ini", targets_text}}, log, "stance");
}

}  // namespace tidings::enrich::stance
