// Members: the people an archive is about.
#include "store/sqlite/sqlite_store.h"

namespace dadly::sqlite {
namespace {

constexpr const char* kMemberColumns =
    "SELECT id, family_id, name, birthdate, relation, user_id, created_at, updated_at, version "
    "FROM members ";

Member ReadMember(const Stmt& q) {
  return Member{q.Text(0),    q.Text(1), q.Text(2), q.OptText(3), q.OptText(4),
                q.OptText(5), q.Int(6),  q.Int(7),  q.Int(8)};
}

std::optional<Member> LoadMember(Connection& conn, const std::string& family_id,
                                 const std::string& member_id) {
  auto q = conn.Prepare(std::string(kMemberColumns) + "WHERE id = ?1 AND family_id = ?2");
  q.Bind(1, member_id).Bind(2, family_id);
  if (!q.Step()) return std::nullopt;
  return ReadMember(q);
}

}  // namespace

Status SqliteStore::CreateMember(const Member& m) {
  return Guard("create_member", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    conn->Prepare(
            "INSERT INTO members (id, family_id, name, birthdate, relation, user_id, created_at, "
            "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .Bind(1, m.id)
        .Bind(2, m.family_id)
        .Bind(3, m.name)
        .Bind(4, m.birthdate)
        .Bind(5, m.relation)
        .Bind(6, m.user_id)
        .Bind(7, m.created_at)
        .Bind(8, m.updated_at)
        .Run();
    tx.Commit();
    return {};
  });
}

Result<Member> SqliteStore::FindMember(const std::string& family_id, const std::string& member_id) {
  return Guard("find_member", [&]() -> Result<Member> {
    auto conn = pool_->Acquire();
    auto member = LoadMember(*conn, family_id, member_id);
    if (!member) return NotFound("member");
    return *member;
  });
}

Result<std::vector<Member>> SqliteStore::ListMembers(const std::string& family_id) {
  return Guard("list_members", [&]() -> Result<std::vector<Member>> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare(std::string(kMemberColumns) +
                           "WHERE family_id = ?1 ORDER BY birthdate IS NULL, birthdate, name, id");
    q.Bind(1, family_id);
    std::vector<Member> out;
    while (q.Step()) out.push_back(ReadMember(q));
    return out;
  });
}

Result<Member> SqliteStore::UpdateMember(const Member& m, int64_t expected_version) {
  return Guard("update_member", [&]() -> Result<Member> {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    auto current = LoadMember(*conn, m.family_id, m.id);
    if (!current) return NotFound("member");
    if (current->version != expected_version) {
      return Fail(ErrorCode::kPreconditionFailed, "the member was changed by someone else");
    }
    conn->Prepare(
            "UPDATE members SET name = ?3, birthdate = ?4, relation = ?5, user_id = ?6, "
            "updated_at = ?7, version = version + 1 WHERE id = ?1 AND family_id = ?2")
        .Bind(1, m.id)
        .Bind(2, m.family_id)
        .Bind(3, m.name)
        .Bind(4, m.birthdate)
        .Bind(5, m.relation)
        .Bind(6, m.user_id)
        .Bind(7, m.updated_at)
        .Run();
    auto updated = LoadMember(*conn, m.family_id, m.id);
    tx.Commit();
    return *updated;
  });
}

Status SqliteStore::DeleteMember(const std::string& family_id, const std::string& member_id) {
  return Guard("delete_member", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    // entry_members rows go with it (ON DELETE CASCADE).
    conn->Prepare("DELETE FROM members WHERE id = ?1 AND family_id = ?2")
        .Bind(1, member_id)
        .Bind(2, family_id)
        .Run();
    if (conn->Changes() == 0) return NotFound("member");
    tx.Commit();
    return {};
  });
}

Result<int64_t> SqliteStore::CountMembersInFamily(const std::string& family_id,
                                                  const std::vector<std::string>& member_ids) {
  return Guard("count_members_in_family", [&]() -> Result<int64_t> {
    auto conn = pool_->Acquire();
    int64_t found = 0;
    for (const auto& id : member_ids) {
      auto q = conn->Prepare("SELECT 1 FROM members WHERE id = ?1 AND family_id = ?2");
      q.Bind(1, id).Bind(2, family_id);
      if (q.Step()) ++found;
    }
    return found;
  });
}

}  // namespace dadly::sqlite
