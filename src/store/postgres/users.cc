// Users, sessions, refresh tokens and login failures. Sign-in runs before there is a caller, so
// sessions and failures go through the schema's narrow sign-in functions.
#include "store/postgres/postgres_store.h"

namespace dadly::postgres {
namespace {

User ReadUser(const Rows& r) {
  return User{r.Text(0, 0), r.Text(0, 1), r.Text(0, 2), r.Text(0, 3), r.Text(0, 4), r.Int(0, 5)};
}

}  // namespace

Status PostgresStore::CreateUser(const User& u) {
  return InTransaction("create_user", [&](Connection& conn) -> Status {
    conn.Exec(
        "INSERT INTO users (id, email, password_hash, display_name, locale, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        u.id, u.email, u.password_hash, u.display_name, u.locale, u.created_at);
    return {};
  });
}

Result<User> PostgresStore::FindUser(const std::string& user_id) {
  auto r = Read("find_user",
                "SELECT id, email, password_hash, display_name, locale, created_at FROM users "
                "WHERE id = $1",
                user_id);
  if (!r) return tl::unexpected(r.error());
  if (r->empty()) return NotFound("user");
  return ReadUser(*r);
}

Result<User> PostgresStore::FindUserByEmail(const std::string& email) {
  return Guard("find_user_by_email", [&]() -> Result<User> {
    auto conn = pool_->Acquire();
    auto r = conn->Exec(
        "SELECT id, email, password_hash, display_name, locale, created_at "
        "FROM dadly_find_login($1)",
        email);
    if (r.empty()) return NotFound("user");
    return ReadUser(r);
  });
}

Status PostgresStore::UpdateUserProfile(const std::string& user_id, const std::string& display_name,
                                        const std::string& locale) {
  return InTransaction("update_user_profile", [&](Connection& conn) -> Status {
    auto r = conn.Exec("UPDATE users SET display_name = $2, locale = $3 WHERE id = $1", user_id,
                       display_name, locale);
    if (r.affected() == 0) return NotFound("user");
    return {};
  });
}

Status PostgresStore::CreateSession(const RefreshToken& t) {
  return Guard("create_session", [&]() -> Status {
    auto conn = pool_->Acquire();
    conn->Exec("SELECT dadly_start_session($1, $2, $3, $4, $5)", t.session_id, t.user_id,
               t.token_hash, t.created_at, t.expires_at);
    return {};
  });
}

Result<RotateOutcome> PostgresStore::RotateRefreshToken(const std::string& old_hash,
                                                        const RefreshToken& next, int64_t now,
                                                        int64_t retry_since, std::string* user_id) {
  return Guard("rotate_refresh_token", [&]() -> Result<RotateOutcome> {
    auto conn = pool_->Acquire();
    auto r = conn->Exec(
        "SELECT outcome, account FROM dadly_rotate_refresh_token($1, $2, $3, $4, $5, $6)", old_hash,
        next.token_hash, next.created_at, next.expires_at, now, retry_since);
    const std::string outcome = r.Text(0, 0);
    if (outcome == "reused") return RotateOutcome::kReused;
    if (outcome != "rotated") return RotateOutcome::kInvalid;
    *user_id = r.Text(0, 1);
    return RotateOutcome::kRotated;
  });
}

Status PostgresStore::RevokeSession(const std::string& token_hash, int64_t now) {
  return Guard("revoke_session", [&]() -> Status {
    auto conn = pool_->Acquire();
    conn->Exec("SELECT dadly_revoke_session($1, $2)", token_hash, now);
    return {};
  });
}

Result<int64_t> PostgresStore::CountLoginFailures(const std::string& key, int64_t since) {
  return Guard("count_login_failures", [&]() -> Result<int64_t> {
    auto conn = pool_->Acquire();
    return conn->Exec("SELECT failures FROM dadly_login_failures($1, $2)", key, since).Int(0, 0);
  });
}

Result<int64_t> PostgresStore::OldestLoginFailure(const std::string& key, int64_t since) {
  return Guard("oldest_login_failure", [&]() -> Result<int64_t> {
    auto conn = pool_->Acquire();
    return conn->Exec("SELECT oldest FROM dadly_login_failures($1, $2)", key, since).Int(0, 0);
  });
}

Status PostgresStore::RecordLoginFailure(const std::string& key, int64_t now) {
  return Guard("record_login_failure", [&]() -> Status {
    auto conn = pool_->Acquire();
    conn->Exec("SELECT dadly_record_login_failure($1, $2)", key, now);
    return {};
  });
}

Status PostgresStore::ClearLoginFailures(const std::string& key) {
  return Guard("clear_login_failures", [&]() -> Status {
    auto conn = pool_->Acquire();
    conn->Exec("SELECT dadly_clear_login_failures($1)", key);
    return {};
  });
}

}  // namespace dadly::postgres
