#pragma once
// Training and evaluation of the learned stance models, as `tidings train
// stance` and `tidings train reply` run them. Examples are contract
// documents (JSON Lines) with a `gold` object:
//   reply:  gold.reply_stance = "SUPPORT"|"DENY"|"QUERY"|"COMMENT" (or
//           {"label": ...}); parents come before their replies.
//   stance: gold.stances = {target_id: "FAVOR"|"AGAINST"|"NONE"}; a target
//           missing there is unlabelled for that document, not NONE.
// Documents are run through the enrich Engine first, so that the models
// train on exactly what they see in production (entities, rule stances).
//
// Deterministic given the seed. Progress and scores go to `log`. On any
// error nothing is left in the output directory.

#include <cstdint>
#include <cstdio>
#include <string>

#include "runtime/status.h"

namespace tidings::enrich::stance {

struct TrainCommon {
  std::string examples;  // JSONL
  std::string dev;       // JSONL scored after training (not trained on); may be empty
  std::string output;    // model directory (created); empty: evaluate only
  size_t folds = 0;      // > 1: k-fold cross-validation first (folds by thread)
  // Non-empty: cross-validate leaving out one value of this top-level field
  // at a time (e.g. "event"), instead of k folds.
  std::string leave_out;
  int epochs = 10;
  uint32_t bits = 20;
  uint64_t seed = 1;
  // Mistakes on label c move the weights by (N / (L * count_c))^power:
  // 0 treats all labels alike (accuracy), 1 balances them (macro-F1).
  float class_weight_power = 0.5f;
  // The trainer (enrich/learn): "perceptron" (averaged), or SGD on an
  // L2-regularised loss, "logistic" or "hinge" (learn/sgd.h), with penalty
  // `l2`; the last epoch's weights are averaged.
  std::string learner = "perceptron";
  double l2 = 1e-4;
  std::string version;  // tidings version, for the manifest
};

// Defaults chosen by leave-one-event-out on RumourEval 2017 train
// (enrich/stance/README.md): few epochs, class weighting of power 0.5.
struct ReplyTrainOptions : TrainCommon {
  // Replies longer than this many words keep the cue rules' verdict
  // (manifest domain_max_tokens). 0: 1.5 x the 99th percentile of the
  // training replies' length.
  size_t domain_max_tokens = 0;
  // Added to COMMENT's score before the label is chosen (manifest
  // comment_bias). Negative: chosen on the held-out scores of
  // cross-validation (else dev): of 0, 0.5, ..., 10, the bias with the best
  // mean of accuracy and macro-F1 (the two figures SDQC is judged by; the
  // class weights that lift the rare labels' F1 cost accuracy on threads
  // where most replies comment). 0 with no held-out scores.
  float comment_bias = -1;
  ReplyTrainOptions() {
    epochs = 5;
    bits = 18;
    class_weight_power = 0.5f;
  }
};

// Defaults chosen by 5-fold cross-validation on SemEval-2016 Task 6A's
// training split less its dev tweets (enrich/stance/README.md): L2-regularised
// logistic regression, balanced class weights.
struct StanceTrainOptions : TrainCommon {
  std::string targets;  // target file; copied into the model directory
  // > 0: the model answers after the target file's rules ("rules first"):
  // a rule's FAVOR or AGAINST stands; where the rules say NONE of a text
  // that names the target, the model's label; where the text never names
  // it, the model's FAVOR or AGAINST when its calibrated probability is at
  // least this (1: never; manifest `rules_first`). 0: the model decides alone.
  float rules_first = 0;
  // Character 3- and 4-grams of the words among the features (manifest
  // char_grams). Chosen on SemEval-2016's tweets; the default targets'
  // model goes without (enrich/stance/README.md).
  bool char_grams = true;
  // The words' clusters among the features, each cluster once per text
  // (the built-in word clusters of the name model, enrich/models/ner;
  // manifest clusters_checksum). Chosen on SemEval-2016's tweets and the
  // default targets' corpus (enrich/stance/README.md).
  bool word_clusters = true;
  StanceTrainOptions() {
    learner = "logistic";
    l2 = 0.02;
    class_weight_power = 1.0f;
  }
};

// kConfig "file:line: ..." for bad input (invalid JSON, bad label, unknown
// target), "... no examples" when there is nothing to learn from; kIo for
// files.
[[nodiscard]] Status TrainReply(const ReplyTrainOptions& opts, std::FILE* log);
[[nodiscard]] Status TrainStance(const StanceTrainOptions& opts, std::FILE* log);

}  // namespace tidings::enrich::stance
