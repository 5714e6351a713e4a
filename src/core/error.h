// Expected failures as values: every fallible operation returns Result<T>. The http layer is the
// only place that turns an Error into a status code and a problem+json body.
#pragma once

#include <string>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

namespace dadly {

enum class ErrorCode {
  kInvalidArgument,     // the caller sent something malformed or out of range
  kUnauthenticated,     // no valid identity
  kPermissionDenied,    // identity known, role does not allow the action
  kNotFound,            // missing, or not visible to this caller (never distinguish the two)
  kConflict,            // the state forbids it (duplicate email, last owner)
  kPreconditionFailed,  // a stale version (If-Match)
  kPayloadTooLarge,
  kUnsupportedMediaType,
  kRateLimited,
  kUnavailable,  // a dependency is down; retrying later may work
  kInternal,
};

// One field-level problem of an InvalidArgument error.
struct FieldError {
  std::string field;
  std::string message;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<FieldError> fields;  // only for kInvalidArgument
  int retry_after_seconds = 0;     // only for kRateLimited
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string message) {
  return tl::unexpected(Error{code, std::move(message), {}, 0});
}

inline tl::unexpected<Error> Invalid(std::string field, std::string message) {
  Error e{ErrorCode::kInvalidArgument, "the request is not valid", {}, 0};
  e.fields.push_back({std::move(field), std::move(message)});
  return tl::unexpected(std::move(e));
}

inline tl::unexpected<Error> NotFound(std::string what) {
  return Fail(ErrorCode::kNotFound, std::move(what) + " not found");
}

inline tl::unexpected<Error> Forbidden(std::string message) {
  return Fail(ErrorCode::kPermissionDenied, std::move(message));
}

}  // namespace dadly
