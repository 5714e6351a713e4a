#include "store/postgres/postgres_store.h"

#include <string>

#include "store/migration_plan.h"

namespace dadly::postgres {
namespace {

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
    auto pending = PendingMigrations("postgres", current);
    if (!pending) return tl::unexpected(pending.error());
    if (pending->empty()) return {};
    try {
      conn->ExecScript(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          "version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)");
      for (const Migration& m : *pending) {
        conn->ExecScript(std::string(m.sql));
        conn->Exec(
            "INSERT INTO schema_migrations (version, name, applied_at) "
            "VALUES ($1, $2, extract(epoch FROM now())::bigint)",
            int64_t{m.version}, m.name);
      }
    } catch (const PgError& e) {
      if (e.sqlstate() != "42501") throw;
      return Fail(ErrorCode::kUnavailable,
                  "the database schema is at version " + std::to_string(current) +
                      " and this dadly needs " + std::to_string(LatestMigration("postgres")) +
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
