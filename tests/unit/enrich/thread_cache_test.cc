#include "enrich/thread_cache.h"

#include <gtest/gtest.h>

namespace tidings::enrich {
namespace {

v1::EnrichedDocument Doc(const std::string& id) {
  v1::EnrichedDocument d;
  d.mutable_document()->set_id(id);
  d.mutable_document()->set_text("text of " + id);
  (*d.mutable_document()->mutable_extra())["votes"] = "3";
  return d;
}

TEST(ThreadCache, KeepsTheMostRecentlyUsedWithinCapacity) {
  ThreadCache cache(2);
  cache.Put(Doc("a1"));
  cache.Put(Doc("c1"));
  ASSERT_NE(cache.Find("a1"), nullptr);  // a1 is now the most recent
  cache.Put(Doc("c2"));                   // evicts c1
  EXPECT_EQ(cache.Find("c1"), nullptr);
  ASSERT_NE(cache.Find("a1"), nullptr);
  EXPECT_EQ(cache.Find("a1")->document().text(), "text of a1");
  EXPECT_TRUE(cache.Find("a1")->document().extra().empty());  // pass-through fields are not kept
  EXPECT_EQ(cache.size(), 2u);
}

TEST(ThreadCache, ReplacesAnUpdatedDocument) {
  ThreadCache cache(4);
  cache.Put(Doc("a1"));
  auto updated = Doc("a1");
  updated.mutable_document()->set_text("new");
  cache.Put(updated);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.Find("a1")->document().text(), "new");
}

// Comment C v1 is deferred (parent missing), C v2 is enriched, then the
// deferred copy of v1 comes back: the cache keeps v2.
TEST(ThreadCache, NeverReplacesAHigherVersion) {
  ThreadCache cache(4);
  auto v2 = Doc("c1");
  v2.mutable_document()->mutable_ingest()->set_version(2);
  v2.mutable_document()->set_text("v2");
  auto v1 = Doc("c1");
  v1.mutable_document()->mutable_ingest()->set_version(1);
  v1.mutable_document()->set_text("v1");
  EXPECT_TRUE(cache.Put(v2));
  EXPECT_FALSE(cache.Put(v1));
  ASSERT_NE(cache.Find("c1"), nullptr);
  EXPECT_EQ(cache.Find("c1")->document().ingest().version(), 2u);
  EXPECT_EQ(cache.Find("c1")->document().text(), "v2");
  auto v2again = v2;
  v2again.mutable_document()->set_text("v2 again");
  EXPECT_TRUE(cache.Put(v2again));  // the same version replaces (a replay)
  EXPECT_EQ(cache.Find("c1")->document().text(), "v2 again");
  auto v3 = Doc("c1");
  v3.mutable_document()->mutable_ingest()->set_version(3);
  EXPECT_TRUE(cache.Put(v3));
  EXPECT_EQ(cache.Find("c1")->document().ingest().version(), 3u);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(ThreadCache, ABytesCapBoundsHugeDocuments) {
  // Issue 11: 200 one-MB articles took enrich from 125 MB to 987 MB.
  ThreadCache cache(100000, 50u << 20);
  for (int i = 0; i < 200; ++i) {
    v1::EnrichedDocument d;
    d.mutable_document()->set_id("a" + std::to_string(i));
    d.mutable_document()->set_text(std::string(1 << 20, 'x'));
    ASSERT_TRUE(cache.Put(d));
  }
  EXPECT_LE(cache.bytes(), 50u << 20);
  EXPECT_GE(cache.size(), 40u);
  EXPECT_NE(cache.Find("a199"), nullptr);  // the newest stay
  EXPECT_EQ(cache.Find("a0"), nullptr);
  // One document over the cap is still kept (the newest always is).
  ThreadCache tiny(10, 1000);
  v1::EnrichedDocument big;
  big.mutable_document()->set_id("big");
  big.mutable_document()->set_text(std::string(5000, 'y'));
  ASSERT_TRUE(tiny.Put(big));
  EXPECT_NE(tiny.Find("big"), nullptr);
}

TEST(ThreadCache, CapacityZeroKeepsNothing) {
  ThreadCache cache(0);
  cache.Put(Doc("a1"));
  EXPECT_EQ(cache.Find("a1"), nullptr);
}

}  // namespace
}  // namespace tidings::enrich
