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

TEST(ThreadCache, CapacityZeroKeepsNothing) {
  ThreadCache cache(0);
  cache.Put(Doc("a1"));
  EXPECT_EQ(cache.Find("a1"), nullptr);
}

}  // namespace
}  // namespace tidings::enrich
