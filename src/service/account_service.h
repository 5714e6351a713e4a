// The caller's own account: reading it and changing its name and language. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "store/store.h"

namespace dadly {

// Fields of the account to change; an absent field stays as it is.
struct ProfileDraft {
  std::optional<std::string> display_name;
  std::optional<std::string> locale;  // ko | en
};

class AccountService {
 public:
  explicit AccountService(Store& store) : store_(store) {}

  Result<User> Get(const std::string& caller) { return store_.ActingFor(caller)->FindUser(caller); }
  // kInvalidArgument for a bad or empty draft; returns the account as it now is.
  Result<User> Update(const std::string& caller, const ProfileDraft& draft);

 private:
  Store& store_;
};

}  // namespace dadly
