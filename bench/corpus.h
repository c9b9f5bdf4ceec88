#pragma once
// The synthetic corpus of the benchmarks: seed paragraphs
// (tests/data/seeds) recombined into articles and comment threads. One
// article per 20 documents; each comment replies to its article or to an
// earlier comment of the thread. Deterministic for a seed. Whole
// (SyntheticCorpus) or one document at a time (CorpusStream).
// Header-only: each bench is one translation unit.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "tidings/v1/document.pb.h"

namespace tidings::bench {

inline std::vector<std::string> SeedParagraphs() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(TIDINGS_SOURCE_DIR) + "/tests/data/seeds")) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream in(e.path());
    std::string line;
    while (std::getline(in, line))
      if (line.size() > 80) out.push_back(line);
  }
  std::sort(out.begin(), out.end());  // directory order is not stable
  return out;
}

struct CorpusOptions {
  int docs = 100000;
  unsigned seed = 42;
  // Shuffle the arrival order (comments may then come before their article
  // and their parent); otherwise each thread arrives in order.
  bool shuffle = false;
  std::string id_prefix = "b";
};

// The corpus one document at a time, for corpora too large to hold (the
// store bench's million). The i-th call gives the i-th document of
// SyntheticCorpus in thread order.
class CorpusStream {
 public:
  explicit CorpusStream(const CorpusOptions& o) : o_(o), paras_(SeedParagraphs()), rng_(o.seed) {}

  v1::Document Next() {
    const int i = i_++;
    v1::Document d;
    d.set_id(o_.id_prefix + std::to_string(i));
    std::string text;
    const int n = i % 20 == 0 ? 6 : 1 + static_cast<int>(rng_() % 3);
    for (int p = 0; p < n; ++p) text += paras_[rng_() % paras_.size()] + "\n\n";
    d.set_text(text);
    d.set_published_at("2016-10-20T00:00:00Z");
    if (i % 20 == 0) {
      d.set_kind("article");
      d.set_title("Synthetic article " + std::to_string(i));
      article_ = d.id();
      in_thread_ = 0;
    } else {
      d.set_kind("comment");
      d.set_thread_id(article_);
      d.set_parent_id(in_thread_ == 0
                          ? article_
                          : o_.id_prefix + std::to_string(i - 1 - static_cast<int>(rng_() % in_thread_)));
      ++in_thread_;
    }
    return d;
  }

  std::mt19937& rng() { return rng_; }

 private:
  CorpusOptions o_;
  std::vector<std::string> paras_;
  std::mt19937 rng_;
  int i_ = 0;
  std::string article_;
  int in_thread_ = 0;
};

inline std::vector<v1::Document> SyntheticCorpus(const CorpusOptions& o) {
  CorpusStream stream(o);
  std::vector<v1::Document> out;
  out.reserve(static_cast<size_t>(o.docs));
  for (int i = 0; i < o.docs; ++i) out.push_back(stream.Next());
  if (o.shuffle) std::shuffle(out.begin(), out.end(), stream.rng());
  return out;
}

// The raw topic and the key `tidings load` uses for a document.
inline std::string RawTopic(const v1::Document& d) {
  return d.kind() == "article" ? "tidings.raw.articles" : "tidings.raw.comments";
}
inline const std::string& RawKey(const v1::Document& d) { return d.kind() == "article" ? d.id() : d.thread_id(); }

}  // namespace tidings::bench
