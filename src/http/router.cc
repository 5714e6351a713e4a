#include "http/router.h"

#include "http/problem.h"

namespace dadly::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler) {
  Route route{std::move(method), std::move(pattern), {}, std::move(handler)};
  for (auto part : Split(route.pattern)) route.segments.emplace_back(part);
  routes_.push_back(std::move(route));
}

bool Router::Match(const Route& route, const std::vector<std::string_view>& parts,
                   std::map<std::string, std::string>* params) {
  if (route.segments.size() != parts.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (!seg.empty() && seg.front() == '{') {
      if (parts[i].empty()) return false;
      if (params) (*params)[seg.substr(1, seg.size() - 2)] = std::string(parts[i]);
    } else if (seg != parts[i]) {
      return false;
    }
  }
  return true;
}

Response Router::Dispatch(Request& request, std::string* route_label) const {
  const auto parts = Split(request.path);
  // HEAD is GET without a body (the server drops it).
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  std::string allow;
  for (const auto& route : routes_) {
    if (!Match(route, parts, nullptr)) continue;
    if (route.method == method) {
      Match(route, parts, &request.params);
      *route_label = route.pattern;
      return route.handler(request);
    }
    if (allow.find(route.method) == std::string::npos) {
      allow += allow.empty() ? route.method : ", " + route.method;
    }
  }
  *route_label = "unmatched";
  if (allow.empty() && fallback_ && method == "GET") {
    *route_label = "web";
    return fallback_(request);
  }
  if (!allow.empty()) {
    *route_label = "method_not_allowed";
    return MethodNotAllowed(allow);
  }
  return ProblemResponse(Error{ErrorCode::kNotFound, "no such resource", {}, 0});
}

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : routes_) out.emplace_back(r.method, r.pattern);
  return out;
}

}  // namespace dadly::http
