#include "http/reply.h"

#include "core/text.h"
#include "core/utf8.h"

namespace dadly::http {

Response Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

Handler WithUser(const AuthService& auth, Handler handler) {
  return [&auth, handler = std::move(handler)](Request& request) {
    const auto header = request.Header("authorization");
    constexpr std::string_view kScheme = "Bearer ";
    if (!header || header->size() <= kScheme.size() || !StartsWithIgnoringCase(*header, kScheme)) {
      return ProblemResponse(Error{ErrorCode::kUnauthenticated, "sign in first", {}, 0});
    }
    auto user = auth.Authenticate(std::string_view(*header).substr(kScheme.size()));
    if (!user) return ProblemResponse(user.error());
    request.user_id = *user;
    return handler(request);
  };
}

Result<std::map<std::string, std::string>> QueryOf(const Request& request) {
  std::vector<std::pair<std::string, std::string>> pairs;
  if (!ParseQuery(request.raw_query, &pairs)) return Invalid("", "the query string is malformed");
  std::map<std::string, std::string> out;
  for (auto& [k, v] : pairs) {
    if (!IsValidUtf8(k) || !IsValidUtf8(v)) return Invalid(k, "is not valid UTF-8");
    out[k] = std::move(v);
  }
  return out;
}

std::optional<std::string> Param(const QueryParams& query, const char* name) {
  auto it = query.find(name);
  return it == query.end() ? std::nullopt : std::optional<std::string>(it->second);
}

}  // namespace dadly::http
