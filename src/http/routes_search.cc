// POST /api/v1/families/{fid}/search.
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

void AddSearchRoutes(Router& router, const AuthService& auth, SearchService& search) {
  router.Add("POST", "/api/v1/families/{fid}/search", WithUser(auth, [&search](Request& req) {
               auto query = ReadSearchQuery(req);
               if (!query) return ProblemResponse(query.error());
               return Respond(search.Search(req.user_id, req.Param("fid"), *query),
                              [](const SearchResponse& s) { return Json(200, SearchJson(s)); });
             }));
}

}  // namespace dadly::http
