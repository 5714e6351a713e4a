// Families (archives), the roles users hold in them, and the people an archive is about.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dadly {

enum class Role { kOwner, kEditor, kViewer, kChild };

std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct Family {
  std::string id;
  std::string name;
  int64_t created_at = 0;
};

// A user's place in a family.
struct Membership {
  std::string family_id;
  std::string user_id;
  Role role = Role::kViewer;
  int64_t joined_at = 0;
};

// A person the archive is about, usually a child.
struct Member {
  std::string id;
  std::string family_id;
  std::string name;
  std::optional<std::string> birthdate;  // YYYY-MM-DD
  std::optional<std::string> relation;
  std::optional<std::string> user_id;  // a linked account (a child's own login)
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t version = 1;  // bumped by every change; the ETag of the member's responses
};

}  // namespace dadly
