// The store's HTTP API handlers over an in-memory view: status codes, JSON
// shapes, the thread tree, errors naming the parameter, the bearer token.
#include <gtest/gtest.h>

#include "store/api.h"
#include "tests/unit/store/memory_index.h"

namespace tidings::store {
namespace {

using runtime::HttpRequest;
using runtime::HttpResponse;

v1::EnrichedDocument Doc(const std::string& id, const std::string& kind, const std::string& parent,
                         const std::string& published) {
  v1::EnrichedDocument d;
  d.mutable_document()->set_id(id);
  d.mutable_document()->set_kind(kind);
  d.mutable_document()->set_text("Assad spoke on 2016-10-19.");
  d.mutable_document()->set_published_at(published);
  if (kind == "comment") {
    d.mutable_document()->set_thread_id("art");
    d.mutable_document()->set_parent_id(parent);
    d.mutable_reply_stance()->set_label(v1::DENY);
  }
  auto* e = d.add_entities();
  e->set_begin(0);
  e->set_end(5);
  e->set_id("Q1");
  e->set_name("Bashar al-Assad");
  e->set_type(v1::PERSON);
  auto* s = d.add_stances();
  s->set_target("assad");
  s->set_label(kind == "article" ? v1::AGAINST : v1::FAVOR);
  return d;
}

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    idx_.Put(Doc("art", "article", "", "2016-10-20T00:00:00Z"));
    idx_.Put(Doc("c1", "comment", "art", "2016-10-21T00:00:00Z"));
    idx_.Put(Doc("c2", "comment", "c1", "2016-10-22T00:00:00Z"));
    idx_.Put(Doc("c3", "comment", "gone", "2016-10-23T00:00:00Z"));  // parent not stored
  }
  HttpResponse Get(const std::string& path, std::multimap<std::string, std::string> query = {},
                   const std::string& auth = "") {
    HttpRequest r;
    r.path = path;
    r.query = std::move(query);
    ViewFn view = [this]() -> Result<std::unique_ptr<IndexReader>> {
      return std::unique_ptr<IndexReader>(new Borrowed(idx_));
    };
    return HandleApi(opts_, view, r, auth);
  }
  // A view that reads idx_ (owned by the fixture).
  struct Borrowed : IndexReader {
    explicit Borrowed(const MemoryIndex& i) : i(i) {}
    Status ScanIndex(std::string_view p, std::string_view s,
                     const std::function<bool(std::string_view)>& fn) const override {
      return i.ScanIndex(p, s, fn);
    }
    Result<std::optional<v1::EnrichedDocument>> GetDocument(const std::string& id) const override {
      return i.GetDocument(id);
    }
    Status ScanThread(const std::string& t, const std::function<bool(const v1::EnrichedDocument&)>& fn) const override {
      return i.ScanThread(t, fn);
    }
    const MemoryIndex& i;
  };
  MemoryIndex idx_;
  ApiOptions opts_;
};

TEST_F(ApiTest, OneDocumentAndNotFound) {
  auto r = Get("/v1/documents/art");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_NE(r.body.find("\"id\":\"art\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"entities\""), std::string::npos);
  auto nf = Get("/v1/documents/nope");
  EXPECT_EQ(nf.status, 404);
  EXPECT_NE(nf.body.find("\"error\":\"not_found\""), std::string::npos);
  EXPECT_EQ(Get("/v1/elsewhere").status, 404);
}

TEST_F(ApiTest, ThreadIsATreeWithOrphansUnderTheArticle) {
  auto r = Get("/v1/threads/art");
  ASSERT_EQ(r.status, 200) << r.body;
  // c1 under the article, c2 under c1, c3 (parent not stored) under the article.
  const auto c1 = r.body.find("\"id\":\"c1\"");
  const auto c2 = r.body.find("\"id\":\"c2\"");
  const auto c3 = r.body.find("\"id\":\"c3\"");
  ASSERT_NE(c1, std::string::npos);
  ASSERT_NE(c2, std::string::npos);
  ASSERT_NE(c3, std::string::npos);
  EXPECT_LT(c1, c2);
  EXPECT_LT(c2, c3);
  EXPECT_NE(r.body.find("\"reply_stance\""), std::string::npos);
  EXPECT_EQ(r.body.rfind("{\"thread_id\":\"art\",\"article\":{", 0), 0u) << r.body.substr(0, 80);
  EXPECT_EQ(Get("/v1/threads/none").status, 404);
}

TEST_F(ApiTest, SearchPagesAndCounts) {
  auto r = Get("/v1/documents", {{"entity", "Q1"}, {"kind", "comment"}, {"limit", "2"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_LT(r.body.find("\"id\":\"c3\""), r.body.find("\"id\":\"c2\""));  // newest first
  EXPECT_EQ(r.body.find("\"id\":\"c1\""), std::string::npos);
  EXPECT_EQ(r.body.find("\"next_cursor\":\"\""), std::string::npos);
  auto c = Get("/v1/documents", {{"target", "assad"}, {"stance", "FAVOR"}, {"count", "true"}});
  EXPECT_EQ(c.body, "{\"count\":3,\"partial\":false}");
  auto range = Get("/v1/documents", {{"from", "2016-10-21"}, {"to", "2016-10-22"}, {"count", "true"}});
  EXPECT_EQ(range.body, "{\"count\":2,\"partial\":false}");
}

TEST_F(ApiTest, BadParametersAre400NamingThem) {
  for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
           {"limit", "0"}, {"limit", "abc"}, {"from", "yesterday"}, {"stance", "FAVOR"}, {"colour", "red"}}) {
    auto r = Get("/v1/documents", {{k, v}});
    EXPECT_EQ(r.status, 400) << k << "=" << v;
    EXPECT_NE(r.body.find("\"parameter\":\"" + k + "\""), std::string::npos) << r.body;
  }
  auto s = Get("/v1/stats/stance", {{"target", "assad"}, {"interval", "year"}});
  EXPECT_EQ(s.status, 400);
  EXPECT_NE(s.body.find("\"parameter\":\"interval\""), std::string::npos);
  EXPECT_EQ(Get("/v1/stats/stance").status, 400);  // target required
}

TEST_F(ApiTest, StatsAnswerTheirShapes) {
  auto s = Get("/v1/stats/stance", {{"target", "assad"}, {"interval", "month"}});
  ASSERT_EQ(s.status, 200) << s.body;
  EXPECT_EQ(s.body,
            "{\"target\":\"assad\",\"interval\":\"month\",\"buckets\":[{\"start\":\"2016-10-01\",\"FAVOR\":3,"
            "\"AGAINST\":1,\"NONE\":0}],\"undated\":{\"FAVOR\":0,\"AGAINST\":0,\"NONE\":0},\"partial\":false}");
  auto e = Get("/v1/stats/entities", {{"top", "5"}});
  ASSERT_EQ(e.status, 200);
  EXPECT_NE(e.body.find("{\"id\":\"Q1\",\"name\":\"Bashar al-Assad\",\"type\":\"PERSON\",\"documents\":4}"),
            std::string::npos)
      << e.body;
  EXPECT_EQ(Get("/v1/stats/entities", {{"type", "ANIMAL"}}).status, 400);
  auto co = Get("/v1/stats/cooccurrence", {{"entity", "Q1"}});
  EXPECT_EQ(co.status, 200);
  EXPECT_EQ(co.body, "{\"entities\":[],\"partial\":false}");
}

TEST_F(ApiTest, BearerTokenWhenConfigured) {
  opts_.token = "s3cret";
  EXPECT_EQ(Get("/v1/documents/art").status, 401);
  EXPECT_EQ(Get("/v1/documents/art", {}, "Bearer wrong").status, 401);
  EXPECT_EQ(Get("/v1/documents/art", {}, "Bearer s3cret").status, 200);
}

// Issue 13 item 5: with several instances, a thread (or a document stored
// here) whose partition another instance holds is a 307 to that instance.
TEST_F(ApiTest, ThreadsHeldElsewhereRedirectToTheOwner) {
  std::vector<std::string> asked;
  opts_.route = [&asked](const std::string& thread) {
    asked.push_back(thread);
    ThreadRoute r;
    r.partition = 4;
    if (thread == "art") {
      r.kind = ThreadRoute::Kind::kOwner;
      r.owner = "10.0.0.2:9476";
    }
    return r;
  };
  auto t = Get("/v1/threads/art");
  EXPECT_EQ(t.status, 307);
  EXPECT_EQ(t.content_type, "application/json");
  EXPECT_EQ(t.body,
            "{\"owner\":\"10.0.0.2:9476\",\"partition\":4,\"location\":\"http://10.0.0.2:9476/v1/threads/art\","
            "\"message\":\"partition 4 is held by 10.0.0.2:9476\"}");
  ASSERT_EQ(t.headers.size(), 1u);
  EXPECT_EQ(t.headers[0], (std::pair<std::string, std::string>{"Location", "http://10.0.0.2:9476/v1/threads/art"}));
  // A comment stored here goes by its thread; a document not stored here is
  // 404 without asking (its thread is not known here).
  auto c = Get("/v1/documents/c2");
  EXPECT_EQ(c.status, 307);
  EXPECT_NE(c.body.find("\"location\":\"http://10.0.0.2:9476/v1/documents/c2\""), std::string::npos) << c.body;
  EXPECT_EQ(Get("/v1/documents/nope").status, 404);
  EXPECT_EQ(asked, (std::vector<std::string>{"art", "art"}));
  // Served here when the route says so.
  EXPECT_EQ(Get("/v1/threads/other").status, 404);
  EXPECT_EQ(asked.back(), "other");
}

TEST_F(ApiTest, RedirectsEncodeTheIdAndUnownedPartitionsAre503) {
  opts_.route = [](const std::string& thread) {
    ThreadRoute r;
    r.partition = 1;
    r.kind = thread == "a b/c%" ? ThreadRoute::Kind::kOwner : ThreadRoute::Kind::kUnavailable;
    r.owner = "store-b:9476";
    r.why = "partition 1 of enriched has no owner right now (the group is rebalancing); retry";
    return r;
  };
  auto t = Get("/v1/threads/a b/c%");
  EXPECT_EQ(t.status, 307);
  ASSERT_EQ(t.headers.size(), 1u);
  EXPECT_EQ(t.headers[0].second, "http://store-b:9476/v1/threads/a%20b%2Fc%25");
  auto u = Get("/v1/threads/art");
  EXPECT_EQ(u.status, 503);
  EXPECT_NE(u.body.find("\"error\":\"unavailable\""), std::string::npos) << u.body;
  EXPECT_NE(u.body.find("rebalancing"), std::string::npos) << u.body;
  ASSERT_EQ(u.headers.size(), 1u);
  EXPECT_EQ(u.headers[0].first, "Retry-After");
}

TEST_F(ApiTest, PartitionsWhenConfigured) {
  EXPECT_EQ(Get("/v1/partitions").status, 404);
  opts_.partitions = [] { return std::string("{\"topic\":\"enriched\",\"advertised\":\"\",\"partitions\":[]}"); };
  auto p = Get("/v1/partitions");
  EXPECT_EQ(p.status, 200);
  EXPECT_EQ(p.content_type, "application/json");
  EXPECT_EQ(p.body, "{\"topic\":\"enriched\",\"advertised\":\"\",\"partitions\":[]}");
  opts_.token = "s3cret";
  EXPECT_EQ(Get("/v1/partitions").status, 401);
}

}  // namespace
}  // namespace tidings::store
