// The one place where an Error becomes an HTTP status and an application/problem+json body.
#pragma once

#include "core/error.h"
#include "http/request.h"

namespace dadly::http {

// The status code for `code` (kInvalidArgument → 400, ...).
int StatusOf(ErrorCode code);
// A problem+json response for `error`; internal details are never sent to the client.
Response ProblemResponse(const Error& error);
// 405 with an Allow header.
Response MethodNotAllowed(const std::string& allow);

}  // namespace dadly::http
