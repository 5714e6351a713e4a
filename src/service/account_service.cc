#include "service/account_service.h"

#include "service/validate.h"

namespace dadly {

Result<User> AccountService::Update(const std::string& caller, const ProfileDraft& draft) {
  Validator v;
  if (!draft.display_name && !draft.locale) v.Add("", "nothing to change");
  if (draft.display_name) v.Text("display_name", *draft.display_name, 1, 100, true);
  if (draft.locale && *draft.locale != "ko" && *draft.locale != "en") {
    v.Add("locale", "must be ko or en");
  }
  if (auto ok = v.Finish(); !ok) return tl::unexpected(ok.error());
  auto store = store_.ActingFor(caller);
  auto user = store->FindUser(caller);
  if (!user) return user;
  if (draft.display_name) user->display_name = *draft.display_name;
  if (draft.locale) user->locale = *draft.locale;
  if (auto ok = store->UpdateUserProfile(caller, user->display_name, user->locale); !ok) {
    return tl::unexpected(ok.error());
  }
  return user;
}

}  // namespace dadly
