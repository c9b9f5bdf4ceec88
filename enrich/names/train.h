#pragma once
// Training and evaluation of the name model from annotated corpora, as
// `tidings train ner` runs it. Corpora are CoNLL-style files (one
// `token<TAB>tag` per line, BIO tags, a blank line between sentences, a line
// `#doc` between documents) whose tag set is named by a mapping to the
// contract's types (NerMappings()); documents are rebuilt as text so that the
// tagger trains on exactly what it sees in production: tidings' own tokens,
// sentences, knowledge-base matches and rule candidates.
//
// Deterministic given the seed. Progress goes to the log stream.

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "enrich/kb.h"
#include "runtime/status.h"

namespace tidings::enrich::names {

// One corpus file: `mapping` is one of NerMappings(); `path` a CoNLL file.
struct CorpusFile {
  std::string mapping;
  std::string path;
};

// The known tag-set mappings: "conll" (PER/ORG/LOC/MISC, as WikiNER and
// wikigold), "crossner", "gmb", "wnut17", "re3d", "contract"
// (PERSON/ORG/LOC/NORP/EVENT).
const std::vector<std::string>& NerMappings();
// Parses "mapping:path" (as the command line gives it).
[[nodiscard]] Result<CorpusFile> ParseCorpusArg(const std::string& arg);

struct NerTrainOptions {
  std::vector<CorpusFile> train;
  std::vector<CorpusFile> dev;  // evaluated after training (not trained on)
  int epochs = 8;
  uint32_t bits = 20;
  uint64_t seed = 1;
  size_t runs = 1;          // the model averages this many runs' weights (seeds seed, seed + 1, ...)
  size_t folds = 0;         // > 1: k-fold cross-validation on `train` first
  // Word clusters (learn/clusters.h): a TSV (`word<TAB>id id id`) or a
  // clusters.bin; empty: a model without cluster features. Copied into the
  // model directory as clusters.bin.
  std::string clusters;
  std::string output;       // model directory (created); empty: evaluate only
  std::string version;      // tidings version, for the manifest
};

// Reads the corpora, trains, evaluates and writes output/model.bin,
// output/manifest.json and, with clusters, output/clusters.bin. kConfig naming file:line for a bad corpus line or an
// unknown mapping; kIo for files. On error no model is left behind.
[[nodiscard]] Status TrainNames(const NerTrainOptions& opts, const KnowledgeBase& kb, std::FILE* log);

}  // namespace tidings::enrich::names
