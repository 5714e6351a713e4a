// Definition of sqlite::Guard (declared in sqlite_store.h).
#pragma once

#include "core/log.h"

namespace dadly::sqlite {

template <typename Fn>
auto Guard(const char* operation, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const SqliteError& e) {
    if ((e.code() & 0xff) == SQLITE_CONSTRAINT) {
      return Fail(ErrorCode::kConflict, "already exists");
    }
    Log(Severity::kError, "store operation failed",
        {{"operation", operation}, {"error", e.what()}, {"code", e.code()}});
    return Fail(ErrorCode::kUnavailable, "the database is not available");
  }
}

}  // namespace dadly::sqlite
