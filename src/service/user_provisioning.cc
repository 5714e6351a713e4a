#include "service/user_provisioning.h"

#include "core/log.h"
#include "core/text.h"
#include "core/utf8.h"
#include "service/validate.h"

namespace dadly {
namespace {

constexpr size_t kMaxDisplayName = 100;

// The first `max` code points of valid UTF-8 `s`.
std::string CutCodePoints(const std::string& s, size_t max) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    // A byte that does not continue a sequence starts a code point.
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == max) return s.substr(0, i);
  }
  return s;
}

}  // namespace

User NewExternalUser(const Identity& identity, int64_t now) {
  User user;
  user.id = identity.user_id;
  Validator email_check;
  email_check.Email("email", identity.email);
  user.email = email_check.ok() ? identity.email : identity.user_id + "@users.invalid";
  std::string name(TrimSpace(identity.display_name));
  if (IsBlank(name)) name = user.email.substr(0, user.email.find('@'));
  user.display_name = CutCodePoints(name, kMaxDisplayName);
  user.password_hash = "";
  user.locale = "ko";
  user.created_at = now;
  return user;
}

ProvisioningVerifier::ProvisioningVerifier(const AccessTokenVerifier& provider, Store& store,
                                           const Clock& clock)
    : provider_(provider), store_(store), clock_(clock) {}

Result<Identity> ProvisioningVerifier::Verify(std::string_view token) const {
  auto identity = provider_.Verify(token);
  if (!identity) return identity;
  // A newcomer creates its own account row, so the store acts for it from the start.
  auto store = store_.ActingFor(identity->user_id);
  auto found = store->FindUser(identity->user_id);
  if (found) return identity;
  if (found.error().code != ErrorCode::kNotFound) return tl::unexpected(found.error());

  auto created = store->CreateUser(NewExternalUser(*identity, clock_.NowSeconds()));
  if (created) {
    Log(Severity::kInfo, "user created on first sign-in", {{"user_id", identity->user_id}});
    return identity;
  }
  if (created.error().code != ErrorCode::kConflict) return tl::unexpected(created.error());
  // Another request of the same user may have made the row meanwhile; else the email is taken.
  if (store->FindUser(identity->user_id)) return identity;
  Log(Severity::kWarning, "sign-in refused: the email belongs to another user",
      {{"user_id", identity->user_id}});
  return Fail(ErrorCode::kConflict, "this email already belongs to another Dadly account");
}

}  // namespace dadly
