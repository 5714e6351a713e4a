#include "store/sqlite/sqlite_store.h"

#include <string>

#include "store/migration_plan.h"

namespace dadly::sqlite {

SqliteStore::SqliteStore(const std::string& path, const std::string& synchronous,
                         size_t connections)
    : pool_(std::make_shared<Pool>(path, synchronous, connections)) {}

std::unique_ptr<Store> SqliteStore::ActingFor(const std::string& /*user_id*/) {
  return std::unique_ptr<Store>(new SqliteStore(pool_));
}

Status SqliteStore::Migrate() {
  return Guard("migrate", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    conn->Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    int64_t current = 0;
    {
      auto q = conn->Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
      if (q.Step()) current = q.Int(0);
    }
    auto pending = PendingMigrations("sqlite", current);
    if (!pending) return tl::unexpected(pending.error());
    for (const Migration& m : *pending) {
      conn->Exec(std::string(m.sql));
      conn->Prepare(
              "INSERT INTO schema_migrations (version, name, applied_at) "
              "VALUES (?1, ?2, unixepoch())")
          .Bind(1, int64_t{m.version})
          .Bind(2, m.name)
          .Run();
    }
    tx.Commit();
    return {};
  });
}

Status SqliteStore::Ping() {
  return Guard("ping", [&]() -> Status {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare("SELECT count(*) FROM schema_migrations");
    q.Step();
    return {};
  });
}

bool SqliteStore::IsLastOwner(Connection& conn, const std::string& family_id,
                              const std::string& user_id) {
  auto q = conn.Prepare(
      "SELECT count(*) FROM memberships WHERE family_id = ?1 AND role = 'owner' "
      "AND user_id <> ?2");
  q.Bind(1, family_id).Bind(2, user_id);
  q.Step();
  return q.Int(0) == 0;
}

}  // namespace dadly::sqlite
