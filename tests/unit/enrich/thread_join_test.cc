// The thread join (enrich/thread_join.h) over a real JoinStore in a
// temporary directory, with a fake enricher and an in-memory changelog that
// keeps committed changes only: known and late parents, chains, the wait
// timeout, the bound, aborts and restores, and the summaries' retention.
#include "enrich/thread_join.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace tidings::enrich {
namespace {

using Why = ThreadJoin::Why;

v1::Document Doc(const std::string& id, const std::string& parent = "", const std::string& thread = "",
                 int64_t version = 1) {
  v1::Document d;
  d.set_id(id);
  d.set_kind(parent.empty() ? "article" : "comment");
  d.set_parent_id(parent);
  d.set_thread_id(thread.empty() ? (parent.empty() ? id : parent) : thread);
  d.set_text("text of " + id);
  d.mutable_ingest()->set_version(version);
  return d;
}

// What the fake enricher was asked to do.
struct Enriched {
  std::string id;
  std::string parent;  // the parent summary's id, "" when none was given
  std::string root;
  Why why;
  int64_t version;
};

struct Change {
  int32_t partition;
  std::string key;
  std::optional<std::string> value;
};

// A join over a fresh store, with its committed outputs and changelog.
class Harness {
 public:
  explicit Harness(JoinOptions opts = {}) : opts_(opts) { Open(); }

  void Open() {
    dir_ = std::make_unique<testing::TempDir>();
    auto s = JoinStore::Open(dir_->path() + "/state", 8 << 20, &ThreadJoin::TimeIndexRun);
    if (!s.ok()) throw std::runtime_error(s.status().ToString());
    store_ = std::move(*s);
    join_ = std::make_unique<ThreadJoin>(
        *store_, opts_,
        [this](const v1::Document& doc, const ThreadContext& ctx, Why why) -> Result<ThreadDoc> {
          if (doc.text() == "fail") return Status(ErrorCode::kEnrichFailed, "cannot");
          staged_out_.push_back({doc.id(), ctx.parent ? ctx.parent->id : "", ctx.root ? ctx.root->id : "", why,
                                 doc.ingest().version()});
          ThreadDoc t;
          t.id = doc.id();
          t.version = doc.ingest().version();
          t.is_reply = !doc.parent_id().empty();
          t.text_head = doc.text();
          t.stances = {{"target", v1::FAVOR}};
          return t;
        },
        [this](int32_t p, const std::string& key, std::optional<std::string> value) {
          staged_log_.push_back({p, key, std::move(value)});
        });
  }

  ThreadJoin::Added Add(const v1::Document& d, int64_t now = 0, int32_t partition = 0) {
    auto r = join_->Add(partition, d, now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ThreadJoin::Added::kWaiting;
  }
  void Commit() {
    ASSERT_TRUE(join_->Commit().ok());
    out_.insert(out_.end(), staged_out_.begin(), staged_out_.end());
    log_.insert(log_.end(), staged_log_.begin(), staged_log_.end());
    staged_out_.clear();
    staged_log_.clear();
  }
  void Abort() {
    join_->Abort();
    staged_out_.clear();
    staged_log_.clear();
  }
  // A new store and join restored from `log` (all partitions in it).
  void RestoreFrom(const std::vector<Change>& log, std::vector<int32_t> partitions = {0}, int64_t now = 0) {
    Open();
    out_.clear();
    log_.clear();
    for (int32_t p : partitions) ASSERT_TRUE(join_->BeginRestore(p, now).ok());
    for (const auto& c : log) {
      Status st = join_->ApplyRestored(c.partition, c.key,
                                       c.value ? std::optional<std::string_view>(*c.value) : std::nullopt);
      ASSERT_TRUE(st.ok()) << st.ToString();
    }
    for (int32_t p : partitions) ASSERT_TRUE(join_->EndRestore(p).ok());
  }
  // The log as compaction leaves it: the last record per (partition, key),
  // tombstones dropped.
  std::vector<Change> Compacted() const {
    std::map<std::pair<int32_t, std::string>, std::optional<std::string>> last;
    for (const auto& c : log_) last[{c.partition, c.key}] = c.value;
    std::vector<Change> out;
    for (const auto& [k, v] : last)
      if (v) out.push_back({k.first, k.second, v});
    return out;
  }

  ThreadJoin& join() { return *join_; }
  const std::vector<Enriched>& out() const { return out_; }
  const std::vector<Change>& log() const { return log_; }
  std::vector<std::string> OutIds() const {
    std::vector<std::string> ids;
    for (const auto& e : out_) ids.push_back(e.id);
    return ids;
  }
  const Enriched* Find(const std::string& id) const {
    for (const auto& e : out_)
      if (e.id == id) return &e;
    return nullptr;
  }

 private:
  JoinOptions opts_;
  std::unique_ptr<testing::TempDir> dir_;
  std::unique_ptr<JoinStore> store_;
  std::unique_ptr<ThreadJoin> join_;
  std::vector<Enriched> staged_out_, out_;
  std::vector<Change> staged_log_, log_;
};

TEST(ThreadJoin, ACommentWhoseParentIsKnownIsEnrichedAtOnce) {
  Harness h;
  EXPECT_EQ(h.Add(Doc("a")), ThreadJoin::Added::kEnriched);
  h.Commit();
  EXPECT_EQ(h.Add(Doc("c", "a")), ThreadJoin::Added::kEnriched);
  h.Commit();
  ASSERT_EQ(h.OutIds(), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(h.Find("c")->parent, "a");
  EXPECT_EQ(h.Find("c")->root, "a");
  EXPECT_EQ(h.Find("c")->why, Why::kArrived);
  EXPECT_EQ(h.join().stats().waiting, 0);
  // The changelog has the two summaries.
  ASSERT_EQ(h.log().size(), 2u);
  EXPECT_EQ(h.log()[0].key, ThreadJoin::SummaryKey("a"));
  auto t = ThreadDoc::Parse(*h.log()[0].value);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->text_head, "text of a");
  EXPECT_EQ(t->stances.size(), 1u);
}

TEST(ThreadJoin, PeekGivesTheSummaryAReplyWouldGetAndChangesNothing) {
  Harness h;
  h.Add(Doc("a"));
  h.Commit();
  h.Add(Doc("c", "a"));  // staged, not committed: seen too
  auto c = h.join().Peek(0, "c");
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(c->has_value());
  EXPECT_EQ((*c)->id, "c");
  EXPECT_TRUE((*c)->is_reply);
  auto gone = h.join().Peek(0, "gone");
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  auto other = h.join().Peek(1, "a");  // another partition
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
  h.Commit();
  EXPECT_EQ(h.OutIds(), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(h.join().waiting(0), 0);
}

TEST(ThreadJoin, ACommentBeforeItsParentWaitsAndIsReleasedWhenTheParentComes) {
  Harness h;
  EXPECT_EQ(h.Add(Doc("c", "a")), ThreadJoin::Added::kWaiting);
  h.Commit();
  EXPECT_TRUE(h.out().empty());
  EXPECT_EQ(h.join().stats().waiting, 1);
  ASSERT_EQ(h.log().size(), 1u);
  EXPECT_EQ(h.log()[0].key, ThreadJoin::WaitingKey("a", "c"));

  EXPECT_EQ(h.Add(Doc("a")), ThreadJoin::Added::kEnriched);
  h.Commit();
  ASSERT_EQ(h.OutIds(), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(h.Find("c")->parent, "a");
  EXPECT_EQ(h.Find("c")->why, Why::kParentArrived);
  EXPECT_EQ(h.join().stats().waiting, 0);
  EXPECT_EQ(h.join().stats().released.at(Why::kParentArrived), 1);
  // The waiting entry is tombstoned in the same batch.
  bool tombstoned = false;
  for (const auto& c : h.log()) tombstoned |= c.key == ThreadJoin::WaitingKey("a", "c") && !c.value;
  EXPECT_TRUE(tombstoned);
}

TEST(ThreadJoin, AParentAfterManyCommentsReleasesThemAllOnce) {
  Harness h;
  for (int i = 0; i < 50; ++i) h.Add(Doc("c" + std::to_string(i), "a"), i);
  h.Commit();
  EXPECT_EQ(h.join().stats().waiting, 50);
  h.Add(Doc("a"), 100);
  h.Commit();
  ASSERT_EQ(h.out().size(), 51u);
  for (size_t i = 1; i < h.out().size(); ++i) EXPECT_EQ(h.out()[i].parent, "a");
  EXPECT_EQ(h.join().stats().waiting, 0);
  // A second copy of the parent releases nothing more.
  h.Add(Doc("a", "", "", 2), 200);
  h.Commit();
  EXPECT_EQ(h.out().size(), 52u);
}

TEST(ThreadJoin, AChainOfRepliesIsReleasedParentFirst) {
  Harness h;
  h.Add(Doc("r2", "r1", "a"));
  h.Add(Doc("r1", "c", "a"));
  h.Add(Doc("c", "a", "a"));
  h.Commit();
  EXPECT_EQ(h.join().stats().waiting, 3);
  EXPECT_TRUE(h.out().empty());
  h.Add(Doc("a"));
  h.Commit();
  ASSERT_EQ(h.OutIds(), (std::vector<std::string>{"a", "c", "r1", "r2"}));
  EXPECT_EQ(h.Find("r1")->parent, "c");
  EXPECT_EQ(h.Find("r1")->root, "a");
  EXPECT_EQ(h.Find("r2")->parent, "r1");
  EXPECT_EQ(h.join().stats().released.at(Why::kParentArrived), 3);
}

TEST(ThreadJoin, ACommentWaitingParentWaitMsIsReleasedWithoutItsParent) {
  JoinOptions o;
  o.parent_wait_ms = 1000;
  Harness h(o);
  h.Add(Doc("c", "a"), 5000);
  h.Add(Doc("r", "c", "a"), 5500);  // a reply to the comment, waiting for it
  h.Commit();
  ASSERT_TRUE(h.join().Tick(5999).ok());
  h.Commit();
  EXPECT_TRUE(h.out().empty());
  ASSERT_TRUE(h.join().Tick(6000).ok());
  h.Commit();
  ASSERT_EQ(h.OutIds(), (std::vector<std::string>{"c", "r"}));
  EXPECT_EQ(h.Find("c")->parent, "");  // -> reply_stance parent_missing
  EXPECT_EQ(h.Find("c")->why, Why::kParentWait);
  EXPECT_EQ(h.Find("r")->parent, "c");  // its reply found it
  EXPECT_EQ(h.Find("r")->why, Why::kParentArrived);
  EXPECT_EQ(h.join().stats().waiting, 0);
  // The parent coming late now releases nothing.
  h.Add(Doc("a"), 7000);
  h.Commit();
  EXPECT_EQ(h.out().size(), 3u);
}

TEST(ThreadJoin, PastMaxWaitingTheOldestIsReleased) {
  JoinOptions o;
  o.max_waiting = 3;
  Harness h(o);
  for (int i = 0; i < 5; ++i) h.Add(Doc("c" + std::to_string(i), "p" + std::to_string(i)), 100 + i);
  h.Commit();
  EXPECT_EQ(h.join().stats().waiting, 3);
  ASSERT_EQ(h.OutIds(), (std::vector<std::string>{"c0", "c1"}));
  EXPECT_EQ(h.Find("c0")->why, Why::kBound);
  EXPECT_EQ(h.Find("c0")->parent, "");
  EXPECT_EQ(h.join().stats().released.at(Why::kBound), 2);
  // Partitions are bounded each on their own.
  h.Add(Doc("x", "px"), 200, /*partition=*/1);
  h.Commit();
  EXPECT_EQ(h.join().waiting(1), 1);
  EXPECT_EQ(h.join().waiting(0), 3);
}

TEST(ThreadJoin, AnAbortedBatchLeavesTheStateAsItWas) {
  Harness h;
  h.Add(Doc("c", "a"));
  EXPECT_EQ(h.join().waiting(0), 1);
  h.Abort();
  EXPECT_EQ(h.join().waiting(0), 0);
  EXPECT_EQ(h.join().stats().waiting, 0);
  h.Add(Doc("a"));
  h.Commit();
  EXPECT_EQ(h.OutIds(), (std::vector<std::string>{"a"}));  // nothing waited
  // The replayed batch: the comment now finds its parent.
  EXPECT_EQ(h.Add(Doc("c", "a")), ThreadJoin::Added::kEnriched);
  h.Abort();  // and once more aborted: the summary of c is gone again
  h.Add(Doc("r", "c", "a"));
  h.Commit();
  EXPECT_EQ(h.join().stats().waiting, 1);
  EXPECT_TRUE(h.log().size() == 2u);  // a's summary, r waiting
}

TEST(ThreadJoin, ReleasedDocumentsAndTheirChangesAbortWithTheBatch) {
  Harness h;
  h.Add(Doc("c", "a"));
  h.Commit();
  h.Add(Doc("a"));  // releases c ...
  h.Abort();        // ... in a transaction that aborts
  EXPECT_EQ(h.join().stats().waiting, 1);
  h.Add(Doc("a"));  // the replay releases it again, once
  h.Commit();
  EXPECT_EQ(h.OutIds(), (std::vector<std::string>{"a", "c"}));
}

TEST(ThreadJoin, ARestoreFromTheChangelogRebuildsTheState) {
  JoinOptions o;
  o.parent_wait_ms = 1000;
  Harness h(o);
  h.Add(Doc("a"), 0);
  h.Add(Doc("c1", "a"), 0);       // enriched at once
  h.Add(Doc("w1", "b"), 500);     // waits
  h.Add(Doc("w2", "b"), 600);     // waits
  h.Add(Doc("x", "gone"), 30);    // waits, then released by time
  h.Commit();
  ASSERT_TRUE(h.join().Tick(1030).ok());
  h.Commit();
  ASSERT_NE(h.Find("x"), nullptr);
  EXPECT_EQ(h.Find("x")->why, Why::kParentWait);
  h.Add(Doc("w3", "c1"), 40);     // its parent known
  h.Add(Doc("w4", "d"), 1500);    // waits
  h.Commit();
  const auto log = h.log();
  for (const auto& restored : {log, h.Compacted()}) {
    h.RestoreFrom(restored);
    EXPECT_EQ(h.join().stats().waiting, 3);  // w1, w2, w4
    // A parent known before the restore is found after it.
    EXPECT_EQ(h.Add(Doc("c2", "c1"), 2000), ThreadJoin::Added::kEnriched);
    // The waiting comments are released by their parent ...
    h.Add(Doc("b"), 2000);
    h.Commit();
    ASSERT_NE(h.Find("w1"), nullptr);
    EXPECT_EQ(h.Find("w1")->parent, "b");
    EXPECT_EQ(h.Find("w2")->why, Why::kParentArrived);
    // ... or by time, which the restore kept.
    ASSERT_TRUE(h.join().Tick(2499).ok());
    h.Commit();
    EXPECT_EQ(h.join().stats().waiting, 1);
    ASSERT_TRUE(h.join().Tick(2500).ok());
    h.Commit();
    EXPECT_EQ(h.join().stats().waiting, 0);
  }
}

TEST(ThreadJoin, ANewerVersionOfAWaitingCommentTakesItsPlace) {
  Harness h;
  h.Add(Doc("c", "a", "", 1), 0);
  h.Add(Doc("c", "a", "", 2), 5);
  h.Commit();
  EXPECT_EQ(h.join().stats().waiting, 1);
  h.Add(Doc("a"), 10);
  h.Commit();
  ASSERT_EQ(h.OutIds(), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(h.Find("c")->version, 2);
}

TEST(ThreadJoin, ACommentThatCannotBeEnrichedLeavesNoState) {
  Harness h;
  h.Add(Doc("a"));
  h.Commit();
  v1::Document bad = Doc("c", "a");
  bad.set_text("fail");
  auto r = h.join().Add(0, bad, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kEnrichFailed);
  h.Commit();
  EXPECT_EQ(h.log().size(), 1u);  // a's summary alone
}

TEST(ThreadJoin, ARevokedPartitionIsForgotten) {
  Harness h;
  h.Add(Doc("c", "a"), 0, 3);
  h.Add(Doc("a"), 0, 4);  // another partition: not c's parent
  h.Commit();
  EXPECT_EQ(h.join().waiting(3), 1);
  ASSERT_TRUE(h.join().Drop(3).ok());
  EXPECT_EQ(h.join().stats().waiting, 0);
  EXPECT_EQ(h.Add(Doc("c2", "a"), 0, 4), ThreadJoin::Added::kEnriched);
  EXPECT_EQ(h.Add(Doc("c3", "a"), 0, 3), ThreadJoin::Added::kWaiting);
}

TEST(ThreadJoin, ARecordOfAnotherFormatFailsTheRestore) {
  Harness h;
  ASSERT_TRUE(h.join().BeginRestore(0, 0).ok());
  EXPECT_EQ(h.join().ApplyRestored(0, ThreadJoin::SummaryKey("a"), std::string_view("garbage")).code(),
            ErrorCode::kInvalidProtobuf);
  EXPECT_EQ(h.join().ApplyRestored(0, "zzz", std::string_view("x")).code(), ErrorCode::kInvalidProtobuf);
}

TEST(ThreadJoin, ASummaryOlderThanItsRetentionIsRemovedAndItsRepliesWait) {
  JoinOptions o;
  o.summary_retention_ms = 1000;
  Harness h(o);
  h.Add(Doc("a"), 0);
  h.Add(Doc("b"), 400);
  h.Commit();
  EXPECT_EQ(h.join().stats().summaries, 2);
  ASSERT_TRUE(h.join().Tick(999).ok());
  h.Commit();
  EXPECT_EQ(h.join().stats().summaries, 2);
  ASSERT_TRUE(h.join().Tick(1000).ok());
  h.Commit();
  EXPECT_EQ(h.join().stats().summaries, 1);
  EXPECT_EQ(h.join().stats().expired.at(ThreadJoin::Expiry::kAge), 1);
  // A tombstone on the changelog, so compaction drops it there too.
  ASSERT_FALSE(h.log().empty());
  EXPECT_EQ(h.log().back().key, ThreadJoin::SummaryKey("a"));
  EXPECT_FALSE(h.log().back().value.has_value());
  EXPECT_EQ(h.Add(Doc("late", "a"), 1100), ThreadJoin::Added::kWaiting);
  EXPECT_EQ(h.Add(Doc("in-time", "b"), 1100), ThreadJoin::Added::kEnriched);
  h.Commit();
  // A new version stored later starts its age again.
  h.Add(Doc("b", "", "", 2), 1300);
  h.Commit();
  ASSERT_TRUE(h.join().Tick(1400).ok());
  h.Commit();
  EXPECT_EQ(h.join().stats().summaries, 2);  // b and in-time
  ASSERT_TRUE(h.join().Tick(2300).ok());
  h.Commit();
  EXPECT_EQ(h.join().stats().summaries, 0);
}

TEST(ThreadJoin, PastMaxSummariesTheOldestAreRemoved) {
  JoinOptions o;
  o.max_summaries = 2;
  Harness h(o);
  for (int i = 0; i < 4; ++i) h.Add(Doc("a" + std::to_string(i)), 100 + i);
  h.Commit();
  EXPECT_EQ(h.join().stats().summaries, 2);
  EXPECT_EQ(h.join().stats().expired.at(ThreadJoin::Expiry::kBound), 2);
  EXPECT_EQ(h.Add(Doc("c0", "a0"), 200), ThreadJoin::Added::kWaiting);
  EXPECT_EQ(h.Add(Doc("c3", "a3"), 200), ThreadJoin::Added::kEnriched);  // pushes a2 out
  h.Commit();
  EXPECT_EQ(h.join().summaries(0), 2);
  // A new version of a held document replaces it and is not counted twice.
  h.Add(Doc("a3", "", "", 2), 300);
  h.Commit();
  EXPECT_EQ(h.join().summaries(0), 2);
  EXPECT_EQ(h.Add(Doc("c3b", "a3"), 301), ThreadJoin::Added::kEnriched);
  h.Abort();
}

TEST(ThreadJoin, ARestoreKeepsTheSummariesAges) {
  JoinOptions o;
  o.summary_retention_ms = 1000;
  Harness h(o);
  h.Add(Doc("a"), 0);
  h.Add(Doc("b"), 500);
  h.Add(Doc("a", "", "", 2), 200);  // a replaced: aged from 200
  h.Commit();
  const auto log = h.log();
  for (const auto& restored : {log, h.Compacted()}) {
    h.RestoreFrom(restored, {0}, 9999);
    EXPECT_EQ(h.join().stats().summaries, 2);
    ASSERT_TRUE(h.join().Tick(1200).ok());
    h.Commit();
    EXPECT_EQ(h.join().stats().summaries, 1);  // a went, b stays
    EXPECT_EQ(h.Add(Doc("c", "b"), 1300), ThreadJoin::Added::kEnriched);
    h.Commit();
    ASSERT_TRUE(h.join().Tick(1500).ok());
    h.Commit();
    EXPECT_EQ(h.join().stats().summaries, 1);  // c
  }
}

TEST(ThreadJoin, ASummaryWrittenWithoutItsTimeAgesFromTheRestore) {
  JoinOptions o;
  o.summary_retention_ms = 1000;
  Harness h(o);
  ThreadDoc t;
  t.id = "old";
  t.version = 1;  // stored_ms 0: written before summaries had their time
  h.RestoreFrom({{0, ThreadJoin::SummaryKey("old"), t.Serialize()}}, {0}, 5000);
  EXPECT_EQ(h.join().stats().summaries, 1);
  ASSERT_TRUE(h.join().Tick(5999).ok());
  h.Commit();
  EXPECT_EQ(h.join().stats().summaries, 1);
  EXPECT_EQ(h.Add(Doc("c", "old"), 5999), ThreadJoin::Added::kEnriched);
  h.Add(Doc("old", "", "", 2), 5999);  // replaced: its restored age key found and dropped
  h.Commit();
  ASSERT_TRUE(h.join().Tick(6000).ok());
  h.Commit();
  EXPECT_EQ(h.join().stats().summaries, 2);
  ASSERT_TRUE(h.join().Tick(6999).ok());
  h.Commit();
  EXPECT_EQ(h.join().stats().summaries, 0);
}

TEST(ThreadDoc, SerializesAndParsesBack) {
  ThreadDoc t;
  t.id = "d1";
  t.version = 7;
  t.anchor = "2024-05-01";
  t.author = "someone";
  t.is_reply = true;
  t.has_question = true;
  t.text_head = "What?";
  t.person_names = {"Ann Lee", "Bo Chan"};
  t.names.Add("Ann Larsen", v1::PERSON, "Ann Larsen", "");
  t.names.Add("Normandy", v1::LOC, "Normandy", "geonames:3");
  t.names.Index();
  t.stances = {{"assad", v1::AGAINST}, {"nato", v1::FAVOR}};
  t.stored_ms = 1764000000000;
  auto back = ThreadDoc::Parse(t.Serialize());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->id, t.id);
  EXPECT_EQ(back->version, 7);
  EXPECT_EQ(back->anchor, t.anchor);
  EXPECT_EQ(back->author, t.author);
  EXPECT_TRUE(back->is_reply);
  EXPECT_TRUE(back->has_question);
  EXPECT_EQ(back->text_head, t.text_head);
  EXPECT_EQ(back->person_names, t.person_names);
  EXPECT_EQ(back->names, t.names);
  ThreadNames::Name n;
  ASSERT_TRUE(back->names.Find("larsen", &n)) << "a person's surname is a key";
  EXPECT_EQ(n.name, "Ann Larsen");
  ASSERT_TRUE(back->names.Find("normandy", &n));
  EXPECT_EQ(n.type, v1::LOC);
  EXPECT_EQ(n.id, "geonames:3");
  EXPECT_FALSE(back->names.Find("ann", &n));
  EXPECT_EQ(back->stances, t.stances);
  EXPECT_EQ(back->stored_ms, t.stored_ms);
}

TEST(ThreadDoc, ATextHeadCutInsideACharacterSurvives) {
  // The head is the text's first kTextHeadBytes bytes, wherever they end.
  v1::EnrichedDocument ed;
  ed.mutable_document()->set_id("d");
  std::string text = "x";
  while (text.size() < ThreadDoc::kTextHeadBytes + 10) text += "\xc3\xa9";  // é
  ed.mutable_document()->set_text(text);
  const ThreadDoc t = ThreadDoc::Of(ed);
  ASSERT_EQ(t.text_head.size(), ThreadDoc::kTextHeadBytes);
  auto back = ThreadDoc::Parse(t.Serialize());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->text_head, t.text_head);
}

}  // namespace
}  // namespace tidings::enrich
