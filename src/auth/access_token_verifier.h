// The port that turns a bearer token into an identity. Dadly's own HS256 tokens are one
// implementation (NewBuiltinVerifier); Supabase Auth's tokens are another (supabase_verifier.h).
// main.cc chooses one by DADLY_AUTH; the HTTP layer only ever sees this interface.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"

namespace dadly {

// Who a valid access token speaks for.
struct Identity {
  std::string user_id;       // Dadly's user id, a lowercase UUID (the token's `sub`)
  std::string email;         // lower-cased, when the issuer puts one in the token; else empty
  std::string display_name;  // a name the issuer knows the user by; may be empty
};

class AccessTokenVerifier {
 public:
  virtual ~AccessTokenVerifier() = default;
  // The identity of a valid token. kUnauthenticated for anything else: malformed, wrongly
  // signed, expired, meant for another audience or issuer. Implementations that need a store
  // may also answer kConflict or kUnavailable. Thread-safe.
  virtual Result<Identity> Verify(std::string_view token) const = 0;
};

// Dadly's own access tokens (auth/jwt.h): HS256 with `signing_key`, checked at `clock`'s time.
// Only `user_id` of the identity is filled. The clock must outlive the verifier.
std::unique_ptr<AccessTokenVerifier> NewBuiltinVerifier(std::string signing_key,
                                                        const Clock& clock);

}  // namespace dadly
