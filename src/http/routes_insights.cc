// What Dadly understood of a family's entries: POST .../search and GET .../emotions.
#include "http/json_body.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/views.h"

namespace dadly::http {
namespace {

Result<SearchQuery> ReadSearchQuery(const Request& req) {
  auto body = ParseJsonObject(req);
  if (!body) return tl::unexpected(body.error());
  BodyReader r(*body);
  SearchQuery q;
  q.query = r.String("query", /*required=*/true).value_or("");
  q.member_ids = r.StringArray("member_ids", 50).value_or(std::vector<std::string>{});
  q.from = r.String("from");
  q.to = r.String("to");
  q.limit = r.Integer("limit");
  if (auto ok = r.Finish(); !ok) return tl::unexpected(ok.error());
  return q;
}

}  // namespace

void AddInsightRoutes(Router& router, const AuthService& auth, SearchService& search,
                      EmotionService& emotions, AiUsageService& usage) {
  router.Add("GET", "/api/v1/families/{fid}/ai-usage", WithUser(auth, [&usage](Request& req) {
               auto query = QueryOf(req);
               if (!query) return ProblemResponse(query.error());
               return Respond(usage.Usage(req.user_id, req.Param("fid"), Param(*query, "from"),
                                          Param(*query, "to")),
                              [](const AiUsageReport& r) { return Json(200, AiUsageJson(r)); });
             }));
  router.Add("GET", "/api/v1/families/{fid}/emotions", WithUser(auth, [&emotions](Request& req) {
               auto query = QueryOf(req);
               if (!query) return ProblemResponse(query.error());
               auto get = [&](const char* name) { return Param(*query, name); };
               const EmotionQuery q{get("from"), get("to"), get("member_id"), get("bucket")};
               return Respond(emotions.Map(req.user_id, req.Param("fid"), q),
                              [](const EmotionMap& m) { return Json(200, EmotionMapJson(m)); });
             }));
  router.Add("POST", "/api/v1/families/{fid}/search", WithUser(auth, [&search](Request& req) {
               auto query = ReadSearchQuery(req);
               if (!query) return ProblemResponse(query.error());
               return Respond(search.Search(req.user_id, req.Param("fid"), *query),
                              [](const SearchResponse& s) { return Json(200, SearchJson(s)); });
             }));
}

}  // namespace dadly::http
