#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace dadly::http {
namespace {

struct Kind {
  int status;
  const char* code;
  const char* title;
};

Kind KindOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return {400, "validation_failed", "The request is not valid"};
    case ErrorCode::kUnauthenticated:
      return {401, "unauthenticated", "Sign-in is required"};
    case ErrorCode::kPermissionDenied:
      return {403, "forbidden", "Not allowed"};
    case ErrorCode::kNotFound:
      return {404, "not_found", "Not found"};
    case ErrorCode::kConflict:
      return {409, "conflict", "Conflict"};
    case ErrorCode::kPreconditionFailed:
      return {412, "precondition_failed", "The resource has changed"};
    case ErrorCode::kPayloadTooLarge:
      return {413, "payload_too_large", "The request is too large"};
    case ErrorCode::kUnsupportedMediaType:
      return {415, "unsupported_media_type", "Unsupported media type"};
    case ErrorCode::kRateLimited:
      return {429, "rate_limited", "Too many requests"};
    case ErrorCode::kUnavailable:
      return {503, "unavailable", "Temporarily unavailable"};
    case ErrorCode::kInternal:
      break;
  }
  return {500, "internal", "Internal error"};
}

Response Problem(int status, const char* code, const char* title, const std::string& detail,
                 const nlohmann::json& extra = nullptr) {
  nlohmann::json body = {{"type", std::string("urn:dadly:problem:") + code},
                         {"title", title},
                         {"status", status},
                         {"detail", detail},
                         {"code", code}};
  if (extra.is_object()) body.update(extra);
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace

int StatusOf(ErrorCode code) { return KindOf(code).status; }

Response ProblemResponse(const Error& error) {
  const Kind kind = KindOf(error.code);
  nlohmann::json extra = nlohmann::json::object();
  if (error.code == ErrorCode::kInvalidArgument) {
    extra["errors"] = nlohmann::json::array();
    for (const auto& f : error.fields) {
      extra["errors"].push_back({{"field", f.field}, {"message", f.message}});
    }
  }
  // Unavailable and internal details can name files or queries: keep them in the log only.
  const bool expose = kind.status < 500;
  Response r =
      Problem(kind.status, kind.code, kind.title, expose ? error.message : kind.title, extra);
  if (error.code == ErrorCode::kUnauthenticated)
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
  if (error.code == ErrorCode::kRateLimited) {
    r.headers.emplace_back("Retry-After", std::to_string(std::max(1, error.retry_after_seconds)));
  }
  return r;
}

Response MethodNotAllowed(const std::string& allow) {
  Response r =
      Problem(405, "method_not_allowed", "Method not allowed", "this path accepts " + allow);
  r.headers.emplace_back("Allow", allow);
  return r;
}

}  // namespace dadly::http
