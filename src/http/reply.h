// Small helpers the route files share: JSON responses, turning a Result into a response, and
// requiring an authenticated user.
#pragma once

#include "core/error.h"
#include "http/problem.h"
#include "http/request.h"
#include "http/router.h"
#include "service/auth_service.h"

namespace dadly::http {

// A JSON response whose body is `body` (JSON text, from views.h or a literal).
Response Json(int status, std::string body);
Response NoContent();
// A JSON response for a resource with a version, which is its `ETag` ("N").
Response Versioned(int status, std::string body, int64_t version);

// The version an `If-Match` header asks for: nullopt when absent or `*`, -1 (matches no
// version) when it is not one of Dadly's ETags.
std::optional<int64_t> IfMatchVersion(const Request& request);

// `to_response(value)` on success, the problem for the error otherwise.
template <typename T, typename F>
Response Respond(const Result<T>& result, F&& to_response) {
  if (!result) return ProblemResponse(result.error());
  return to_response(*result);
}

inline Response Respond(const Status& status) {
  return status ? NoContent() : ProblemResponse(status.error());
}

// Wraps `handler` so that it runs only with a bearer token that `auth`'s AccessTokenVerifier
// accepts (Dadly's own or Supabase's, by DADLY_AUTH), `request.user_id` filled.
Handler WithUser(const AuthService& auth, Handler handler);

// The decoded query parameters (the last value wins when one is repeated); kInvalidArgument for
// a broken escape or invalid UTF-8.
Result<std::map<std::string, std::string>> QueryOf(const Request& request);
// One decoded query parameter, or nullopt when the request did not give it.
using QueryParams = std::map<std::string, std::string>;
std::optional<std::string> Param(const QueryParams& query, const char* name);

}  // namespace dadly::http
