#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace dadly {

Result<std::unique_ptr<Store>> OpenStore(const Config& config) {
  if (!config.database_url.empty()) {
    const std::string& url = config.database_url;
    if (url.rfind("postgres://", 0) != 0 && url.rfind("postgresql://", 0) != 0) {
      return Fail(ErrorCode::kInvalidArgument,
                  "DATABASE_URL must start with postgres:// or postgresql://");
    }
    return std::make_unique<postgres::PostgresStore>(url, static_cast<size_t>(config.db_pool_size));
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
