#include "store/api.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "base/embedded.h"
#include "proto/json_codec.h"

TIDINGS_DECLARE_EMBEDDED(web_index_html);
TIDINGS_DECLARE_EMBEDDED(web_app_js);
TIDINGS_DECLARE_EMBEDDED(web_style_css);

namespace tidings::store {
namespace {

using runtime::HttpRequest;
using runtime::HttpResponse;

HttpResponse Json(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

std::string Quoted(std::string_view s) {
  std::string out;
  proto::AppendJsonString(out, s);
  return out;
}

HttpResponse Error(int status, std::string_view code, std::string_view message, std::string_view parameter = "") {
  std::string b = "{\"error\":" + Quoted(code);
  if (!parameter.empty()) b += ",\"parameter\":" + Quoted(parameter);
  b += ",\"message\":" + Quoted(message) + "}";
  return Json(status, std::move(b));
}

// A bad-parameter Status ("bad parameter 'x': why") as a 400.
HttpResponse FromStatus(const Status& st) {
  const std::string& m = st.message();
  if (st.code() == ErrorCode::kConfig) {
    const size_t a = m.find('\''), b = a == std::string::npos ? a : m.find('\'', a + 1);
    return Error(400, "bad_parameter", m, b == std::string::npos ? "" : std::string_view(m).substr(a + 1, b - a - 1));
  }
  return Error(500, "internal", m);
}

std::string Param(const HttpRequest& req, const std::string& name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? "" : it->second;
}

Status ParseBound(const HttpRequest& req, const std::string& name, bool end_of_day, std::optional<int64_t>* out) {
  auto b = ParseTimeBound(Param(req, name), name, end_of_day);
  if (!b.ok()) return b.status();
  *out = *b;
  return Status::Ok();
}

Status ParseSize(const HttpRequest& req, const std::string& name, size_t max, size_t* out) {
  const std::string v = Param(req, name);
  if (v.empty()) return Status::Ok();
  size_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9' || n > max) return {ErrorCode::kConfig, "bad parameter '" + name + "': 1.." + std::to_string(max)};
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  if (n == 0 || n > max) return {ErrorCode::kConfig, "bad parameter '" + name + "': 1.." + std::to_string(max)};
  *out = n;
  return Status::Ok();
}

Result<Query> QueryOf(const HttpRequest& req, const ApiOptions& o) {
  static const std::set<std::string> kKnown = {"entity", "target", "stance", "from", "to", "mentions_from",
                                               "mentions_to", "source", "author", "kind", "lang", "reply",
                                               "limit", "cursor", "count"};
  for (const auto& [k, v] : req.query)
    if (!kKnown.count(k)) return Status(ErrorCode::kConfig, "bad parameter '" + k + "': unknown");
  Query q;
  q.entity = Param(req, "entity");
  q.target = Param(req, "target");
  q.stance = Param(req, "stance");
  q.mentions_from = Param(req, "mentions_from");
  q.mentions_to = Param(req, "mentions_to");
  q.source = Param(req, "source");
  q.author = Param(req, "author");
  q.kind = Param(req, "kind");
  q.lang = Param(req, "lang");
  q.reply = Param(req, "reply");
  q.cursor = Param(req, "cursor");
  q.max_scan = o.max_scan;
  TIDINGS_RETURN_IF_ERROR(ParseBound(req, "from", false, &q.from_ms));
  TIDINGS_RETURN_IF_ERROR(ParseBound(req, "to", true, &q.to_ms));
  TIDINGS_RETURN_IF_ERROR(ParseSize(req, "limit", kMaxPageSize, &q.limit));
  TIDINGS_RETURN_IF_ERROR(ValidateQuery(q));
  return q;
}

std::string DocJson(const v1::EnrichedDocument& d) {
  proto::JsonOptions jo;
  jo.ingest_info = false;
  return proto::EnrichedToJson(d, jo);
}

HttpResponse Documents(const IndexReader& r, const HttpRequest& req, const ApiOptions& o) {
  auto q = QueryOf(req, o);
  if (!q.ok()) return FromStatus(q.status());
  if (Param(req, "count") == "true") {
    auto c = CountDocuments(r, *q);
    if (!c.ok()) return FromStatus(c.status());
    return Json(200, "{\"count\":" + std::to_string(c->documents) + ",\"partial\":" + (c->partial ? "true" : "false") + "}");
  }
  auto page = FindDocuments(r, *q);
  if (!page.ok()) return FromStatus(page.status());
  std::string b = "{\"documents\":[";
  for (size_t i = 0; i < page->documents.size(); ++i) b += (i ? "," : "") + DocJson(page->documents[i]);
  b += "],\"next_cursor\":" + Quoted(page->next_cursor) + ",\"partial\":" + (page->partial ? "true" : "false") +
       ",\"scanned\":" + std::to_string(page->scanned) + "}";
  return Json(200, std::move(b));
}

// A path segment with every byte but the unreserved ones percent-encoded.
std::string EncodeSegment(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// The answer for a request this instance does not serve: 307 to the owner
// (`resource` is "threads" or "documents"), or 503 while nobody holds the
// partition. nullopt: serve it here.
std::optional<HttpResponse> Elsewhere(const ThreadRoute& route, std::string_view resource, const std::string& id) {
  if (route.kind == ThreadRoute::Kind::kHere) return std::nullopt;
  if (route.kind == ThreadRoute::Kind::kUnavailable) {
    HttpResponse r = Error(503, "unavailable", route.why);
    r.headers.emplace_back("Retry-After", "1");
    return r;
  }
  const std::string location = "http://" + route.owner + "/v1/" + std::string(resource) + "/" + EncodeSegment(id);
  HttpResponse r = Json(307, "{\"owner\":" + Quoted(route.owner) + ",\"partition\":" + std::to_string(route.partition) +
                                 ",\"location\":" + Quoted(location) + ",\"message\":" +
                                 Quoted("partition " + std::to_string(route.partition) + " is held by " + route.owner) +
                                 "}");
  r.headers.emplace_back("Location", location);
  return r;
}

std::string ThreadOf(const v1::EnrichedDocument& d) {
  return d.document().thread_id().empty() ? d.document().id() : d.document().thread_id();
}

// A document stored here whose partition another instance holds now is
// answered by that one (this copy may be stale); one not stored here is 404,
// whoever holds it (its thread, hence its partition, is not known here).
HttpResponse OneDocument(const IndexReader& r, const std::string& id, const ApiOptions& o) {
  auto d = r.GetDocument(id);
  if (!d.ok()) return FromStatus(d.status());
  if (!d->has_value()) return Error(404, "not_found", "no document '" + id + "'");
  if (o.route)
    if (auto other = Elsewhere(o.route(ThreadOf(**d)), "documents", id)) return std::move(*other);
  return Json(200, DocJson(**d));
}

// The comments of a thread as a tree: children by parent, each list oldest
// first; a comment whose parent is not stored hangs under the article.
void AppendReplies(const std::string& parent, std::map<std::string, std::vector<const v1::EnrichedDocument*>>& kids,
                   std::set<std::string>& done, std::string& out) {
  out += '[';
  bool first = true;
  for (const auto* c : kids[parent]) {
    if (!done.insert(c->document().id()).second) continue;  // a cycle of parents
    out += first ? "" : ",";
    first = false;
    out += "{\"document\":" + DocJson(*c) + ",\"replies\":";
    AppendReplies(c->document().id(), kids, done, out);
    out += '}';
  }
  out += ']';
}

HttpResponse Thread(const IndexReader& r, const std::string& id) {
  std::vector<v1::EnrichedDocument> docs;
  Status st = r.ScanThread(id, [&](const v1::EnrichedDocument& d) { return docs.push_back(d), true; });
  if (!st.ok()) return FromStatus(st);
  if (docs.empty()) return Error(404, "not_found", "no thread '" + id + "'");
  std::sort(docs.begin(), docs.end(), [](const auto& a, const auto& b) {
    return std::tie(a.document().published_at(), a.document().id()) <
           std::tie(b.document().published_at(), b.document().id());
  });
  std::set<std::string> ids;
  for (const auto& d : docs) ids.insert(d.document().id());
  const v1::EnrichedDocument* article = nullptr;
  std::map<std::string, std::vector<const v1::EnrichedDocument*>> kids;
  for (const auto& d : docs) {
    if (d.document().id() == id) article = &d;
    else kids[ids.count(d.document().parent_id()) ? d.document().parent_id() : id].push_back(&d);
  }
  std::string b = "{\"thread_id\":" + Quoted(id) + ",\"article\":" + (article ? DocJson(*article) : "null") +
                  ",\"comments\":";
  std::set<std::string> done = {id};
  AppendReplies(id, kids, done, b);
  return Json(200, b + "}");
}

HttpResponse Stance(const IndexReader& r, const HttpRequest& req, const ApiOptions& o) {
  std::optional<int64_t> from, to;
  const std::string iv = Param(req, "interval").empty() ? "week" : Param(req, "interval");
  auto interval = ParseInterval(iv);
  if (!interval) return Error(400, "bad_parameter", "interval: day, week or month", "interval");
  if (auto st = ParseBound(req, "from", false, &from); !st.ok()) return FromStatus(st);
  if (auto st = ParseBound(req, "to", true, &to); !st.ok()) return FromStatus(st);
  auto s = StanceOverTime(r, Param(req, "target"), *interval, from, to, o.max_scan * 50);
  if (!s.ok()) return FromStatus(s.status());
  auto counts = [](const StanceBucket& k) {
    return "\"FAVOR\":" + std::to_string(k.favor) + ",\"AGAINST\":" + std::to_string(k.against) +
           ",\"NONE\":" + std::to_string(k.none);
  };
  std::string b = "{\"target\":" + Quoted(Param(req, "target")) + ",\"interval\":" + Quoted(iv) + ",\"buckets\":[";
  for (size_t i = 0; i < s->buckets.size(); ++i)
    b += (i ? "," : "") + std::string("{\"start\":") + Quoted(s->buckets[i].start) + "," + counts(s->buckets[i]) + "}";
  b += "],\"undated\":{" + counts(s->undated) + "}";
  return Json(200, b + ",\"partial\":" + (s->partial ? "true" : "false") + "}");
}

HttpResponse Ranking(const Result<EntityRanking>& rk) {
  if (!rk.ok()) return FromStatus(rk.status());
  std::string b = "{\"entities\":[";
  for (size_t i = 0; i < rk->entities.size(); ++i) {
    const auto& e = rk->entities[i];
    b += (i ? "," : "") + std::string("{\"id\":") + Quoted(e.id) + ",\"name\":" + Quoted(e.name) +
         ",\"type\":" + Quoted(v1::EntityType_Name(e.type)) + ",\"documents\":" + std::to_string(e.documents) + "}";
  }
  return Json(200, b + "],\"partial\":" + (rk->partial ? "true" : "false") + "}");
}

HttpResponse Entities(const IndexReader& r, const HttpRequest& req, const ApiOptions& o) {
  std::optional<int64_t> from, to;
  size_t top = 20;
  if (auto st = ParseBound(req, "from", false, &from); !st.ok()) return FromStatus(st);
  if (auto st = ParseBound(req, "to", true, &to); !st.ok()) return FromStatus(st);
  if (auto st = ParseSize(req, "top", 1000, &top); !st.ok()) return FromStatus(st);
  const std::string type = Param(req, "type");
  v1::EntityType t;
  if (!type.empty() && !v1::EntityType_Parse(type, &t))
    return Error(400, "bad_parameter", "type: PERSON, ORG, LOC, NORP or EVENT", "type");
  return Ranking(TopEntities(r, from, to, type, top, o.max_scan));
}

HttpResponse Cooccurrence(const IndexReader& r, const HttpRequest& req, const ApiOptions& o) {
  size_t top = 20;
  if (auto st = ParseSize(req, "top", 1000, &top); !st.ok()) return FromStatus(st);
  return Ranking(Cooccurring(r, Param(req, "entity"), top, o.max_scan));
}

HttpResponse Route(const IndexReader& r, const HttpRequest& req, const ApiOptions& o) {
  const std::string& p = req.path;
  if (p == "/v1/documents") return Documents(r, req, o);
  if (p.rfind("/v1/documents/", 0) == 0 && p.size() > 14) return OneDocument(r, p.substr(14), o);
  if (p.rfind("/v1/threads/", 0) == 0 && p.size() > 12) {
    const std::string id = p.substr(12);
    if (o.route)
      if (auto other = Elsewhere(o.route(id), "threads", id)) return std::move(*other);
    return Thread(r, id);
  }
  if (p == "/v1/partitions" && o.partitions) return Json(200, o.partitions());
  if (p == "/v1/stats/stance") return Stance(r, req, o);
  if (p == "/v1/stats/entities") return Entities(r, req, o);
  if (p == "/v1/stats/cooccurrence") return Cooccurrence(r, req, o);
  return Error(404, "not_found", "no such endpoint: " + p);
}

}  // namespace

HttpResponse HandleApi(const ApiOptions& o, const ViewFn& view, const HttpRequest& req,
                       const std::string& authorization) {
  if (!o.token.empty() && authorization != "Bearer " + o.token)
    return Error(401, "unauthorized", "this API needs Authorization: Bearer <api_token>");
  auto r = view();
  if (!r.ok()) return Error(503, "unavailable", r.status().message());
  return Route(**r, req, o);
}

void RegisterApi(runtime::HttpServer& http, const ApiOptions& options, ViewFn view) {
  auto with_cors = [options](HttpResponse r) {
    if (!options.cors_origin.empty()) {
      r.headers.emplace_back("Access-Control-Allow-Origin", options.cors_origin);
      r.headers.emplace_back("Vary", "Origin");
    }
    return r;
  };
  http.GetPrefix("/v1/", [options, view, with_cors](const HttpRequest& req, HttpResponse* res) {
    *res = with_cors(HandleApi(options, view, req, req.Header("Authorization")));
  });
  if (!options.web) return;
  struct Asset {
    const char* path;
    std::string_view bytes;
    const char* type;
  };
  const Asset assets[] = {{"/", TIDINGS_EMBEDDED(web_index_html), "text/html; charset=utf-8"},
                          {"/index.html", TIDINGS_EMBEDDED(web_index_html), "text/html; charset=utf-8"},
                          {"/app.js", TIDINGS_EMBEDDED(web_app_js), "text/javascript; charset=utf-8"},
                          {"/style.css", TIDINGS_EMBEDDED(web_style_css), "text/css; charset=utf-8"}};
  for (const auto& a : assets)
    http.Get(a.path, [a](const HttpRequest&, HttpResponse* res) {
      res->content_type = a.type;
      res->body.assign(a.bytes);
      res->headers.emplace_back("Cache-Control", "no-cache");
    });
}

}  // namespace tidings::store
