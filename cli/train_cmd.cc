// `tidings train`: rebuilds the learned models from annotated data.
//   tidings train ner --corpus MAPPING:PATH ... --output DIR [--dev MAPPING:PATH ...]
//                     [--epochs N] [--bits B] [--folds K] [--seed S] [--kb FILE] [--clusters FILE]
//   tidings train stance --targets FILE --examples LABELLED.jsonl --output DIR [--folds K] [--dev FILE]
//                        [--rules-first P] [--char-grams BOOL]
//   tidings train reply --examples THREADS.jsonl --output DIR [--folds K] [--leave-out FIELD] [--dev FILE]
// Exit codes: 0 trained; 2 usage, bad corpus (file:line) or I/O error. On an
// error no model is written.
#include <cstdio>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "cli/commands.h"
#include "enrich/kb.h"
#include "enrich/names/train.h"
#include "enrich/stance/train.h"

namespace tidings::cli {
namespace {

struct NerOptions {
  std::vector<std::string> corpora, dev;
  std::string output, kb, clusters;
  int epochs = 8;
  int bits = 20;
  int folds = 0;
  int runs = 1;
  uint64_t seed = 1;
};

int RunNer(const NerOptions& o) {
  enrich::names::NerTrainOptions t;
  for (const auto& [args, into] : {std::pair{&o.corpora, &t.train}, std::pair{&o.dev, &t.dev}}) {
    for (const std::string& a : *args) {
      auto f = enrich::names::ParseCorpusArg(a);
      if (!f.ok()) {
        std::fprintf(stderr, "tidings train ner: %s\n", f.status().message().c_str());
        return 2;
      }
      into->push_back(*f);
    }
  }
  t.output = o.output;
  t.epochs = o.epochs;
  t.bits = static_cast<uint32_t>(o.bits);
  t.folds = static_cast<size_t>(o.folds);
  t.seed = o.seed;
  t.runs = static_cast<size_t>(o.runs);
  t.clusters = o.clusters;
  t.version = "tidings 0.1.0";
  auto kb = enrich::KnowledgeBase::Create(o.kb);
  if (!kb.ok()) {
    std::fprintf(stderr, "tidings train ner: %s\n", kb.status().message().c_str());
    return 2;
  }
  Status st = enrich::names::TrainNames(t, **kb, stderr);
  if (!st.ok()) {
    std::fprintf(stderr, "tidings train ner: %s\n", st.message().c_str());
    return 2;
  }
  return 0;
}

// `--folds 1` would hold nothing out: every trainer refuses it (exit 2).
void RefuseOneFold(const char* name, int folds) {
  if (folds != 1) return;
  std::fprintf(stderr, "tidings train %s: --folds 1 holds nothing out (give 0 for none, or 2 or more)\n", name);
  throw CLI::RuntimeError(2);
}

// Options shared by `train stance` and `train reply`.
void AddCommonOptions(CLI::App* cmd, enrich::stance::TrainCommon* o) {
  cmd->add_option("--examples", o->examples, "Labelled documents, JSON Lines with a 'gold' object")->required();
  cmd->add_option("--output,-o", o->output, "Model directory to write (model.bin, manifest.json)");
  cmd->add_option("--dev", o->dev, "Development documents (same form), scored after training");
  cmd->add_option("--folds", o->folds, "K-fold cross-validation on the examples first (0: none)")
      ->check(CLI::Range(0, 50))->capture_default_str();
  cmd->add_option("--leave-out", o->leave_out,
                  "Cross-validate leaving out one value of this document field at a time (e.g. event)");
  cmd->add_option("--epochs", o->epochs, "Passes over the training data")
      ->check(CLI::Range(1, 100))->capture_default_str();
  cmd->add_option("--bits", o->bits,
                  "Hash bits: the model has 2^bits feature rows (32 bytes each in memory: 22 is 128 MB)")
      ->check(CLI::Range(10, 22))->capture_default_str();
  cmd->add_option("--seed", o->seed, "Shuffling seed (training is deterministic given it)")->capture_default_str();
  cmd->add_option("--class-weight", o->class_weight_power,
                  "Update weight of a label = (N / (labels x its count))^this: 0 plain, 1 balanced")
      ->check(CLI::Range(0.0, 2.0))->capture_default_str();
  cmd->add_option("--learner", o->learner,
                  "perceptron (averaged), or SGD on an L2-regularised loss: logistic or hinge")
      ->check(CLI::IsMember({"perceptron", "logistic", "hinge"}))->capture_default_str();
  cmd->add_option("--l2", o->l2, "Penalty of the logistic and hinge learners (lambda; the perceptron has none)")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
}

template <typename Opts>
void AddLearnedCommand(CLI::App* train, const char* name, const char* help, std::shared_ptr<Opts> o,
                       Status (*run)(const Opts&, std::FILE*)) {
  auto* cmd = train->add_subcommand(name, help);
  AddCommonOptions(cmd, o.get());
  if constexpr (std::is_same_v<Opts, enrich::stance::StanceTrainOptions>) {
    cmd->add_option("--targets", o->targets, "Target file (enrich/stance/README.md); copied into the model")
        ->required();
    cmd->add_option("--rules-first", o->rules_first,
                    "Answer after the target file's rules: their FAVOR or AGAINST stands, else the model's label; "
                    "for a text that never names the target, only at this probability or more (1: never; 0: "
                    "the model alone)")
        ->check(CLI::Range(0.0, 1.0))->capture_default_str();
    cmd->add_option("--char-grams", o->char_grams,
                    "Character 3- and 4-grams of the words among the features (true or false)")
        ->capture_default_str();
    cmd->add_option("--word-clusters", o->word_clusters,
                    "The words' clusters (the built-in name model's) among the features, each once per text "
                    "(true or false)")
        ->capture_default_str();
  }
  if constexpr (std::is_same_v<Opts, enrich::stance::ReplyTrainOptions>) {
    cmd->add_option("--domain-max-tokens", o->domain_max_tokens,
                    "Longer replies keep the cue rules' verdict (0: 1.5 x the 99th percentile of the "
                    "training replies' length)")
        ->capture_default_str();
    cmd->add_option("--comment-bias", o->comment_bias,
                    "Added to COMMENT's score before the label is chosen (negative: chosen on the held-out scores "
                    "of --folds/--leave-out, else --dev, for the best mean of accuracy and macro-F1)")
        ->capture_default_str();
  }
  cmd->callback([o, name, run] {
    RefuseOneFold(name, o->folds);
    if (o->output.empty() && o->dev.empty() && o->folds < 2 && o->leave_out.empty()) {
      std::fprintf(stderr, "tidings train %s: give --output, --dev, --folds or --leave-out\n", name);
      throw CLI::RuntimeError(2);
    }
    o->version = "tidings 0.1.0";
    Status st = run(*o, stderr);
    if (!st.ok()) {
      std::fprintf(stderr, "tidings train %s: %s\n", name, st.message().c_str());
      throw CLI::RuntimeError(2);
    }
  });
}

}  // namespace

void AddTrainCommand(CLI::App& app) {
  auto* train = app.add_subcommand("train", "Rebuild a learned model from annotated data");
  train->require_subcommand(1);
  auto o = std::make_shared<NerOptions>();
  std::string mappings;
  for (const auto& m : enrich::names::NerMappings()) mappings += (mappings.empty() ? "" : ", ") + m;
  auto* ner = train->add_subcommand("ner", "Train the name tagger (enrich/README.md, 'Name model')");
  ner->add_option("--corpus", o->corpora,
                  "Training corpus MAPPING:PATH, CoNLL token<TAB>tag (mappings: " + mappings + ")")
      ->required();
  ner->add_option("--dev", o->dev, "Development corpus MAPPING:PATH, scored after training");
  ner->add_option("--output,-o", o->output,
                  "Model directory to write (model.bin, manifest.json, clusters.bin with --clusters)");
  ner->add_option("--epochs", o->epochs, "Passes over the training data")
      ->check(CLI::Range(1, 100))->capture_default_str();
  ner->add_option("--bits", o->bits,
                  "Hash bits: the model has 2^bits feature rows (32 bytes each in memory: 22 is 128 MB)")
      ->check(CLI::Range(10, 22))->capture_default_str();
  ner->add_option("--folds", o->folds, "K-fold cross-validation on the training data first (0: none)")
      ->check(CLI::Range(0, 20))->capture_default_str();
  ner->add_option("--seed", o->seed, "Shuffling seed (training is deterministic given it)")
      ->capture_default_str();
  ner->add_option("--runs", o->runs, "Average the weights of this many training runs, seeds --seed, --seed + 1, ...")
      ->check(CLI::Range(1, 64))->capture_default_str();
  ner->add_option("--kb", o->kb, "Extra knowledge-base file, as for enrich");
  ner->add_option("--clusters", o->clusters,
                  "Word clusters, word<TAB>id id id per line (or a model's clusters.bin): the model reads "
                  "them as features and keeps a copy");
  ner->callback([o] {
    RefuseOneFold("ner", o->folds);
    if (o->output.empty() && o->dev.empty() && o->folds < 2) {
      std::fprintf(stderr, "tidings train ner: give --output, --dev or --folds\n");
      throw CLI::RuntimeError(2);
    }
    int rc = RunNer(*o);
    if (rc != 0) throw CLI::RuntimeError(rc);
  });
  AddLearnedCommand(train, "stance",
                    "Train a target-conditioned stance model (enrich/stance/README.md, 'Learned models')",
                    std::make_shared<enrich::stance::StanceTrainOptions>(), &enrich::stance::TrainStance);
  AddLearnedCommand(train, "reply", "Train the reply-stance (SDQC) model (enrich/stance/README.md)",
                    std::make_shared<enrich::stance::ReplyTrainOptions>(), &enrich::stance::TrainReply);
}

}  // namespace tidings::cli
