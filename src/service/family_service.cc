#include "service/family_service.h"

#include <algorithm>

#include "core/ids.h"
#include "service/validate.h"

namespace dadly {

Result<Membership> RequireMembership(Store& store, const std::string& family_id,
                                     const std::string& user_id) {
  if (!IsUuid(family_id)) return NotFound("family");
  return store.FindMembership(family_id, user_id);
}

Result<Reader> RequireReader(Store& store, const std::string& family_id,
                             const std::string& user_id) {
  auto m = RequireMembership(store, family_id, user_id);
  if (!m) return tl::unexpected(m.error());
  EntryFilter filter;
  filter.family_id = family_id;
  filter.viewer_id = user_id;
  filter.only_tagging_viewer = m->role == Role::kChild;
  return Reader{*m, std::move(filter)};
}

Result<Membership> FamilyService::RequireOwner(Store& store, const std::string& caller,
                                               const std::string& family_id) {
  auto m = RequireMembership(store, family_id, caller);
  if (m && m->role != Role::kOwner) return Forbidden("only an owner of the family may do this");
  return m;
}

Result<FamilyView> FamilyService::Create(const std::string& caller, const std::string& name) {
  auto store = store_.ActingFor(caller);
  Validator v;
  v.Text("name", name, 1, 100, true);
  if (auto ok = v.Finish(); !ok) return tl::unexpected(ok.error());
  const int64_t now = clock_.NowSeconds();
  Family family{NewUuid(), name, now};
  if (auto ok = store->CreateFamily(family, Membership{family.id, caller, Role::kOwner, now});
      !ok) {
    return tl::unexpected(ok.error());
  }
  return FamilyView{family, Role::kOwner};
}

Result<FamilyView> FamilyService::Get(const std::string& caller, const std::string& family_id) {
  auto store = store_.ActingFor(caller);
  auto m = RequireMembership(*store, family_id, caller);
  if (!m) return tl::unexpected(m.error());
  auto family = store->FindFamily(family_id);
  if (!family) return tl::unexpected(family.error());
  return FamilyView{*family, m->role};
}

Result<std::vector<FamilyView>> FamilyService::ListMine(const std::string& caller) {
  auto store = store_.ActingFor(caller);
  auto rows = store->ListFamiliesOfUser(caller);
  if (!rows) return tl::unexpected(rows.error());
  std::vector<FamilyView> out;
  for (auto& [family, role] : *rows) out.push_back(FamilyView{std::move(family), role});
  return out;
}

Result<std::vector<Member>> FamilyService::ListMembers(const std::string& caller,
                                                       const std::string& family_id) {
  auto store = store_.ActingFor(caller);
  if (auto m = RequireMembership(*store, family_id, caller); !m) return tl::unexpected(m.error());
  return store->ListMembers(family_id);
}

Result<Member> FamilyService::GetMember(const std::string& caller, const std::string& family_id,
                                        const std::string& member_id) {
  auto store = store_.ActingFor(caller);
  if (auto m = RequireMembership(*store, family_id, caller); !m) return tl::unexpected(m.error());
  if (!IsUuid(member_id)) return NotFound("member");
  return store->FindMember(family_id, member_id);
}

Status FamilyService::CheckMember(Store& store, const std::string& family_id, const MemberDraft& d,
                                  bool creating) {
  Validator v;
  if (creating && !d.name) v.Add("name", "is required");
  if (!creating && !d.name && !d.birthdate && !d.relation && !d.user_id) {
    v.Add("", "nothing to change");
  }
  if (d.name) v.Text("name", *d.name, 1, 100, true);
  if (d.birthdate && *d.birthdate) {
    v.Day("birthdate", **d.birthdate, kEarliestDay, LatestTodayAnywhere(clock_.NowSeconds()));
  }
  if (d.relation && *d.relation) v.Text("relation", **d.relation, 1, 50, true);
  if (!v.ok()) return v.Finish();
  if (d.user_id && *d.user_id &&
      (!IsUuid(**d.user_id) || !store.FindMembership(family_id, **d.user_id))) {
    v.Add("user_id", "must be a user of this family");
  }
  return v.Finish();
}

Result<Member> FamilyService::CreateMember(const std::string& caller, const std::string& family_id,
                                           const MemberDraft& draft) {
  auto store = store_.ActingFor(caller);
  if (auto m = RequireOwner(*store, caller, family_id); !m) return tl::unexpected(m.error());
  if (auto ok = CheckMember(*store, family_id, draft, true); !ok) return tl::unexpected(ok.error());
  const int64_t now = clock_.NowSeconds();
  Member member{NewUuid(),
                family_id,
                *draft.name,
                draft.birthdate.value_or(std::nullopt),
                draft.relation.value_or(std::nullopt),
                draft.user_id.value_or(std::nullopt),
                now,
                now};
  if (auto ok = store->CreateMember(member); !ok) return tl::unexpected(ok.error());
  return member;
}

Result<Member> FamilyService::UpdateMember(const std::string& caller, const std::string& family_id,
                                           const std::string& member_id, const MemberDraft& draft,
                                           std::optional<int64_t> if_match) {
  auto store = store_.ActingFor(caller);
  if (auto m = RequireOwner(*store, caller, family_id); !m) return tl::unexpected(m.error());
  if (!IsUuid(member_id)) return NotFound("member");
  auto member = store->FindMember(family_id, member_id);
  if (!member) return tl::unexpected(member.error());
  if (auto ok = CheckMember(*store, family_id, draft, false); !ok)
    return tl::unexpected(ok.error());
  if (draft.name) member->name = *draft.name;
  if (draft.birthdate) member->birthdate = *draft.birthdate;
  if (draft.relation) member->relation = *draft.relation;
  if (draft.user_id) member->user_id = *draft.user_id;
  member->updated_at = clock_.NowSeconds();
  return store->UpdateMember(*member, if_match.value_or(member->version));
}

Status FamilyService::DeleteMember(const std::string& caller, const std::string& family_id,
                                   const std::string& member_id) {
  auto store = store_.ActingFor(caller);
  if (auto m = RequireOwner(*store, caller, family_id); !m) return tl::unexpected(m.error());
  if (!IsUuid(member_id)) return NotFound("member");
  return store->DeleteMember(family_id, member_id);
}

Result<std::vector<FamilyUser>> FamilyService::ListUsers(const std::string& caller,
                                                         const std::string& family_id) {
  auto store = store_.ActingFor(caller);
  if (auto m = RequireOwner(*store, caller, family_id); !m) return tl::unexpected(m.error());
  return store->ListFamilyUsers(family_id);
}

Result<FamilyUser> FamilyService::ChangeRole(const std::string& caller,
                                             const std::string& family_id,
                                             const std::string& user_id, const std::string& role) {
  auto store = store_.ActingFor(caller);
  if (auto m = RequireOwner(*store, caller, family_id); !m) return tl::unexpected(m.error());
  const auto parsed = ParseRole(role);
  if (!parsed) return Invalid("role", "must be owner, editor, viewer or child");
  if (!IsUuid(user_id)) return NotFound("user");
  auto target = store->FindMembership(family_id, user_id);
  if (!target) return NotFound("user");
  target->role = *parsed;
  if (auto ok = store->PutMembership(*target); !ok) return tl::unexpected(ok.error());
  auto users = store->ListFamilyUsers(family_id);
  if (!users) return tl::unexpected(users.error());
  for (auto& u : *users) {
    if (u.membership.user_id == user_id) return u;
  }
  return NotFound("user");
}

Status FamilyService::RemoveUser(const std::string& caller, const std::string& family_id,
                                 const std::string& user_id) {
  auto store = store_.ActingFor(caller);
  if (auto m = RequireOwner(*store, caller, family_id); !m) return tl::unexpected(m.error());
  if (!IsUuid(user_id)) return NotFound("user");
  return store->RemoveMembership(family_id, user_id);
}

Status FamilyService::Grant(const std::string& family_id, const std::string& email,
                            const std::string& role) {
  const auto parsed = ParseRole(role);
  if (!parsed) return Invalid("role", "must be owner, editor, viewer or child");
  if (!IsUuid(family_id)) return NotFound("family");
  if (auto f = store_.FindFamily(family_id); !f) return tl::unexpected(f.error());
  auto user = store_.FindUserByEmail(NormalizeEmail(email));
  if (!user) return tl::unexpected(user.error());
  return store_.PutMembership(Membership{family_id, user->id, *parsed, clock_.NowSeconds()});
}

}  // namespace dadly
