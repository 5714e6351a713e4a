#include "store/postgres/postgres_store.h"

#include <string>

#include "core/embedded.h"

namespace dadly::postgres {
namespace {

// Migration files are named NNNN_what.sql; the number is the schema version it brings.
int VersionOf(std::string_view name) {
  const auto slash = name.rfind('/');
  return std::stoi(std::string(name.substr(slash + 1, 4)));
}

// Any number, the same in every Dadly process: migrators of one database queue on it.
constexpr int64_t kMigrationLock = 0x0dad1e5;

}  // namespace

PostgresStore::PostgresStore(const std::string& url, size_t pool_size)
    : pool_(std::make_shared<Pool>(url, pool_size)) {}

std::unique_ptr<Store> PostgresStore::ActingFor(const std::string& user_id) {
  return std::unique_ptr<Store>(new PostgresStore(pool_, user_id));
}

Result<Rows> PostgresStore::ReadParams(const char* operation, const std::string& sql,
                                       const std::vector<Param>& params) {
  return Guard(operation, [&]() -> Result<Rows> {
    for (int attempt = 0;; ++attempt) {
      auto conn = pool_->Acquire();
      try {
        return conn->ExecAs(actor_, sql, params);
      } catch (const PgError&) {
        // A pooled connection the server closed meanwhile (a restart, an idle timeout): a read
        // may safely go once more, on a new connection.
        if (attempt > 0 || conn->Open()) throw;
      }
    }
  });
}

Status PostgresStore::Migrate() {
  return Guard("migrate", [&]() -> Status {
    auto conn = pool_->Acquire();
    Transaction tx(*conn, "");
    conn->Exec("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
    int64_t current = 0;
    if (conn->Exec("SELECT to_regclass('schema_migrations') IS NOT NULL").Text(0, 0) == "t") {
      current = conn->Exec("SELECT coalesce(max(version), 0) FROM schema_migrations").Int(0, 0);
    }
    const auto names = embedded::Names("migrations/postgres/");
    const int known = names.empty() ? 0 : VersionOf(names.back());
    if (current > known) {
      return Fail(ErrorCode::kUnavailable,
                  "the database schema (version " + std::to_string(current) +
                      ") is newer than this dadly knows (" + std::to_string(known) + ")");
    }
    if (current == known) return {};
    try {
      conn->ExecScript(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          "version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)");
      for (auto name : names) {
        const int version = VersionOf(name);
        if (version <= current) continue;
        conn->ExecScript(std::string(*embedded::Find(name)));
        conn->Exec(
            "INSERT INTO schema_migrations (version, name, applied_at) "
            "VALUES ($1, $2, extract(epoch FROM now())::bigint)",
            int64_t{version}, name);
      }
    } catch (const PgError& e) {
      if (e.sqlstate() != "42501") throw;
      return Fail(ErrorCode::kUnavailable,
                  "the database schema is at version " + std::to_string(current) +
                      " and this dadly needs " + std::to_string(known) +
                      "; run `dadly migrate` with DATABASE_URL naming the role that owns the "
                      "schema (" +
                      e.what() + ")");
    }
    tx.Commit();
    return {};
  });
}

Status PostgresStore::Ping() {
  return Guard("ping", [&]() -> Status {
    auto conn = pool_->Acquire();
    conn->Exec("SELECT count(*) FROM schema_migrations");
    return {};
  });
}

}  // namespace dadly::postgres
