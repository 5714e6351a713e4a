// Accounts and sessions: signup, login with throttling, rotating refresh tokens, and turning a
// bearer token into a user id through the AccessTokenVerifier port (Dadly's own tokens, or
// Supabase Auth's when DADLY_AUTH=supabase, in which case the other methods are not routed).
// Thread-safe.
#pragma once

#include <mutex>
#include <string>

#include "auth/access_token_verifier.h"
#include "core/error.h"
#include "core/time.h"
#include "model/user.h"
#include "store/store.h"

namespace dadly {

struct SignupInput {
  std::string email;
  std::string password;
  std::string display_name;
  std::string locale = "ko";
};

// What signup, login and refresh hand back to the client.
struct SessionTokens {
  User user;
  std::string access_token;
  std::string refresh_token;
  int64_t expires_in = 0;  // seconds of life of the access token
};

inline constexpr int64_t kAccessTokenSeconds = 15 * 60;
inline constexpr int64_t kRefreshTokenSeconds = 30 * 86400;
// How long a spent refresh token may be presented again by a client that lost the answer,
// while the token it was traded for is unused (Store::RotateRefreshToken).
inline constexpr int64_t kRefreshRetrySeconds = 30;
inline constexpr int64_t kLoginWindowSeconds = 15 * 60;
inline constexpr int64_t kMaxFailuresPerAccount = 5;
inline constexpr int64_t kMaxFailuresPerAddress = 20;

class AuthService {
 public:
  // `signing_key` signs the access tokens this service issues (HS256); `verifier` checks the
  // tokens presented (NewBuiltinVerifier with the same key, or another issuer's) and must
  // outlive the service.
  AuthService(Store& store, const Clock& clock, std::string signing_key,
              const AccessTokenVerifier& verifier);

  // kConflict when the email is registered; kInvalidArgument for bad fields.
  Result<SessionTokens> Signup(SignupInput input);
  // kUnauthenticated for an unknown email or a wrong password (the same error, similar time);
  // kRateLimited when the account or the address failed too often recently.
  Result<SessionTokens> Login(const std::string& email, const std::string& password,
                              const std::string& address);
  // kUnauthenticated unless `refresh_token` is the live token of a live session.
  Result<SessionTokens> Refresh(const std::string& refresh_token);
  // Ends the session holding `refresh_token`; an unknown token is not an error.
  Status Logout(const std::string& refresh_token);
  // The user id of a valid access token; kUnauthenticated otherwise (or what the verifier
  // answers: kConflict, kUnavailable).
  Result<std::string> Authenticate(std::string_view access_token) const;

 private:
  Result<SessionTokens> StartSession(const User& user);
  SessionTokens Tokens(const User& user, std::string refresh_token) const;
  Status CheckThrottle(const std::string& key, int64_t limit, int64_t now);

  Store& store_;
  const Clock& clock_;
  const std::string signing_key_;
  const AccessTokenVerifier& verifier_;
  // Verified against for unknown emails, so timing tells nothing; made on first use so that
  // start-up does not pay for an argon2id hash.
  const std::string& DummyHash();
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace dadly
