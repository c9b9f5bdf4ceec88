// PartitionOfKey: the partition librdkafka's partitioners give a key, pinned
// against independent computations (zlib's CRC-32; the Java client's
// murmur2, whose murmur2("21") is -973932308), so that the store maps a
// thread id to the partition the enricher wrote it to.
#include <gtest/gtest.h>

#include "runtime/kafka.h"

namespace tidings::runtime {
namespace {

TEST(KeyPartitioner, ParsesLibrdkafkaNames) {
  EXPECT_EQ(*ParseKeyPartitioner("consistent_random"), KeyPartitioner::kCrc32);
  EXPECT_EQ(*ParseKeyPartitioner("consistent"), KeyPartitioner::kCrc32);
  EXPECT_EQ(*ParseKeyPartitioner("murmur2_random"), KeyPartitioner::kMurmur2);
  EXPECT_EQ(*ParseKeyPartitioner("murmur2"), KeyPartitioner::kMurmur2);
  EXPECT_EQ(*ParseKeyPartitioner("fnv1a_random"), KeyPartitioner::kFnv1a);
  EXPECT_EQ(*ParseKeyPartitioner("fnv1a"), KeyPartitioner::kFnv1a);
  auto random = ParseKeyPartitioner("random");
  ASSERT_FALSE(random.ok());
  EXPECT_EQ(random.status().code(), ErrorCode::kConfig);
  EXPECT_FALSE(ParseKeyPartitioner("crc32").ok());
}

TEST(KeyPartitioner, Crc32IsLibrdkafkasDefault) {
  // zlib.crc32(key) % n
  EXPECT_EQ(PartitionOfKey(KeyPartitioner::kCrc32, "a1", 6), 5);
  EXPECT_EQ(PartitionOfKey(KeyPartitioner::kCrc32, "r0-seed-a1", 6), 3);
  EXPECT_EQ(PartitionOfKey(KeyPartitioner::kCrc32, "thread-42", 6), 5);
  EXPECT_EQ(PartitionOfKey(KeyPartitioner::kCrc32, "tidings", 7), 6);
}

TEST(KeyPartitioner, Murmur2IsTheJavaClients) {
  // (murmur2(key) & 0x7fffffff) % n
  EXPECT_EQ(PartitionOfKey(KeyPartitioner::kMurmur2, "a1", 6), 5);
  EXPECT_EQ(PartitionOfKey(KeyPartitioner::kMurmur2, "r0-seed-a1", 6), 2);
  EXPECT_EQ(PartitionOfKey(KeyPartitioner::kMurmur2, "thread-42", 7), 0);
  EXPECT_EQ(PartitionOfKey(KeyPartitioner::kMurmur2, "tidings", 7), 2);
}

TEST(KeyPartitioner, EveryKeyLandsInRange) {
  for (auto p : {KeyPartitioner::kCrc32, KeyPartitioner::kMurmur2, KeyPartitioner::kFnv1a})
    for (int i = 0; i < 1000; ++i) {
      const int32_t n = 1 + i % 13;
      const int32_t part = PartitionOfKey(p, "thread-" + std::to_string(i), n);
      EXPECT_GE(part, 0);
      EXPECT_LT(part, n);
    }
}

}  // namespace
}  // namespace tidings::runtime
