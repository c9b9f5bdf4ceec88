// The store's index through RocksDB: written with the documents, replaced
// versions' entries gone, read through a snapshot view, rebuilt for a store
// written before the index.
#include <gtest/gtest.h>

#include <rocksdb/db.h>

#include "store/store.h"
#include "tests/unit/store/store_test_util.h"

namespace tidings::store {
namespace {

v1::EnrichedDocument Tagged(const std::string& id, uint32_t version, const std::string& entity,
                            const std::string& published) {
  auto d = testutil::Doc(id, version);
  d.mutable_document()->set_published_at(published);
  auto* e = d.add_entities();
  e->set_id(entity);
  e->set_name("Name of " + entity);
  e->set_type(v1::PERSON);
  return d;
}

size_t Count(const Store& s, const std::string& entity) {
  auto view = s.View();
  EXPECT_TRUE(view.ok()) << view.status().ToString();
  if (!view.ok()) return 0;
  Query q;
  q.entity = entity;
  auto c = CountDocuments(**view, q);
  EXPECT_TRUE(c.ok());
  return c.ok() ? c->documents : 0;
}

TEST(StoreIndexDb, EntriesFollowTheDocumentsVersions) {
  testutil::TempDir dir;
  auto s = Store::Open(dir.path() + "/db");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z"),
                                Tagged("b", 1, "Q1", "2016-10-02T00:00:00Z")},
                               {{"t", 0, 2}})
                  .ok());
  EXPECT_EQ(Count(**s, "Q1"), 2u);
  // v2 of a links another entity: its Q1 entry goes.
  ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 2, "Q2", "2016-10-01T00:00:00Z")}, {{"t", 0, 3}}).ok());
  EXPECT_EQ(Count(**s, "Q1"), 1u);
  EXPECT_EQ(Count(**s, "Q2"), 1u);
  // A stale v1 changes nothing.
  ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z")}, {{"t", 0, 4}}).ok());
  EXPECT_EQ(Count(**s, "Q1"), 1u);
  // A view is a snapshot: a write after it is not seen through it.
  auto view = (*s)->View();
  ASSERT_TRUE(view.ok());
  ASSERT_TRUE((*s)->WriteBatch({Tagged("c", 1, "Q2", "2016-10-03T00:00:00Z")}, {{"t", 0, 5}}).ok());
  Query q;
  q.entity = "Q2";
  auto page = FindDocuments(**view, q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->documents.size(), 1u);
  EXPECT_EQ(page->documents[0].document().id(), "a");
  view->reset();
  EXPECT_EQ(Count(**s, "Q2"), 2u);
}

TEST(StoreIndexDb, ReadOnlyViewAndThreads) {
  testutil::TempDir dir;
  {
    auto s = Store::Open(dir.path() + "/db");
    ASSERT_TRUE(s.ok());
    auto c = Tagged("c1", 1, "Q1", "2016-10-02T00:00:00Z");
    c.mutable_document()->set_kind("comment");
    c.mutable_document()->set_thread_id("a");
    ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z"), c}, {{"t", 0, 2}}).ok());
  }
  auto ro = Store::OpenReadOnly(dir.path() + "/db");
  ASSERT_TRUE(ro.ok()) << ro.status().ToString();
  EXPECT_EQ(Count(**ro, "Q1"), 2u);
  auto view = (*ro)->View();
  ASSERT_TRUE(view.ok());
  std::vector<std::string> ids;
  ASSERT_TRUE((*view)->ScanThread("a", [&](const v1::EnrichedDocument& d) { return ids.push_back(d.document().id()), true; }).ok());
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "c1"}));
}

TEST(StoreIndexDb, AStoreWrittenBeforeTheIndexIsIndexedOnOpen) {
  testutil::TempDir dir;
  const std::string path = dir.path() + "/db";
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z")}, {{"t", 0, 1}}).ok());
  }
  {
    // Take the index away as a store of the previous release would lack it.
    std::vector<rocksdb::ColumnFamilyDescriptor> cfd;
    for (const char* n : {"default", "docs", "threads", "offsets", "index"}) cfd.push_back({n, {}});
    std::vector<rocksdb::ColumnFamilyHandle*> h;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), path, cfd, &h, &raw).ok());
    ASSERT_TRUE(raw->Delete(rocksdb::WriteOptions(), h[0], "tidings:index_version").ok());
    ASSERT_TRUE(raw->DropColumnFamily(h[4]).ok());
    for (auto* x : h) (void)raw->DestroyColumnFamilyHandle(x);
    delete raw;
  }
  {
    auto ro = Store::OpenReadOnly(path);
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    auto v = (*ro)->View();
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.status().message().find("start tidings-store once"), std::string::npos);
  }
  auto s = Store::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(Count(**s, "Q1"), 1u);
}

TEST(StoreIndexDb, CompactKeepsTheDocumentsAndTheIndex) {
  testutil::TempDir dir;
  auto s = Store::Open(dir.path() + "/db");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z")}, {{"t", 0, 1}}).ok());
  ASSERT_TRUE((*s)->Flush().ok());
  ASSERT_TRUE((*s)->WriteBatch({Tagged("b", 1, "Q1", "2016-10-02T00:00:00Z"),
                                Tagged("a", 2, "Q2", "2016-10-01T00:00:00Z")},
                               {{"t", 0, 3}})
                  .ok());
  ASSERT_TRUE((*s)->Compact().ok());
  auto a = (*s)->Get("a");
  ASSERT_TRUE(a.ok() && a->has_value());
  EXPECT_EQ((**a).document().ingest().version(), 2u);
  EXPECT_EQ(Count(**s, "Q1"), 1u);
  EXPECT_EQ(Count(**s, "Q2"), 1u);
}

TEST(StoreIndexDb, WithoutTheIndexNothingIsIndexedAndTheNextOpenBuildsIt) {
  testutil::TempDir dir;
  const std::string path = dir.path() + "/db";
  {
    auto s = Store::Open(path);  // an indexed store first: its marker must go
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z")}, {{"t", 0, 1}}).ok());
  }
  {
    StoreOptions o;
    o.write_index = false;
    auto s = Store::Open(path, o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_TRUE((*s)->WriteBatch({Tagged("b", 1, "Q1", "2016-10-02T00:00:00Z"),
                                  Tagged("a", 2, "Q2", "2016-10-01T00:00:00Z")},
                                 {{"t", 0, 3}})
                    .ok());
    auto got = (*s)->Get("b");
    ASSERT_TRUE(got.ok() && got->has_value());
    auto v = (*s)->View();
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.status().message().find("write_index"), std::string::npos);
  }
  auto s = Store::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(Count(**s, "Q1"), 1u);  // b; a's v1 entry is gone with the rebuild
  EXPECT_EQ(Count(**s, "Q2"), 1u);
}

}  // namespace
}  // namespace tidings::store
