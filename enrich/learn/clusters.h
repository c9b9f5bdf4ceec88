#pragma once
// Word clusters for the linear models of enrich/learn: each word of a large
// vocabulary belongs to one cluster at each of a few granularities (say 1024,
// 256 and 64 clusters of word vectors, or Brown clusters cut at three prefix
// lengths). A model reads a word's clusters as features, so a word it never
// saw in training ("Feyenoord") gets the weights learned for the words it
// sits with ("Ajax", "PSV"): what a name tagger trained on a million tokens
// needs to reach news it was not trained on.
//
// Built from a TSV (one `word<TAB>id id id` line per word, ids at every
// level, the most frequent words first; a line beginning with '#' is a
// comment, so no word listed may begin with it) and kept beside a model as a binary
// file. A WordClusters is immutable once built; Find() is thread-safe.
//
// File format (little-endian), version kClustersFormatVersion:
//   "TIDCLU\r\n"  u32 version  u32 levels  u32 words
//   words x (u64 fingerprint, levels x u16 id), sorted by fingerprint
//   u64 checksum of everything before it (learn::HashBytes)
// The fingerprint of a word is learn::HashBytes of its key (the form the
// tagger looks words up under) with the lowest bit set (Fingerprint()). A file of another version, truncated or
// corrupt fails to load with a message that says which.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/status.h"

namespace tidings::enrich::learn {

constexpr uint32_t kClustersFormatVersion = 1;
// The binary form's first bytes (a TSV never starts with them).
inline constexpr std::string_view kClustersMagic = "TIDCLU\r\n";

class WordClusters {
 public:
  static constexpr size_t kMaxLevels = 4;

  // Parses the TSV form; `key_of` turns a word into the key it is looked up
  // under (a word whose key is empty is skipped; of words with one key the
  // first line wins). kConfig naming `what`:line for a malformed line.
  [[nodiscard]] static Result<WordClusters> FromTsv(std::string_view text, std::string_view what,
                                                    const std::function<std::string(std::string_view)>& key_of);
  // Parses the binary form; kConfig on any defect.
  [[nodiscard]] static Result<WordClusters> Parse(std::string_view bytes, std::string_view what);
  // The binary form (Parse(Serialize()) gives the same clusters).
  std::string Serialize() const;

  static uint64_t Fingerprint(std::string_view key);
  // The clusters of a key (levels() ids), or null for a key not in the table;
  // FindFingerprint() takes Fingerprint(key) (a tagger that hashed the key
  // already).
  const uint16_t* Find(std::string_view key) const { return FindFingerprint(Fingerprint(key)); }
  const uint16_t* FindFingerprint(uint64_t fingerprint) const;
  // FindFingerprint for n fingerprints at once, out[i] for fingerprints[i]:
  // the table's reads of later words are fetched while earlier ones are
  // looked up (three dependent cache misses a word otherwise).
  void FindFingerprints(const uint64_t* fingerprints, size_t n, const uint16_t** out) const;
  size_t levels() const { return levels_; }
  size_t size() const { return fp_.size(); }
  // The checksum of the binary form: what a model's manifest records to say
  // which clusters it was trained with.
  uint64_t checksum() const { return checksum_; }

 private:
  void BuildIndex();
  // The ids of fingerprint f, scanning its bucket from entry `first`.
  const uint16_t* FindInBucket(uint32_t first, uint64_t f) const;
  uint32_t levels_ = 0;
  std::vector<uint64_t> fp_;   // sorted fingerprints
  std::vector<uint16_t> ids_;  // levels_ per fingerprint
  std::vector<uint32_t> start_;  // first entry per top-16-bit bucket, 65537 entries
  uint64_t checksum_ = 0;
};

}  // namespace tidings::enrich::learn
