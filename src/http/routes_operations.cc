// Operations: health, readiness, metrics, and the API's own documentation.
#include "core/embedded.h"
#include "http/reply.h"
#include "http/routes.h"

namespace dadly::http {
namespace {

Response Document(const char* name, const char* content_type) {
  Response r;
  r.content_type = content_type;
  r.body = std::string(embedded::Find(name).value_or(""));
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

}  // namespace

void AddOperationRoutes(Router& router, Store& store, const Metrics& metrics,
                        const std::atomic<bool>& draining) {
  router.Add("GET", "/healthz", [](Request&) { return Json(200, R"({"status":"ok"})"); });

  router.Add("GET", "/readyz", [&store, &draining](Request&) {
    if (draining.load()) {
      return ProblemResponse(Error{ErrorCode::kUnavailable, "shutting down", {}, 0});
    }
    if (auto ok = store.Ping(); !ok) return ProblemResponse(ok.error());
    return Json(200, R"({"status":"ready"})");
  });

  router.Add("GET", "/metrics", [&metrics](Request&) {
    Response r;
    r.content_type = "text/plain; version=0.0.4";
    r.body = metrics.Render();
    return r;
  });

  router.Add("GET", "/api/v1/openapi.yaml",
             [](Request&) { return Document("api/openapi.yaml", "application/yaml"); });
  router.Add("GET", "/api/v1/openapi.json",
             [](Request&) { return Document("api/openapi.json", "application/json"); });
  router.Add("GET", "/docs",
             [](Request&) { return Document("api/docs.html", "text/html; charset=utf-8"); });
}

}  // namespace dadly::http
