#include "http/reply.h"

#include <charconv>

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

Response Versioned(int status, std::string body, int64_t version) {
  Response r = Json(status, std::move(body));
  r.headers.emplace_back("ETag", "\"" + std::to_string(version) + "\"");
  return r;
}

std::optional<int64_t> IfMatchVersion(const Request& request) {
  auto v = request.Header("if-match");
  if (!v || *v == "*") return std::nullopt;
  std::string_view s = *v;
  if (s.substr(0, 2) == "W/") s.remove_prefix(2);
  int64_t version = -1;
  if (s.size() >= 3 && s.front() == '"' && s.back() == '"') {
    auto [ptr, ec] = std::from_chars(s.data() + 1, s.data() + s.size() - 1, version);
    if (ec != std::errc() || ptr != s.data() + s.size() - 1) version = -1;
  }
  return version;
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
