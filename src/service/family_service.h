// Families, the people they are about (members), and who may use them (users and roles).
// Every method takes the caller's user id and checks the caller's role in the named family:
// a family the caller is not in is kNotFound, a role that may not act is kPermissionDenied.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "store/store.h"

namespace dadly {

struct FamilyView {
  Family family;
  Role role = Role::kViewer;  // the caller's
};

// Fields of a member to create or change; an absent field stays as it is, and an inner nullopt
// clears it.
struct MemberDraft {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> birthdate;
  std::optional<std::optional<std::string>> relation;
  // Links the member to a user of the family (a child's own account).
  std::optional<std::optional<std::string>> user_id;
};

// The caller's membership of `family_id`; kNotFound when there is none.
Result<Membership> RequireMembership(Store& store, const std::string& family_id,
                                     const std::string& user_id);

// A member reading the family: their membership, and the filter of the entries they may see
// (private entries of others never; a child's account only family entries that tag it).
struct Reader {
  Membership membership;
  EntryFilter filter;
};
// kNotFound when `user_id` is not a member of `family_id`.
Result<Reader> RequireReader(Store& store, const std::string& family_id,
                             const std::string& user_id);

class FamilyService {
 public:
  FamilyService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<FamilyView> Create(const std::string& caller, const std::string& name);
  Result<FamilyView> Get(const std::string& caller, const std::string& family_id);
  Result<std::vector<FamilyView>> ListMine(const std::string& caller);

  Result<std::vector<Member>> ListMembers(const std::string& caller, const std::string& family_id);
  Result<Member> GetMember(const std::string& caller, const std::string& family_id,
                           const std::string& member_id);
  Result<Member> CreateMember(const std::string& caller, const std::string& family_id,
                              const MemberDraft& draft);
  // With `if_match`, only when the member is still at that version (kPreconditionFailed).
  Result<Member> UpdateMember(const std::string& caller, const std::string& family_id,
                              const std::string& member_id, const MemberDraft& draft,
                              std::optional<int64_t> if_match);
  Status DeleteMember(const std::string& caller, const std::string& family_id,
                      const std::string& member_id);

  Result<std::vector<FamilyUser>> ListUsers(const std::string& caller,
                                            const std::string& family_id);
  Result<FamilyUser> ChangeRole(const std::string& caller, const std::string& family_id,
                                const std::string& user_id, const std::string& role);
  Status RemoveUser(const std::string& caller, const std::string& family_id,
                    const std::string& user_id);
  // Operator path (`dadly grant`): gives the account with `email` a role, no caller involved.
  // On PostgreSQL it needs the schema owner's connection, which Row Level Security lets through.
  Status Grant(const std::string& family_id, const std::string& email, const std::string& role);

 private:
  Result<Membership> RequireOwner(Store& store, const std::string& caller,
                                  const std::string& family_id);
  Status CheckMember(Store& store, const std::string& family_id, const MemberDraft& draft,
                     bool creating);

  Store& store_;
  const Clock& clock_;
};

}  // namespace dadly
