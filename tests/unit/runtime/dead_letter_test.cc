// Dead letters are bounded: whatever the record, its dead letter fits in one
// Kafka record of the producer's limit and keeps the reason; a dead letter
// the producer still refuses is replaced by a minimal one.
#include <gtest/gtest.h>

#include <prometheus/registry.h>

#include "runtime/dead_letter.h"

namespace tidings::runtime {
namespace {

constexpr size_t kMiB = 1024 * 1024;

Message Raw(std::string key, std::string value) {
  Message m;
  m.topic = "tidings.raw.articles";
  m.partition = 2;
  m.offset = 41;
  m.key = std::move(key);
  m.value = std::move(value);
  return m;
}

// The bytes the producer would be asked to write: Kafka key + value.
size_t WireBytes(const Message& m, const v1::DeadLetter& dl) {
  return DeadLetterKey(m).size() + dl.ByteSizeLong();
}

TEST(DeadLetter, HugeKeyAndInvalidJsonFitsAndKeepsTheReason) {
  // The record that stalled ingest: 4.5 MiB key, small invalid JSON value.
  // Unbounded, its dead letter was key (Kafka) + key (original_key) +
  // value: 9 MiB, over the 8 MiB record limit.
  Message m = Raw(std::string(4 * kMiB + kMiB / 2, 'k'), R"({"id": "j1", "text": )");
  ASSERT_GT(2 * m.key.size(), static_cast<size_t>(kMaxRecordBytes));
  v1::DeadLetter dl = BuildDeadLetter(m, {"ingest", ErrorCode::kInvalidJson, "expected a value at byte 21", ""});

  EXPECT_LE(WireBytes(m, dl) + kDeadLetterOverheadBytes, static_cast<size_t>(kMaxRecordBytes));
  EXPECT_LE(WireBytes(m, dl), 4 * 1024u);  // about 2 KiB: the key twice, cut
  EXPECT_EQ(dl.error_code(), "invalid_json");
  EXPECT_EQ(dl.message(), "expected a value at byte 21");
  EXPECT_EQ(dl.stage(), "ingest");
  EXPECT_EQ(dl.original(), m.value);
  EXPECT_FALSE(dl.original_truncated());
  EXPECT_EQ(dl.original_size(), m.value.size());
  EXPECT_EQ(dl.original_key(), std::string(kMaxDeadLetterKeyBytes, 'k'));
  EXPECT_TRUE(dl.original_key_truncated());
  EXPECT_EQ(dl.original_key_size(), m.key.size());
  EXPECT_EQ(DeadLetterKey(m).size(), kMaxDeadLetterKeyBytes);
  EXPECT_EQ(dl.source_topic(), "tidings.raw.articles");
  EXPECT_EQ(dl.source_partition(), 2);
  EXPECT_EQ(dl.source_offset(), 41);
  EXPECT_FALSE(dl.minimal());

  v1::DeadLetter back;
  ASSERT_TRUE(back.ParseFromString(dl.SerializeAsString()));
  EXPECT_EQ(back.error_code(), "invalid_json");
  EXPECT_TRUE(back.original_key_truncated());
}

TEST(DeadLetter, HugeKeyAndLargeTextIsCutToTheOriginalLimit) {
  // The second stalling record: 2 MiB key, 5 MB text.
  Message m = Raw(std::string(2 * kMiB, 'k'), std::string(5'000'000, 't'));
  v1::DeadLetter dl = BuildDeadLetter(m, {"ingest", ErrorCode::kTooLarge, "field 'text' is 5000000 bytes", "b1"});
  EXPECT_LE(WireBytes(m, dl) + kDeadLetterOverheadBytes, static_cast<size_t>(kMaxRecordBytes));
  EXPECT_EQ(dl.original().size(), kMaxDeadLetterOriginalBytes);
  EXPECT_TRUE(dl.original_truncated());
  EXPECT_EQ(dl.original_size(), 5'000'000u);
  EXPECT_TRUE(dl.original_key_truncated());
  EXPECT_EQ(dl.document_id(), "b1");
  EXPECT_EQ(dl.error_code(), "too_large");
}

TEST(DeadLetter, OriginalIsCutToTheRecordLimitItIsGiven) {
  // A producer configured for 1 MB records (kafka_properties).
  const size_t limit = 1'000'000;
  Message m = Raw("key", std::string(3 * kMiB, 'v'));
  v1::DeadLetter dl = BuildDeadLetter(m, {"enrich", ErrorCode::kEnrichFailed, "boom", "d1"}, limit);
  EXPECT_LE(WireBytes(m, dl) + kDeadLetterOverheadBytes, limit);
  EXPECT_GT(dl.original().size(), limit / 2);  // cut to what fits, not to nothing
  EXPECT_TRUE(dl.original_truncated());
  EXPECT_EQ(dl.original_size(), 3 * kMiB);
  EXPECT_EQ(dl.original_key(), "key");
  EXPECT_FALSE(dl.original_key_truncated());
}

TEST(DeadLetter, SmallRecordsAreKeptWhole) {
  Message m = Raw("k", "not json");
  v1::DeadLetter dl = BuildDeadLetter(m, {"ingest", ErrorCode::kInvalidJson, "not JSON", ""});
  EXPECT_EQ(dl.original(), "not json");
  EXPECT_EQ(dl.original_key(), "k");
  EXPECT_FALSE(dl.original_truncated());
  EXPECT_FALSE(dl.original_key_truncated());
  EXPECT_EQ(dl.original_key_size(), 1u);
}

TEST(DeadLetter, MessageAndIdAreCutAtACharacterBoundary) {
  // 1 MiB of two-byte characters in the message, a 100 KiB id: cut, and
  // still valid UTF-8 (proto3 strings must be, or readers fail to parse).
  std::string message;
  for (int i = 0; i < 512 * 1024; ++i) message += "\xC3\xA9";  // é
  message = "x" + message;  // odd offset: a cut at the limit would split a character
  Message m = Raw("k", "{}");
  v1::DeadLetter dl = BuildDeadLetter(m, {"ingest", ErrorCode::kBadId, message, std::string(100 * 1024, 'i')});
  EXPECT_LE(dl.message().size(), kMaxDeadLetterMessageBytes);
  EXPECT_GE(dl.message().size(), kMaxDeadLetterMessageBytes - 1);
  EXPECT_EQ(dl.message().back(), '\xA9');
  EXPECT_EQ(dl.document_id().size(), kMaxDeadLetterIdBytes);
  v1::DeadLetter back;
  EXPECT_TRUE(back.ParseFromString(dl.SerializeAsString()));
}

TEST(DeadLetter, CutUtf8NeverSplitsACharacter) {
  EXPECT_EQ(CutUtf8("abc", 10), "abc");
  EXPECT_EQ(CutUtf8("ab\xE2\x82\xAC", 4), "ab");       // € is 3 bytes
  EXPECT_EQ(CutUtf8("ab\xE2\x82\xAC", 5), "ab\xE2\x82\xAC");
  EXPECT_EQ(CutUtf8("\xF0\x9F\x98\x80x", 3), "");      // 😀 is 4 bytes
}

TEST(DeadLetter, MinimalHasCoordinatesCodeAndSizesOnly) {
  Message m = Raw(std::string(4 * kMiB + kMiB / 2, 'k'), std::string(3 * kMiB, 'v'));
  v1::DeadLetter dl = BuildMinimalDeadLetter(m, {"ingest", ErrorCode::kInvalidJson, std::string(10000, 'm'), "id"});
  EXPECT_TRUE(dl.minimal());
  EXPECT_TRUE(dl.original().empty());
  EXPECT_TRUE(dl.original_key().empty());
  EXPECT_TRUE(dl.original_truncated());
  EXPECT_TRUE(dl.original_key_truncated());
  EXPECT_EQ(dl.original_size(), 3 * kMiB);
  EXPECT_EQ(dl.original_key_size(), m.key.size());
  EXPECT_EQ(dl.error_code(), "invalid_json");
  EXPECT_EQ(dl.stage(), "ingest");
  EXPECT_EQ(dl.source_topic(), "tidings.raw.articles");
  EXPECT_EQ(dl.source_partition(), 2);
  EXPECT_EQ(dl.source_offset(), 41);
  EXPECT_EQ(dl.document_id(), "id");
  EXPECT_LE(dl.message().size(), 256u);
  EXPECT_LT(dl.ByteSizeLong(), 1024u);
}

TEST(DeadLetterWriter, TakesTheProducersLimitAndFallsBackToAMinimalLetter) {
  // librdkafka's smallest record limit: even a cut dead letter with a 1 KiB
  // key does not fit, so the producer refuses it at once (no broker needed)
  // and the writer queues the minimal one instead of failing.
  KafkaOptions ko;
  ko.brokers = "127.0.0.1:1";
  ko.extra = {{"message.max.bytes", "1000"}, {"message.timeout.ms", "1000"}};
  auto producer = Producer::Create(ko);
  ASSERT_TRUE(producer.ok()) << producer.status().ToString();
  EXPECT_EQ((*producer)->max_record_bytes(), 1000u);
  prometheus::Registry registry;
  DeadLetterWriter writer(**producer, "tidings.dlq", "ingest", registry);

  Message m = Raw(std::string(4 * kMiB + kMiB / 2, 'k'), "not json");
  std::string full = writer.Build(m, ErrorCode::kInvalidJson, "not JSON", "").SerializeAsString();
  ASSERT_GT(full.size() + DeadLetterKey(m).size(), 1000u);
  // The full letter alone is refused as too large...
  EXPECT_EQ((*producer)->Produce("tidings.dlq", DeadLetterKey(m), full, {}, nullptr).code(), ErrorCode::kTooLarge);
  // ... the writer gets a (minimal) dead letter queued.
  EXPECT_TRUE(writer.Write(m, ErrorCode::kInvalidJson, "not JSON", "", nullptr).ok());
}

}  // namespace
}  // namespace tidings::runtime
