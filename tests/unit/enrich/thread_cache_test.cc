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

TEST(ThreadCache, CapacityZeroKeepsNothing) {
  ThreadCache cache(0);
  cache.Put(Doc("a1"));
  EXPECT_EQ(cache.Find("a1"), nullptr);
}

}  // namespace
}  // namespace tidings::enrich
