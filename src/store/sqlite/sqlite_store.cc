#include "store/sqlite/sqlite_store.h"

#include <string>

#include "core/embedded.h"

namespace dadly::sqlite {
namespace {

// Migration files are named NNNN_what.sql; the number is the schema version it brings.
int VersionOf(std::string_view name) {
  const auto slash = name.rfind('/');
  return std::stoi(std::string(name.substr(slash + 1, 4)));
}

}  // namespace

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
    const auto names = embedded::Names("migrations/sqlite/");
    const int known = names.empty() ? 0 : VersionOf(names.back());
    if (current > known) {
      return Fail(ErrorCode::kUnavailable,
                  "the database schema (version " + std::to_string(current) +
                      ") is newer than this dadly knows (" + std::to_string(known) + ")");
    }
    for (auto name : names) {
      const int version = VersionOf(name);
      if (version <= current) continue;
      conn->Exec(std::string(*embedded::Find(name)));
      conn->Prepare(
              "INSERT INTO schema_migrations (version, name, applied_at) "
              "VALUES (?1, ?2, unixepoch())")
          .Bind(1, int64_t{version})
          .Bind(2, name)
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
