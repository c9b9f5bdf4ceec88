// Versions survive an aborted transaction: the dedup memory that decides
// them is written through a per-batch overlay (DedupOverlay), merged when the
// batch commits and dropped when it aborts, so a replayed batch publishes
// v1/v2 again and not v3/v4 (issue 11, break 8).
#include <gtest/gtest.h>

#include "ingest/dedup.h"
#include "ingest/processor.h"
#include "tests/unit/runtime/fake_stage_io.h"

namespace tidings::ingest {
namespace {

constexpr const char* kV1 = R"({"id":"ns-1","kind":"article","title":"T","text":"First text."})";
constexpr const char* kV2 = R"({"id":"ns-1","kind":"article","title":"T","text":"Second text."})";

Record ToRecord(const runtime::Message& m) {
  Record r{m.topic, m.partition, m.offset, m.key, m.value, {}};
  r.headers.push_back({"content-type", "application/json"});
  return r;
}

// The stage function of tidings-ingest (ingest/main.cc) in small: publish
// the processed document.
runtime::Outcome Publish(Processor& processor, const runtime::Message& m) {
  Outcome o = processor.Process(ToRecord(m));
  runtime::Outcome out;
  out.label = std::string(OutcomeLabel(o));
  if (auto* p = std::get_if<ingest::Publish>(&o)) out.emits.push_back({"docs", p->key, p->doc.SerializeAsString(), {}});
  return out;
}

std::vector<uint32_t> PublishedVersions(const runtime::fake::FakeCluster& c) {
  std::vector<uint32_t> v;
  for (const auto& e : c.OutputTo("docs")) {
    v1::Document d;
    EXPECT_TRUE(d.ParseFromString(e.value));
    v.push_back(d.ingest().version());
  }
  return v;
}

TEST(BatchReplay, AnAbortedBatchIsRepublishedWithTheSameVersions) {
  runtime::fake::StageHarness h;
  h.cluster().Append("in", 0, "ns-1", kV1);
  h.cluster().Append("in", 0, "ns-1", kV2);
  h.cluster().abortable_commits = 2;
  LruDedupStore memory(100);
  DedupOverlay batch(memory);
  SystemClock clock;
  Processor processor(Limits{}, batch, clock);
  h.opts().on_commit = [&] { batch.Commit(); };
  h.opts().on_abort = [&] { batch.Abort(); };
  ASSERT_TRUE(h.Run([&](const runtime::Message& m) { return Publish(processor, m); }).ok());
  EXPECT_EQ(PublishedVersions(h.cluster()), (std::vector<uint32_t>{1, 2}));
  ASSERT_TRUE(memory.Lookup("ns-1").has_value());
  EXPECT_EQ(memory.Lookup("ns-1")->version, 2u);
  EXPECT_EQ(batch.Staged(), 0u);
}

TEST(DedupOverlay, ReadsSeeTheBatchCommitMergesAbortDrops) {
  LruDedupStore base(10);
  base.Put("a", {"h1", 1, "t", 0, 1});
  DedupOverlay o(base);
  o.Put("a", {"h2", 2, "t", 0, 5});
  o.Put("b", {"h3", 1, "t", 0, 6});
  EXPECT_EQ(o.Lookup("a")->version, 2u);
  EXPECT_EQ(o.Lookup("b")->version, 1u);
  EXPECT_EQ(base.Lookup("a")->version, 1u);  // the base is untouched until commit
  EXPECT_FALSE(base.Lookup("b").has_value());
  o.Abort();
  EXPECT_EQ(o.Lookup("a")->version, 1u);
  EXPECT_FALSE(o.Lookup("b").has_value());
  o.Put("b", {"h3", 1, "t", 0, 6});
  o.Commit();
  EXPECT_EQ(o.Staged(), 0u);
  EXPECT_EQ(base.Lookup("b")->content_hash, "h3");
}

}  // namespace
}  // namespace tidings::ingest
