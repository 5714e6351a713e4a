#include "model/family.h"

namespace dadly {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kOwner:
      return "owner";
    case Role::kEditor:
      return "editor";
    case Role::kViewer:
      return "viewer";
    case Role::kChild:
      return "child";
  }
  return "viewer";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kOwner, Role::kEditor, Role::kViewer, Role::kChild}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

}  // namespace dadly
