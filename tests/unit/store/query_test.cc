// The store's secondary index keys and the query library, over an
// in-memory view (the RocksDB-backed one is tested with the store).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "store/index.h"
#include "store/query.h"
#include "tests/unit/store/memory_index.h"

namespace tidings::store {
namespace {

v1::EnrichedDocument Doc(const std::string& id, const std::string& published, const std::string& source = "guardian") {
  v1::EnrichedDocument d;
  d.mutable_document()->set_id(id);
  d.mutable_document()->set_kind("article");
  d.mutable_document()->set_source(source);
  d.mutable_document()->set_published_at(published);
  d.set_language_detected("en");
  return d;
}

void AddEntity(v1::EnrichedDocument& d, const std::string& id, const std::string& name,
               v1::EntityType type = v1::PERSON) {
  auto* e = d.add_entities();
  e->set_id(id);
  e->set_name(name);
  e->set_type(type);
}

void AddStance(v1::EnrichedDocument& d, const std::string& target, v1::StanceLabel label) {
  auto* s = d.add_stances();
  s->set_target(target);
  s->set_label(label);
}

std::vector<std::string> Ids(const Page& p) {
  std::vector<std::string> out;
  for (const auto& d : p.documents) out.push_back(d.document().id());
  return out;
}

TEST(StoreIndex, TimesParseAndSortNewestFirst) {
  EXPECT_EQ(ParseTimeMs("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseTimeMs("1970-01-02"), 86400000);
  EXPECT_EQ(ParseTimeMs("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(ParseTimeMs("1970-01-01T00:00:00.250Z"), 250);
  EXPECT_EQ(ParseTimeMs("2016-10-20T08:00:00Z"), 1476950400000);
  EXPECT_FALSE(ParseTimeMs("yesterday"));
  EXPECT_FALSE(ParseTimeMs("2016-13-01"));
  EXPECT_LT(TimeBytes(2000), TimeBytes(1000));
  EXPECT_LT(TimeBytes(1000), TimeBytes(-5));
  EXPECT_LT(TimeBytes(-5), TimeBytes(kNoTime));
  for (int64_t t : {int64_t{0}, int64_t{1476950400000}, int64_t{-86400000}, kNoTime})
    EXPECT_EQ(TimeFromBytes(TimeBytes(t)), t);
  EXPECT_EQ(DayOf(1476950400000), "2016-10-20");
  EXPECT_EQ(DayOf(-1), "1969-12-31");
}

TEST(StoreIndex, KeysCoverEveryIndexedField) {
  auto d = Doc("a1", "2016-10-20T08:00:00Z");
  d.mutable_document()->set_author("Jane Roe");
  AddEntity(d, "Q42", "Douglas Adams");
  AddEntity(d, "Q42", "Douglas Adams");  // twice in the text: one entry
  auto* date = d.add_dates();
  date->set_type(v1::DATE);
  date->set_value("2016-10-19");
  AddStance(d, "assad", v1::AGAINST);
  const auto keys = IndexKeys(d);
  std::set<char> fields;
  for (const auto& k : keys) {
    auto e = ParseIndexKey(k);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->id, "a1");
    EXPECT_EQ(e->time_ms, 1476950400000);
    fields.insert(static_cast<char>(e->field));
  }
  EXPECT_EQ(fields, (std::set<char>{'e', 'n', 'm', 's', 'p', 'o', 'a', 'k', 'l'}));
  // One entity key, three date granularities.
  EXPECT_EQ(std::count_if(keys.begin(), keys.end(), [](const std::string& k) { return k[0] == 'e'; }), 1);
  EXPECT_EQ(std::count_if(keys.begin(), keys.end(), [](const std::string& k) { return k[0] == 'm'; }), 3);
}

TEST(StoreQuery, EntityFilterNewestFirstWithCursorPages) {
  MemoryIndex idx;
  for (int i = 0; i < 7; ++i) {
    auto d = Doc("d" + std::to_string(i), "2016-10-1" + std::to_string(i) + "T00:00:00Z");
    if (i % 2 == 0) AddEntity(d, "Q1", "Bashar al-Assad");
    idx.Put(d);
  }
  Query q;
  q.entity = "Q1";
  q.limit = 2;
  auto p1 = FindDocuments(idx, q);
  ASSERT_TRUE(p1.ok()) << p1.status().ToString();
  EXPECT_EQ(Ids(*p1), (std::vector<std::string>{"d6", "d4"}));
  ASSERT_FALSE(p1->next_cursor.empty());
  q.cursor = p1->next_cursor;
  auto p2 = FindDocuments(idx, q);
  ASSERT_TRUE(p2.ok());
  EXPECT_EQ(Ids(*p2), (std::vector<std::string>{"d2", "d0"}));
  // By canonical name too.
  Query byname;
  byname.entity = "Bashar al-Assad";
  auto c = CountDocuments(idx, byname);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->documents, 4u);
  EXPECT_FALSE(c->partial);
}

TEST(StoreQuery, FiltersCombineWithAndAndTimeBounds) {
  MemoryIndex idx;
  auto a = Doc("a", "2016-10-01T00:00:00Z", "guardian");
  AddStance(a, "assad", v1::AGAINST);
  auto b = Doc("b", "2016-10-05T00:00:00Z", "guardian");
  AddStance(b, "assad", v1::FAVOR);
  auto c = Doc("c", "2016-10-09T00:00:00Z", "jacobin");
  AddStance(c, "assad", v1::AGAINST);
  auto d = Doc("d", "2016-11-09T00:00:00Z", "guardian");
  AddStance(d, "assad", v1::AGAINST);
  for (const auto& x : {a, b, c, d}) idx.Put(x);
  Query q;
  q.target = "assad";
  q.stance = "AGAINST";
  q.source = "guardian";
  auto p = FindDocuments(idx, q);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Ids(*p), (std::vector<std::string>{"d", "a"}));
  q.to_ms = ParseTimeMs("2016-10-31");
  p = FindDocuments(idx, q);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Ids(*p), (std::vector<std::string>{"a"}));
  Query range;
  range.from_ms = ParseTimeMs("2016-10-05");
  range.to_ms = ParseTimeMs("2016-10-09");
  auto n = CountDocuments(idx, range);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->documents, 2u);
}

TEST(StoreQuery, MentionedDatesOverlapTheRange) {
  MemoryIndex idx;
  auto a = Doc("a", "2016-10-20T00:00:00Z");
  auto* m = a.add_dates();
  m->set_type(v1::DATE);
  m->set_value("2016-10");
  auto b = Doc("b", "2016-10-21T00:00:00Z");
  m = b.add_dates();
  m->set_type(v1::DATE);
  m->set_value("2015-03-02");
  idx.Put(a);
  idx.Put(b);
  Query q;
  q.mentions_from = "2016-10-05";
  q.mentions_to = "2016-10-07";
  auto p = FindDocuments(idx, q);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Ids(*p), (std::vector<std::string>{"a"}));
  q.mentions_from = "2015";
  q.mentions_to = "2015";
  p = FindDocuments(idx, q);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Ids(*p), (std::vector<std::string>{"b"}));
}

TEST(StoreQuery, ReplacedDocumentsLeaveNoStaleEntries) {
  MemoryIndex idx;
  auto v1d = Doc("x", "2016-10-01T00:00:00Z");
  AddEntity(v1d, "Q1", "Old");
  idx.Put(v1d);
  auto v2d = Doc("x", "2016-10-01T00:00:00Z");
  AddEntity(v2d, "Q2", "New");
  idx.Put(v2d);
  Query q;
  q.entity = "Q1";
  auto c = CountDocuments(idx, q);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->documents, 0u);
}

TEST(StoreQuery, ScanCapGivesAPartialPageWithACursor) {
  MemoryIndex idx;
  for (int i = 0; i < 50; ++i) idx.Put(Doc("d" + std::to_string(100 + i), "2016-10-01T00:00:00Z", "s"));
  auto x = Doc("hit", "2015-01-01T00:00:00Z", "s");
  x.mutable_document()->set_author("rare");
  idx.Put(x);
  Query q;
  q.source = "s";
  q.author = "rare";
  q.max_scan = 20;
  auto p = FindDocuments(idx, q);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->partial);
  EXPECT_TRUE(p->documents.empty());
  EXPECT_EQ(p->scanned, 20u);
  ASSERT_FALSE(p->next_cursor.empty());
  // Following the cursors reaches the hit.
  std::vector<std::string> found;
  for (int guard = 0; guard < 10 && !p->next_cursor.empty(); ++guard) {
    q.cursor = p->next_cursor;
    p = FindDocuments(idx, q);
    ASSERT_TRUE(p.ok());
    for (const auto& id : Ids(*p)) found.push_back(id);
  }
  EXPECT_EQ(found, (std::vector<std::string>{"hit"}));
}

TEST(StoreQuery, BadParametersAreNamed) {
  MemoryIndex idx;
  Query q;
  q.limit = kMaxPageSize + 1;
  EXPECT_NE(FindDocuments(idx, q).status().message().find("'limit'"), std::string::npos);
  q = {};
  q.stance = "FAVOR";
  EXPECT_NE(FindDocuments(idx, q).status().message().find("'stance'"), std::string::npos);
  q = {};
  q.mentions_from = "Oct 2016";
  EXPECT_NE(FindDocuments(idx, q).status().message().find("'mentions_from'"), std::string::npos);
  q = {};
  q.cursor = "zz";
  EXPECT_NE(FindDocuments(idx, q).status().message().find("'cursor'"), std::string::npos);
}

TEST(StoreQuery, StanceOverTimeByWeekAndMonth) {
  MemoryIndex idx;
  // 2016-10-17 is a Monday.
  const char* days[] = {"2016-10-17", "2016-10-19", "2016-10-23", "2016-10-24", "2016-11-02"};
  const v1::StanceLabel labels[] = {v1::FAVOR, v1::AGAINST, v1::AGAINST, v1::NONE, v1::FAVOR};
  for (int i = 0; i < 5; ++i) {
    auto d = Doc("d" + std::to_string(i), std::string(days[i]) + "T12:00:00Z");
    AddStance(d, "assad", labels[i]);
    idx.Put(d);
  }
  auto w = StanceOverTime(idx, "assad", Interval::kWeek, std::nullopt, std::nullopt);
  ASSERT_TRUE(w.ok());
  ASSERT_EQ(w->buckets.size(), 3u);
  EXPECT_EQ(w->buckets[0].start, "2016-10-17");
  EXPECT_EQ(w->buckets[0].favor, 1u);
  EXPECT_EQ(w->buckets[0].against, 2u);
  EXPECT_EQ(w->buckets[1].start, "2016-10-24");
  EXPECT_EQ(w->buckets[1].none, 1u);
  EXPECT_EQ(w->buckets[2].start, "2016-10-31");
  EXPECT_EQ(w->undated.favor + w->undated.against + w->undated.none, 0u);
  auto m = StanceOverTime(idx, "assad", Interval::kMonth, ParseTimeMs("2016-10-18"), std::nullopt);
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->buckets.size(), 2u);
  EXPECT_EQ(m->buckets[0].start, "2016-10-01");
  EXPECT_EQ(m->buckets[0].favor + m->buckets[0].against + m->buckets[0].none, 3u);
}

// A document without a time is in no bucket, but it is counted, so that
// the buckets and the stance filter's count can be told apart.
TEST(StoreQuery, StanceOverTimeCountsDocumentsWithoutATime) {
  MemoryIndex idx;
  auto dated = Doc("dated", "2016-10-17T12:00:00Z");
  AddStance(dated, "assad", v1::AGAINST);
  idx.Put(dated);
  for (const char* id : {"u1", "u2"}) {
    auto d = Doc(id, "");
    AddStance(d, "assad", v1::AGAINST);
    idx.Put(d);
  }
  auto u = Doc("u3", "");
  AddStance(u, "assad", v1::NONE);
  idx.Put(u);
  auto all = StanceOverTime(idx, "assad", Interval::kWeek, std::nullopt, std::nullopt);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->buckets.size(), 1u);
  EXPECT_EQ(all->buckets[0].against, 1u);
  EXPECT_EQ(all->undated.against, 2u);
  EXPECT_EQ(all->undated.none, 1u);
  EXPECT_EQ(all->undated.favor, 0u);
  // Either bound is a range, which a document without a time is not in.
  for (auto [from, to] : {std::pair{ParseTimeMs("2016-01-01"), std::optional<int64_t>{}},
                          std::pair{std::optional<int64_t>{}, ParseTimeMs("2017-01-01")}}) {
    auto ranged = StanceOverTime(idx, "assad", Interval::kWeek, from, to);
    ASSERT_TRUE(ranged.ok());
    ASSERT_EQ(ranged->buckets.size(), 1u);
    EXPECT_EQ(ranged->buckets[0].against, 1u);
    EXPECT_EQ(ranged->undated.against + ranged->undated.none, 0u);
  }
  // Nor in a search bounded by `to` alone.
  Query q;
  q.to_ms = ParseTimeMs("2017-01-01");
  q.target = "assad";
  q.stance = "AGAINST";
  auto page = FindDocuments(idx, q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->documents.size(), 1u);
  EXPECT_EQ(page->documents[0].document().id(), "dated");
}

TEST(StoreQuery, TopAndCooccurringEntitiesCountDocuments) {
  MemoryIndex idx;
  auto a = Doc("a", "2016-10-01T00:00:00Z");
  AddEntity(a, "Q1", "Assad");
  AddEntity(a, "Q1", "Assad");
  AddEntity(a, "Q2", "Putin");
  auto b = Doc("b", "2016-10-02T00:00:00Z");
  AddEntity(b, "Q1", "Assad");
  AddEntity(b, "Q3", "Syria", v1::LOC);
  idx.Put(a);
  idx.Put(b);
  auto top = TopEntities(idx, std::nullopt, std::nullopt, "", 10);
  ASSERT_TRUE(top.ok());
  ASSERT_EQ(top->entities.size(), 3u);
  EXPECT_EQ(top->entities[0].id, "Q1");
  EXPECT_EQ(top->entities[0].documents, 2u);
  auto loc = TopEntities(idx, std::nullopt, std::nullopt, "LOC", 10);
  ASSERT_TRUE(loc.ok());
  ASSERT_EQ(loc->entities.size(), 1u);
  EXPECT_EQ(loc->entities[0].name, "Syria");
  auto co = Cooccurring(idx, "Q1", 10);
  ASSERT_TRUE(co.ok());
  ASSERT_EQ(co->entities.size(), 2u);
  EXPECT_EQ(co->entities[0].documents, 1u);
}

}  // namespace
}  // namespace tidings::store
