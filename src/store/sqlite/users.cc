// Users, sessions, refresh tokens and login failures.
#include "store/sqlite/sqlite_store.h"

namespace dadly::sqlite {
namespace {

constexpr const char* kUserColumns =
    "SELECT id, email, password_hash, display_name, locale, created_at FROM users ";

User ReadUser(const Stmt& q) {
  return User{q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Int(5)};
}

}  // namespace

Status SqliteStore::CreateUser(const User& u) {
  return Guard("create_user", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    conn->Prepare(
            "INSERT INTO users (id, email, password_hash, display_name, locale, created_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .Bind(1, u.id)
        .Bind(2, u.email)
        .Bind(3, u.password_hash)
        .Bind(4, u.display_name)
        .Bind(5, u.locale)
        .Bind(6, u.created_at)
        .Run();
    tx.Commit();
    return {};
  });
}

Result<User> SqliteStore::FindUser(const std::string& user_id) {
  return Guard("find_user", [&]() -> Result<User> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare(std::string(kUserColumns) + "WHERE id = ?1");
    q.Bind(1, user_id);
    if (!q.Step()) return NotFound("user");
    return ReadUser(q);
  });
}

Result<User> SqliteStore::FindUserByEmail(const std::string& email) {
  return Guard("find_user_by_email", [&]() -> Result<User> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare(std::string(kUserColumns) + "WHERE email = ?1");
    q.Bind(1, email);
    if (!q.Step()) return NotFound("user");
    return ReadUser(q);
  });
}

Status SqliteStore::UpdateUserProfile(const std::string& user_id, const std::string& display_name,
                                      const std::string& locale) {
  return Guard("update_user_profile", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    conn->Prepare("UPDATE users SET display_name = ?2, locale = ?3 WHERE id = ?1")
        .Bind(1, user_id)
        .Bind(2, display_name)
        .Bind(3, locale)
        .Run();
    if (conn->Changes() == 0) return NotFound("user");
    tx.Commit();
    return {};
  });
}

Status SqliteStore::CreateSession(const RefreshToken& t) {
  return Guard("create_session", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    conn->Prepare("INSERT INTO sessions (id, user_id, created_at) VALUES (?1, ?2, ?3)")
        .Bind(1, t.session_id)
        .Bind(2, t.user_id)
        .Bind(3, t.created_at)
        .Run();
    conn->Prepare(
            "INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at) "
            "VALUES (?1, ?2, ?3, ?4)")
        .Bind(1, t.token_hash)
        .Bind(2, t.session_id)
        .Bind(3, t.created_at)
        .Bind(4, t.expires_at)
        .Run();
    tx.Commit();
    return {};
  });
}

Result<RotateOutcome> SqliteStore::RotateRefreshToken(const std::string& old_hash,
                                                      const RefreshToken& next, int64_t now,
                                                      int64_t retry_since, std::string* user_id) {
  return Guard("rotate_refresh_token", [&]() -> Result<RotateOutcome> {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    auto q = conn->Prepare(
        "SELECT t.session_id, t.expires_at, t.spent_at, t.replaced_by, s.revoked_at, s.user_id "
        "FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id WHERE t.token_hash = ?1");
    q.Bind(1, old_hash);
    if (!q.Step()) return RotateOutcome::kInvalid;
    const std::string session_id = q.Text(0);
    const int64_t expires_at = q.Int(1);
    const std::optional<int64_t> spent_at = q.OptInt(2);
    const std::optional<std::string> replaced_by = q.OptText(3);
    const bool revoked = q.OptInt(4).has_value();
    const std::string owner = q.Text(5);
    if (revoked || expires_at <= now) return RotateOutcome::kInvalid;
    if (spent_at) {
      // A retry withdraws the newer token, which must never have been used.
      const bool retry = *spent_at >= retry_since && replaced_by;
      if (retry) {
        conn->Prepare(
                "UPDATE refresh_tokens SET spent_at = ?2 "
                "WHERE token_hash = ?1 AND spent_at IS NULL")
            .Bind(1, *replaced_by)
            .Bind(2, now)
            .Run();
      }
      if (!retry || conn->Changes() == 0) {
        // A spent token came back: someone holds a copy. End the whole session.
        conn->Prepare("UPDATE sessions SET revoked_at = ?2 WHERE id = ?1")
            .Bind(1, session_id)
            .Bind(2, now)
            .Run();
        tx.Commit();
        return RotateOutcome::kReused;
      }
    }
    conn->Prepare("UPDATE refresh_tokens SET spent_at = ?2, replaced_by = ?3 WHERE token_hash = ?1")
        .Bind(1, old_hash)
        .Bind(2, spent_at.value_or(now))
        .Bind(3, next.token_hash)
        .Run();
    conn->Prepare(
            "INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at) "
            "VALUES (?1, ?2, ?3, ?4)")
        .Bind(1, next.token_hash)
        .Bind(2, session_id)
        .Bind(3, next.created_at)
        .Bind(4, next.expires_at)
        .Run();
    tx.Commit();
    *user_id = owner;
    return RotateOutcome::kRotated;
  });
}

Status SqliteStore::RevokeSession(const std::string& token_hash, int64_t now) {
  return Guard("revoke_session", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    conn->Prepare(
            "UPDATE sessions SET revoked_at = ?2 WHERE revoked_at IS NULL AND id = "
            "(SELECT session_id FROM refresh_tokens WHERE token_hash = ?1)")
        .Bind(1, token_hash)
        .Bind(2, now)
        .Run();
    tx.Commit();
    return {};
  });
}

Result<int64_t> SqliteStore::CountLoginFailures(const std::string& key, int64_t since) {
  return Guard("count_login_failures", [&]() -> Result<int64_t> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare("SELECT count(*) FROM login_failures WHERE key = ?1 AND at >= ?2");
    q.Bind(1, key).Bind(2, since);
    q.Step();
    return q.Int(0);
  });
}

Result<int64_t> SqliteStore::OldestLoginFailure(const std::string& key, int64_t since) {
  return Guard("oldest_login_failure", [&]() -> Result<int64_t> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare(
        "SELECT coalesce(min(at), 0) FROM login_failures WHERE key = ?1 AND at >= ?2");
    q.Bind(1, key).Bind(2, since);
    q.Step();
    return q.Int(0);
  });
}

Status SqliteStore::RecordLoginFailure(const std::string& key, int64_t now) {
  return Guard("record_login_failure", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    conn->Prepare("INSERT INTO login_failures (key, at) VALUES (?1, ?2)")
        .Bind(1, key)
        .Bind(2, now)
        .Run();
    // Failures older than a day no longer count for anything.
    conn->Prepare("DELETE FROM login_failures WHERE key = ?1 AND at < ?2")
        .Bind(1, key)
        .Bind(2, now - 86400)
        .Run();
    tx.Commit();
    return {};
  });
}

Status SqliteStore::ClearLoginFailures(const std::string& key) {
  return Guard("clear_login_failures", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    conn->Prepare("DELETE FROM login_failures WHERE key = ?1").Bind(1, key).Run();
    tx.Commit();
    return {};
  });
}

}  // namespace dadly::sqlite
