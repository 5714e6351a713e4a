// /api/v1/admin/*: what the instance's operators see across families.
#include "http/reply.h"
#include "http/routes.h"
#include "http/views.h"

namespace dadly::http {

void AddAdminRoutes(Router& router, const AuthService& auth, OperatorService& operators) {
  router.Add("GET", "/api/v1/admin/jobs", WithUser(auth, [&operators](Request& req) {
               auto query = QueryOf(req);
               if (!query) return ProblemResponse(query.error());
               auto get = [&](const char* name) { return Param(*query, name); };
               return Respond(
                   operators.ListJobs(req.user_id, get("state"), get("limit")),
                   [](const std::vector<Job>& jobs) { return Json(200, JobsJson(jobs)); });
             }));
}

}  // namespace dadly::http
