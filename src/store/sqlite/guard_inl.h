// Definition of sqlite::Guard (declared in sqlite_store.h).
#pragma once

#include "core/log.h"
#include "store/sqlite/group_sync.h"

namespace dadly::sqlite {

template <typename Fn>
auto Guard(const char* operation, Fn&& fn) -> decltype(fn()) {
  try {
    auto result = fn();
    // Nothing is answered before what it wrote is on disk (group commit, group_sync.h).
    if (!WaitForThisThreadsCommits()) {
      Log(Severity::kError, "the disk did not confirm a write", {{"operation", operation}});
      return Fail(ErrorCode::kUnavailable, "the database is not available");
    }
    return result;
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
