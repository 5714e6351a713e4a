// Definition of postgres::Guard (declared in postgres_store.h).
#pragma once

#include "core/log.h"

namespace dadly::postgres {

template <typename Fn>
auto Guard(const char* operation, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const PgError& e) {
    const std::string& state = e.sqlstate();
    if (state.rfind("23", 0) == 0) return Fail(ErrorCode::kConflict, "already exists");
    // An id that is not a UUID names nothing, as on SQLite.
    if (state == "22P02") return NotFound("record");
    if (state == "42501") {
      // Row Level Security stopped a write the services allowed: a bug, refused either way.
      Log(Severity::kError, "row level security refused a write",
          {{"operation", operation}, {"error", e.what()}});
      return Fail(ErrorCode::kPermissionDenied, "not allowed");
    }
    Log(Severity::kError, "store operation failed",
        {{"operation", operation}, {"error", e.what()}, {"sqlstate", state}});
    return Fail(ErrorCode::kUnavailable, "the database is not available");
  }
}

}  // namespace dadly::postgres
