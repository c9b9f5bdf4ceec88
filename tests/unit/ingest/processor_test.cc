#include "ingest/processor.h"

#include <gtest/gtest.h>

#include "ingest/normalize.h"

namespace tidings::ingest {
namespace {

using namespace std::chrono_literals;

class FakeClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override { return now; }
  std::chrono::system_clock::time_point now{std::chrono::sys_days{std::chrono::year{2016} /
                                                                  10 / 20} + 9h + 12min + 5s +
                                            250ms};
};

// A dedup store that records calls, to check the processor's use of it.
class FakeDedup final : public DedupStore {
 public:
  std::optional<DedupEntry> Lookup(std::string_view id) override {
    ++lookups;
    return inner.Lookup(id);
  }
  void Put(std::string_view id, DedupEntry e) override {
    ++puts;
    inner.Put(id, std::move(e));
  }
  std::size_t Size() const override { return inner.Size(); }
  LruDedupStore inner{100};
  int lookups = 0;
  int puts = 0;
};

Record JsonRecord(std::string value, std::int64_t offset, std::string topic = "tidings.raw") {
  Record r;
  r.topic = std::move(topic);
  r.partition = 3;
  r.offset = offset;
  r.key = "k";
  r.value = std::move(value);
  r.headers.push_back({"Content-Type", "application/json"});
  return r;
}

constexpr const char* kArticle =
    R"({"id":"ns-1","kind":"article","title":"T","text":"Body text.\r\n\r\n\r\nMore.  "})";
constexpr const char* kComment =
    R"({"id":"c-1","kind":"comment","thread_id":"ns-1","parent_id":"ns-1","text":"Spot on."})";

class ProcessorTest : public ::testing::Test {
 protected:
  FakeClock clock;
  FakeDedup dedup;
  Processor processor{Limits{}, dedup, clock};
};

TEST_F(ProcessorTest, PublishesArticleKeyedByItsOwnId) {
  Outcome out = processor.Process(JsonRecord(kArticle, 42));
  ASSERT_TRUE(std::holds_alternative<Publish>(out)) << OutcomeLabel(out);
  const auto& p = std::get<Publish>(out);
  EXPECT_EQ(p.key, "ns-1");
  EXPECT_FALSE(p.update);
  EXPECT_EQ(p.doc.text(), "Body text.\n\nMore.");
  const auto& ing = p.doc.ingest();
  EXPECT_EQ(ing.received_at(), "2016-10-20T09:12:05.250Z");
  EXPECT_EQ(ing.content_hash(), ContentHash(p.doc));
  EXPECT_EQ(ing.source_topic(), "tidings.raw");
  EXPECT_EQ(ing.source_partition(), 3);
  EXPECT_EQ(ing.source_offset(), 42);
  EXPECT_EQ(ing.version(), 1u);
  EXPECT_EQ(OutcomeLabel(out), "published");
}

TEST_F(ProcessorTest, CommentKeyedByThreadId) {
  Outcome out = processor.Process(JsonRecord(kComment, 1));
  ASSERT_TRUE(std::holds_alternative<Publish>(out));
  EXPECT_EQ(std::get<Publish>(out).key, "ns-1");
}

TEST_F(ProcessorTest, SameContentAgainIsADuplicate) {
  ASSERT_TRUE(std::holds_alternative<Publish>(processor.Process(JsonRecord(kArticle, 1))));
  // Same content, different line endings: same after normalisation.
  Outcome out = processor.Process(JsonRecord(
      R"({"id":"ns-1","kind":"article","title":"T","text":"Body text.\n\nMore."})", 2));
  ASSERT_TRUE(std::holds_alternative<Duplicate>(out)) << OutcomeLabel(out);
  EXPECT_EQ(std::get<Duplicate>(out).id, "ns-1");
  EXPECT_EQ(std::get<Duplicate>(out).version, 1u);
  EXPECT_EQ(OutcomeLabel(out), "duplicate");
}

TEST_F(ProcessorTest, NewContentIsAnUpdateWithNextVersion) {
  ASSERT_TRUE(std::holds_alternative<Publish>(processor.Process(JsonRecord(kArticle, 1))));
  Outcome out = processor.Process(
      JsonRecord(R"j({"id":"ns-1","kind":"article","title":"T (corrected)","text":"Body."})j", 2));
  ASSERT_TRUE(std::holds_alternative<Publish>(out));
  EXPECT_TRUE(std::get<Publish>(out).update);
  EXPECT_EQ(std::get<Publish>(out).doc.ingest().version(), 2u);
  EXPECT_EQ(OutcomeLabel(out), "updated");
  out = processor.Process(JsonRecord(kArticle, 3));  // back to the first content
  ASSERT_TRUE(std::holds_alternative<Publish>(out));
  EXPECT_EQ(std::get<Publish>(out).doc.ingest().version(), 3u);
}

TEST_F(ProcessorTest, ReprocessingTheSameRecordIsAReplayNotADuplicate) {
  ASSERT_TRUE(std::holds_alternative<Publish>(processor.Process(JsonRecord(kArticle, 9))));
  Outcome again = processor.Process(JsonRecord(kArticle, 9));  // publish failed; retried
  ASSERT_TRUE(std::holds_alternative<Publish>(again)) << OutcomeLabel(again);
  EXPECT_EQ(std::get<Publish>(again).doc.ingest().version(), 1u);
  // The same record from another topic is a duplicate, though.
  Outcome other = processor.Process(JsonRecord(kArticle, 9, "tidings.other"));
  EXPECT_TRUE(std::holds_alternative<Duplicate>(other));
}

TEST_F(ProcessorTest, DeadLettersCarryCodeMessageAndId) {
  Outcome out = processor.Process(JsonRecord(R"({"id":"c-9","kind":"comment","text":"x"})", 5));
  ASSERT_TRUE(std::holds_alternative<DeadLetter>(out));
  const auto& dl = std::get<DeadLetter>(out);
  EXPECT_EQ(dl.code, ErrorCode::kMissingThread);
  EXPECT_EQ(dl.document_id, "c-9");
  EXPECT_EQ(OutcomeLabel(out), "dead_letter");
  EXPECT_EQ(dedup.puts, 0);

  Record rec = JsonRecord("not json", 6);
  out = processor.Process(rec);
  ASSERT_TRUE(std::holds_alternative<DeadLetter>(out));
  EXPECT_EQ(std::get<DeadLetter>(out).code, ErrorCode::kInvalidJson);
}

TEST_F(ProcessorTest, ProtobufByHeaderAndBySniffing) {
  v1::Document d;
  d.set_id("p-1");
  d.set_kind("article");
  d.set_text("Protobuf body");
  Record r = JsonRecord(d.SerializeAsString(), 1);
  r.headers = {{"content-type", "application/x-protobuf"}};
  Outcome out = processor.Process(r);
  ASSERT_TRUE(std::holds_alternative<Publish>(out)) << std::get<DeadLetter>(out).message;
  r.headers.clear();
  r.offset = 2;
  EXPECT_TRUE(std::holds_alternative<Duplicate>(processor.Process(r)));
}

TEST_F(ProcessorTest, IncomingIngestInfoIsOverwritten) {
  Outcome out = processor.Process(JsonRecord(
      R"({"id":"x","kind":"article","text":"t","ingest":{"version":99,"source_topic":"forged"}})",
      4));
  ASSERT_TRUE(std::holds_alternative<Publish>(out));
  EXPECT_EQ(std::get<Publish>(out).doc.ingest().version(), 1u);
  EXPECT_EQ(std::get<Publish>(out).doc.ingest().source_topic(), "tidings.raw");
}

TEST(FormatRfc3339, Epoch) {
  EXPECT_EQ(FormatRfc3339(std::chrono::system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
}

}  // namespace
}  // namespace tidings::ingest
