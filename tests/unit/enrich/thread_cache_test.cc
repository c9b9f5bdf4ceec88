#include "enrich/thread_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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
  EXPECT_EQ(cache.Find("a1")->text_head, "text of a1");
  EXPECT_EQ(cache.size(), 2u);
}

// Issue 12: the cache keeps what a reply reads of its parent, not the
// enriched document: a 1 MB article costs a few KB.
TEST(ThreadCache, KeepsASummaryOfWhatRepliesRead) {
  v1::EnrichedDocument d = Doc("a1");
  d.mutable_document()->set_text(std::string(1 << 20, 'x') + "?");
  d.mutable_document()->set_author("Ann Author");
  d.mutable_anchor()->set_value("2016-02-25T00:00:00Z");
  for (int i = 0; i < 3; ++i) {
    auto* m = d.add_entities();
    m->set_type(v1::PERSON);
    m->set_name(i == 2 ? "Putin" : "Vladimir Putin");  // full names, each once
  }
  auto* s = d.add_stances();
  s->set_target("us_policy");
  s->set_label(v1::AGAINST);
  ThreadCache cache(4);
  ASSERT_TRUE(cache.Put(d));
  const ThreadDoc* t = cache.Find("a1");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->anchor, "2016-02-25T00:00:00Z");
  EXPECT_EQ(t->author, "Ann Author");
  EXPECT_EQ(t->person_names, std::vector<std::string>{"Vladimir Putin"});
  ASSERT_EQ(t->stances.size(), 1u);
  EXPECT_EQ(t->stances[0].first, "us_policy");
  EXPECT_EQ(t->stances[0].second, v1::AGAINST);
  EXPECT_TRUE(t->has_question);  // anywhere in the text
  EXPECT_FALSE(t->is_reply);
  EXPECT_EQ(t->text_head.size(), ThreadDoc::kTextHeadBytes);
  EXPECT_LT(cache.bytes(), 4096u);
}

TEST(ThreadCache, ReplacesAnUpdatedDocument) {
  ThreadCache cache(4);
  cache.Put(Doc("a1"));
  auto updated = Doc("a1");
  updated.mutable_document()->set_text("new");
  cache.Put(updated);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.Find("a1")->text_head, "new");
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
  EXPECT_EQ(cache.Find("c1")->version, 2);
  EXPECT_EQ(cache.Find("c1")->text_head, "v2");
  auto v2again = v2;
  v2again.mutable_document()->set_text("v2 again");
  EXPECT_TRUE(cache.Put(v2again));  // the same version replaces (a replay)
  EXPECT_EQ(cache.Find("c1")->text_head, "v2 again");
  auto v3 = Doc("c1");
  v3.mutable_document()->mutable_ingest()->set_version(3);
  EXPECT_TRUE(cache.Put(v3));
  EXPECT_EQ(cache.Find("c1")->version, 3);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(ThreadCache, ABytesCapBoundsHugeDocuments) {
  // Issue 11: 200 one-MB articles took enrich from 125 MB to 987 MB. Their
  // summaries are a few KB each; a cap of 40 of them keeps about 40.
  v1::EnrichedDocument one;
  one.mutable_document()->set_id("a0");
  one.mutable_document()->set_text(std::string(1 << 20, 'x'));
  ThreadCache probe(1);
  probe.Put(one);
  const size_t cap = 40 * probe.bytes();
  ThreadCache cache(100000, cap);
  for (int i = 0; i < 200; ++i) {
    v1::EnrichedDocument d;
    d.mutable_document()->set_id("a" + std::to_string(i));
    d.mutable_document()->set_text(std::string(1 << 20, 'x'));
    ASSERT_TRUE(cache.Put(d));
  }
  EXPECT_LE(cache.bytes(), cap);
  EXPECT_GE(cache.size(), 35u);
  EXPECT_NE(cache.Find("a199"), nullptr);  // the newest stay
  EXPECT_EQ(cache.Find("a0"), nullptr);
  // One document over the cap is still kept (the newest always is).
  ThreadCache tiny(10, 1000);
  v1::EnrichedDocument big;
  big.mutable_document()->set_id("big");
  big.mutable_document()->set_text(std::string(5000, 'y'));
  for (int i = 0; i < 50; ++i) big.add_stances()->set_target("target number " + std::to_string(i));
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
