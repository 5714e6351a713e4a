// Members: the people an archive is about.
#include "store/postgres/postgres_store.h"

namespace dadly::postgres {
namespace {

constexpr const char* kMemberFields =
    "id, family_id, name, birthdate, relation, user_id, created_at, updated_at, version";
std::string MemberSelect() { return std::string("SELECT ") + kMemberFields + " FROM members "; }

Member ReadMember(const Rows& r, int i) {
  return Member{r.Text(i, 0),    r.Text(i, 1), r.Text(i, 2), r.OptText(i, 3), r.OptText(i, 4),
                r.OptText(i, 5), r.Int(i, 6),  r.Int(i, 7),  r.Int(i, 8)};
}

// Member ids as a PostgreSQL text array literal; ids are UUIDs, so nothing needs quoting.
std::string TextArray(const std::vector<std::string>& ids) {
  std::string out = "{";
  for (const auto& id : ids) {
    if (out.size() > 1) out += ',';
    out += '"' + id + '"';
  }
  return out + "}";
}

}  // namespace

Status PostgresStore::CreateMember(const Member& m) {
  return InTransaction("create_member", [&](Connection& conn) -> Status {
    conn.Exec(
        "INSERT INTO members (id, family_id, name, birthdate, relation, user_id, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        m.id, m.family_id, m.name, m.birthdate, m.relation, m.user_id, m.created_at, m.updated_at);
    return {};
  });
}

Result<Member> PostgresStore::FindMember(const std::string& family_id,
                                         const std::string& member_id) {
  auto r = Read("find_member", MemberSelect() + "WHERE id = $1 AND family_id = $2", member_id,
                family_id);
  if (!r) return tl::unexpected(r.error());
  if (r->empty()) return NotFound("member");
  return ReadMember(*r, 0);
}

Result<std::vector<Member>> PostgresStore::ListMembers(const std::string& family_id) {
  auto r =
      Read("list_members",
           MemberSelect() + "WHERE family_id = $1 ORDER BY birthdate IS NULL, birthdate, name, id",
           family_id);
  if (!r) return tl::unexpected(r.error());
  std::vector<Member> out;
  for (int i = 0; i < r->size(); ++i) out.push_back(ReadMember(*r, i));
  return out;
}

Result<Member> PostgresStore::UpdateMember(const Member& m, int64_t expected_version) {
  return InTransaction("update_member", [&](Connection& conn) -> Result<Member> {
    // The row lock makes a concurrent update wait and then see the new version.
    auto current =
        conn.Exec("SELECT version FROM members WHERE id = $1 AND family_id = $2 FOR UPDATE", m.id,
                  m.family_id);
    if (current.empty()) return NotFound("member");
    if (current.Int(0, 0) != expected_version) {
      return Fail(ErrorCode::kPreconditionFailed, "the member was changed by someone else");
    }
    auto r = conn.Exec(
        "UPDATE members SET name = $3, birthdate = $4, relation = $5, user_id = $6, "
        "updated_at = $7, version = version + 1 WHERE id = $1 AND family_id = $2 RETURNING " +
            std::string(kMemberFields),
        m.id, m.family_id, m.name, m.birthdate, m.relation, m.user_id, m.updated_at);
    return ReadMember(r, 0);
  });
}

Status PostgresStore::DeleteMember(const std::string& family_id, const std::string& member_id) {
  return InTransaction("delete_member", [&](Connection& conn) -> Status {
    // entry_members rows go with it (ON DELETE CASCADE).
    auto r =
        conn.Exec("DELETE FROM members WHERE id = $1 AND family_id = $2", member_id, family_id);
    if (r.affected() == 0) return NotFound("member");
    return {};
  });
}

Result<int64_t> PostgresStore::CountMembersInFamily(const std::string& family_id,
                                                    const std::vector<std::string>& member_ids) {
  auto r = Read("count_members_in_family",
                "SELECT count(*) FROM members WHERE family_id = $1 AND id::text = ANY($2::text[])",
                family_id, TextArray(member_ids));
  if (!r) return tl::unexpected(r.error());
  return r->Int(0, 0);
}

}  // namespace dadly::postgres
