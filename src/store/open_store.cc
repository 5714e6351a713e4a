#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace dadly {

Result<std::unique_ptr<Store>> OpenStore(const Config& config) {
  if (!config.database_url.empty()) {
    return Fail(ErrorCode::kUnavailable,
                "DATABASE_URL is set, but this build supports only the embedded SQLite store");
  }
  if (::mkdir(config.data_dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Fail(ErrorCode::kUnavailable,
                "cannot create data directory " + config.data_dir + ": " + std::strerror(errno));
  }
  try {
    // Enough connections for the request threads to read in parallel; writes are serialised.
    const size_t connections = std::min<size_t>(std::max(config.threads, 2), 16);
    return std::make_unique<sqlite::SqliteStore>(config.data_dir + "/dadly.db", config.sqlite_sync,
                                                 connections);
  } catch (const sqlite::SqliteError& e) {
    return Fail(ErrorCode::kUnavailable, e.what());
  }
}

}  // namespace dadly
