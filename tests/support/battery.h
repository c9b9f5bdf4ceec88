#pragma once
// The bad-input battery (tests/data/ingest/battery): one raw Kafka record per
// case, with the outcome tidings-ingest must give it. The file format is
// described in tests/data/ingest/battery/README.md.
#include <string>
#include <string_view>
#include <vector>

#include "runtime/kafka.h"
#include "runtime/status.h"

namespace tidings::testing {

struct BatteryCase {
  std::string name;
  // "tidings.raw.articles" or "tidings.raw.comments" (without a prefix).
  std::string topic;
  std::string key;
  // True for a null value (a Kafka tombstone); `value` is then empty.
  bool tombstone = false;
  std::string value;
  std::vector<runtime::Header> headers;
  // "published", or "dead_letter:<error code>".
  std::string expect;
  std::string why;
  // Non-empty for a case that fails on a known, not yet fixed bug: what it
  // is. The expectation stays; tests print this beside the failure.
  std::string known_bug;

  bool ExpectsPublished() const { return expect == "published"; }
  // The expected error code ("" when published is expected).
  std::string_view ExpectedCode() const;
  // "name (why)", plus the known bug where there is one: for failure messages.
  std::string Describe() const;
};

// Every case of the battery in `dir`, sorted by name. kConfig naming the file
// for a malformed .meta or a missing .value.
[[nodiscard]] Result<std::vector<BatteryCase>> LoadBattery(const std::string& dir);

// The battery of the source tree.
std::string BatteryDir();

// Expands "@@REPEAT:<count>:<unit>@@" (unit repeated count times) in `s`.
[[nodiscard]] Result<std::string> ExpandRepeats(std::string_view s);

// Decodes the escapes of a .meta value: \\ \n \r \t and \xNN.
[[nodiscard]] Result<std::string> Unescape(std::string_view s);

}  // namespace tidings::testing
