#pragma once
// The store's HTTP JSON API (issue 13), served by tidings-store on
// api_address:api_port beside its /metrics server, and described in
// docs/api/openapi.yaml:
//
//   GET /v1/documents/{id}       one enriched document (the JSON Lines form)
//   GET /v1/threads/{id}         the article and its comments as a tree
//   GET /v1/documents?...        filtered, newest first, cursor pages; count=true counts
//   GET /v1/stats/stance         FAVOR/AGAINST/NONE per day, week or month
//   GET /v1/stats/entities       entities by documents
//   GET /v1/stats/cooccurrence   entities in the same documents as one
//   GET /v1/partitions           the partitions this instance holds and has stored
//   GET /                        the analyst page (store/web)
//
// Every request reads one consistent view of the store (a RocksDB
// snapshot), so reads never block the writer. Errors are JSON:
// {"error": "bad_parameter", "parameter": "limit", "message": "..."} (400),
// {"error": "not_found", ...} (404), {"error": "unauthorized"} (401),
// {"error": "unavailable", ...} (503), {"error": "internal", ...} (500).
//
// With several instances in one group (ApiOptions::route), a thread, or a
// document stored here, whose partition another instance holds is answered
// 307 Temporary Redirect with `Location: http://<owner>/v1/...` and the body
// {"owner": "host:port", "partition": N, "location": "...", "message": ...};
// while no instance holds it, 503 unavailable with Retry-After.

#include <functional>
#include <memory>
#include <string>

#include "runtime/http_server.h"
#include "runtime/status.h"
#include "store/query.h"
#include "store/routing.h"

namespace tidings::store {

struct ApiOptions {
  // When set, every /v1 request needs "Authorization: Bearer <token>".
  std::string token;
  // When set, answers carry Access-Control-Allow-Origin with this origin.
  std::string cors_origin;
  // Index keys one request may scan (past it: a partial page with a cursor).
  size_t max_scan = kDefaultMaxScan;
  // Serve the analyst page at /.
  bool web = true;
  // Where a thread is answered (store/routing.h); null: every thread here.
  std::function<ThreadRoute(const std::string& thread_id)> route;
  // The body of GET /v1/partitions (store/partitions.h); null: 404.
  std::function<std::string()> partitions;
};

// A consistent view for one request.
using ViewFn = std::function<Result<std::unique_ptr<IndexReader>>()>;

// Registers the API's handlers (and the page) on `http`; call before Start().
void RegisterApi(runtime::HttpServer& http, const ApiOptions& options, ViewFn view);

// The handler of one API request without the HTTP server (tests, tools):
// path without query, decoded query parameters, Authorization header value.
runtime::HttpResponse HandleApi(const ApiOptions& options, const ViewFn& view, const runtime::HttpRequest& req,
                                const std::string& authorization = "");

}  // namespace tidings::store
