// Supabase Auth access tokens (DADLY_AUTH=supabase). A token is accepted when it is signed with
// HS256 and the project's JWT secret (Supabase's legacy keys), or with ES256/RS256 and a key of
// the project's JWKS named by the token's `kid`; and when its claims are those Supabase issues
// to a signed-in user: `iss` = SUPABASE_URL/auth/v1, `aud` "authenticated", `role`
// "authenticated", an `exp` in the future, any `nbf` not in the future (30 s of clock skew
// allowed), a UUID `sub`, and not an anonymous sign-in.
//
// The algorithm is pinned by the key, never chosen by the token: HS256 only with the secret,
// ES256 only with a P-256 key, RS256 only with an RSA key; `none` and anything else never.
#pragma once

#include <memory>
#include <string>

#include "auth/access_token_verifier.h"
#include "auth/jwks_cache.h"
#include "core/time.h"

namespace dadly {

inline constexpr const char* kSupabaseAudience = "authenticated";
inline constexpr const char* kSupabaseRole = "authenticated";
inline constexpr int64_t kSupabaseClockSkewSeconds = 30;

// The issuer and the JWKS address of a project; `url` is SUPABASE_URL without a trailing slash.
std::string SupabaseIssuer(const std::string& url);
std::string SupabaseJwksUrl(const std::string& url);

struct SupabaseVerifierOptions {
  std::string url;         // SUPABASE_URL, no trailing slash
  std::string jwt_secret;  // SUPABASE_JWT_SECRET; empty: HS256 tokens are refused
};

// The identity carries `sub`, the lower-cased `email` (empty when the token has none) and a
// display name from `user_metadata.full_name` or `user_metadata.name` (empty when neither is a
// string). `keys` and `clock` must outlive the verifier.
std::unique_ptr<AccessTokenVerifier> NewSupabaseVerifier(SupabaseVerifierOptions options,
                                                         JwksCache& keys, const Clock& clock);

}  // namespace dadly
