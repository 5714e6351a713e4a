// Users whose accounts live in an external identity provider (Supabase Auth, DADLY_AUTH=supabase).
// Dadly keeps a user row for each, with the provider's user id as its id, made the first time
// one of the user's tokens arrives; from then on families, roles and entries refer to it like
// to any other user. Thread-safe.
#pragma once

#include <cstdint>

#include "auth/access_token_verifier.h"
#include "core/time.h"
#include "model/user.h"
#include "store/store.h"

namespace dadly {

// The row made for a first-seen identity at `now`: its email (or `<id>@users.invalid` when the
// token has no usable one), its display name (else the email's local part), cut to 100
// characters; locale ko; and an empty password hash, which no password ever verifies against, so
// Dadly's own login can never open the account.
User NewExternalUser(const Identity& identity, int64_t now);

class ProvisioningVerifier final : public AccessTokenVerifier {
 public:
  // `provider` checks the tokens; every reference must outlive this object.
  ProvisioningVerifier(const AccessTokenVerifier& provider, Store& store, const Clock& clock);

  // The provider's identity, after making sure its user row exists. kConflict when the token's
  // email already belongs to another Dadly user; kUnavailable when the store fails.
  Result<Identity> Verify(std::string_view token) const override;

 private:
  const AccessTokenVerifier& provider_;
  Store& store_;
  const Clock& clock_;
};

}  // namespace dadly
