#include "service/auth_service.h"

#include <algorithm>

#include "auth/jwt.h"
#include "auth/password.h"
#include "core/ids.h"
#include "service/validate.h"

namespace dadly {
namespace {

tl::unexpected<Error> WrongCredentials() {
  return Fail(ErrorCode::kUnauthenticated, "the email or the password is wrong");
}

}  // namespace

AuthService::AuthService(Store& store, const Clock& clock, std::string signing_key,
                         const AccessTokenVerifier& verifier)
    : store_(store), clock_(clock), signing_key_(std::move(signing_key)), verifier_(verifier) {}

const std::string& AuthService::DummyHash() {
  std::call_once(dummy_once_, [this] { dummy_hash_ = HashPassword(RandomToken(16)).value_or(""); });
  return dummy_hash_;
}

Result<SessionTokens> AuthService::Signup(SignupInput in) {
  in.email = NormalizeEmail(in.email);
  Validator v;
  v.Email("email", in.email);
  v.Text("password", in.password, 8, 128);
  v.Text("display_name", in.display_name, 1, 100, true);
  if (in.locale != "ko" && in.locale != "en") v.Add("locale", "must be ko or en");
  if (auto ok = v.Finish(); !ok) return tl::unexpected(ok.error());

  auto hash = HashPassword(in.password);
  if (!hash) return tl::unexpected(hash.error());
  User user{NewUuid(), in.email, *hash, in.display_name, in.locale, clock_.NowSeconds()};
  if (auto created = store_.ActingFor(user.id)->CreateUser(user); !created) {
    if (created.error().code == ErrorCode::kConflict) {
      return Fail(ErrorCode::kConflict, "this email is already registered");
    }
    return tl::unexpected(created.error());
  }
  return StartSession(user);
}

Status AuthService::CheckThrottle(const std::string& key, int64_t limit, int64_t now) {
  const int64_t since = now - kLoginWindowSeconds;
  auto failures = store_.CountLoginFailures(key, since);
  if (!failures) return tl::unexpected(failures.error());
  if (*failures < limit) return {};
  auto oldest = store_.OldestLoginFailure(key, since);
  if (!oldest) return tl::unexpected(oldest.error());
  Error e{ErrorCode::kRateLimited, "too many failed logins; try again later", {}, 0};
  e.retry_after_seconds =
      static_cast<int>(std::max<int64_t>(1, *oldest + kLoginWindowSeconds - now));
  return tl::unexpected(std::move(e));
}

Result<SessionTokens> AuthService::Login(const std::string& raw_email, const std::string& password,
                                         const std::string& address) {
  const std::string email = NormalizeEmail(raw_email);
  const int64_t now = clock_.NowSeconds();
  const std::string account_key = "account:" + email;
  const std::string address_key = "address:" + address;
  if (auto ok = CheckThrottle(account_key, kMaxFailuresPerAccount, now); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = CheckThrottle(address_key, kMaxFailuresPerAddress, now); !ok) {
    return tl::unexpected(ok.error());
  }
  auto user = store_.FindUserByEmail(email);
  if (!user && user.error().code != ErrorCode::kNotFound) return tl::unexpected(user.error());
  // Unknown emails are verified against a dummy hash: the same work, the same answer.
  const bool ok = VerifyPassword(password, user ? user->password_hash : DummyHash()) && user;
  if (!ok) {
    if (auto r = store_.RecordLoginFailure(account_key, now); !r) return tl::unexpected(r.error());
    if (auto r = store_.RecordLoginFailure(address_key, now); !r) return tl::unexpected(r.error());
    return WrongCredentials();
  }
  if (auto r = store_.ClearLoginFailures(account_key); !r) return tl::unexpected(r.error());
  return StartSession(*user);
}

Result<SessionTokens> AuthService::StartSession(const User& user) {
  const int64_t now = clock_.NowSeconds();
  std::string refresh = RandomToken(32);
  RefreshToken row{Sha256Hex(refresh), NewUuid(), user.id, now, now + kRefreshTokenSeconds};
  if (auto ok = store_.CreateSession(row); !ok) return tl::unexpected(ok.error());
  return Tokens(user, std::move(refresh));
}

SessionTokens AuthService::Tokens(const User& user, std::string refresh_token) const {
  const int64_t now = clock_.NowSeconds();
  AccessClaims claims{user.id, now, now + kAccessTokenSeconds};
  return SessionTokens{user, SignAccessToken(claims, signing_key_), std::move(refresh_token),
                       kAccessTokenSeconds};
}

Result<SessionTokens> AuthService::Refresh(const std::string& refresh_token) {
  const int64_t now = clock_.NowSeconds();
  std::string next = RandomToken(32);
  RefreshToken row{Sha256Hex(next), "", "", now, now + kRefreshTokenSeconds};
  std::string user_id;
  auto outcome = store_.RotateRefreshToken(Sha256Hex(refresh_token), row, now,
                                           now - kRefreshRetrySeconds, &user_id);
  if (!outcome) return tl::unexpected(outcome.error());
  if (*outcome != RotateOutcome::kRotated) {
    return Fail(ErrorCode::kUnauthenticated, "the refresh token is not valid");
  }
  auto user = store_.ActingFor(user_id)->FindUser(user_id);
  if (!user) return Fail(ErrorCode::kUnauthenticated, "the refresh token is not valid");
  return Tokens(*user, std::move(next));
}

Status AuthService::Logout(const std::string& refresh_token) {
  return store_.RevokeSession(Sha256Hex(refresh_token), clock_.NowSeconds());
}

Result<std::string> AuthService::Authenticate(std::string_view access_token) const {
  auto identity = verifier_.Verify(access_token);
  if (!identity) return tl::unexpected(identity.error());
  return std::move(identity->user_id);
}

}  // namespace dadly
