// Families and memberships.
#include "store/sqlite/sqlite_store.h"

namespace dadly::sqlite {

Status SqliteStore::CreateFamily(const Family& f, const Membership& owner) {
  return Guard("create_family", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    conn->Prepare("INSERT INTO families (id, name, created_at) VALUES (?1, ?2, ?3)")
        .Bind(1, f.id)
        .Bind(2, f.name)
        .Bind(3, f.created_at)
        .Run();
    conn->Prepare(
            "INSERT INTO memberships (family_id, user_id, role, joined_at) "
            "VALUES (?1, ?2, ?3, ?4)")
        .Bind(1, owner.family_id)
        .Bind(2, owner.user_id)
        .Bind(3, RoleName(owner.role))
        .Bind(4, owner.joined_at)
        .Run();
    tx.Commit();
    return {};
  });
}

Result<Family> SqliteStore::FindFamily(const std::string& family_id) {
  return Guard("find_family", [&]() -> Result<Family> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare("SELECT id, name, created_at FROM families WHERE id = ?1");
    q.Bind(1, family_id);
    if (!q.Step()) return NotFound("family");
    return Family{q.Text(0), q.Text(1), q.Int(2)};
  });
}

Result<Membership> SqliteStore::FindMembership(const std::string& family_id,
                                               const std::string& user_id) {
  return Guard("find_membership", [&]() -> Result<Membership> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare(
        "SELECT role, joined_at FROM memberships WHERE family_id = ?1 AND user_id = ?2");
    q.Bind(1, family_id).Bind(2, user_id);
    if (!q.Step()) return NotFound("family");
    return Membership{family_id, user_id, ParseRole(q.Text(0)).value_or(Role::kViewer), q.Int(1)};
  });
}

Result<std::vector<std::pair<Family, Role>>> SqliteStore::ListFamiliesOfUser(
    const std::string& user_id) {
  return Guard("list_families_of_user", [&]() -> Result<std::vector<std::pair<Family, Role>>> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare(
        "SELECT f.id, f.name, f.created_at, m.role FROM memberships m "
        "JOIN families f ON f.id = m.family_id WHERE m.user_id = ?1 ORDER BY f.created_at, f.id");
    q.Bind(1, user_id);
    std::vector<std::pair<Family, Role>> out;
    while (q.Step()) {
      out.emplace_back(Family{q.Text(0), q.Text(1), q.Int(2)},
                       ParseRole(q.Text(3)).value_or(Role::kViewer));
    }
    return out;
  });
}

Result<std::vector<FamilyUser>> SqliteStore::ListFamilyUsers(const std::string& family_id) {
  return Guard("list_family_users", [&]() -> Result<std::vector<FamilyUser>> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare(
        "SELECT m.user_id, m.role, m.joined_at, u.email, u.display_name FROM memberships m "
        "JOIN users u ON u.id = m.user_id WHERE m.family_id = ?1 ORDER BY m.joined_at, u.email");
    q.Bind(1, family_id);
    std::vector<FamilyUser> out;
    while (q.Step()) {
      out.push_back(FamilyUser{
          Membership{family_id, q.Text(0), ParseRole(q.Text(1)).value_or(Role::kViewer), q.Int(2)},
          q.Text(3), q.Text(4)});
    }
    return out;
  });
}

Status SqliteStore::PutMembership(const Membership& m) {
  return Guard("put_membership", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    if (m.role != Role::kOwner && IsLastOwner(*conn, m.family_id, m.user_id)) {
      return Fail(ErrorCode::kConflict, "a family needs at least one owner");
    }
    conn->Prepare(
            "INSERT INTO memberships (family_id, user_id, role, joined_at) "
            "VALUES (?1, ?2, ?3, ?4) "
            "ON CONFLICT (family_id, user_id) DO UPDATE SET role = excluded.role")
        .Bind(1, m.family_id)
        .Bind(2, m.user_id)
        .Bind(3, RoleName(m.role))
        .Bind(4, m.joined_at)
        .Run();
    tx.Commit();
    return {};
  });
}

Status SqliteStore::RemoveMembership(const std::string& family_id, const std::string& user_id) {
  return Guard("remove_membership", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    {
      auto q = conn->Prepare("SELECT 1 FROM memberships WHERE family_id = ?1 AND user_id = ?2");
      q.Bind(1, family_id).Bind(2, user_id);
      if (!q.Step()) return NotFound("user");
    }
    if (IsLastOwner(*conn, family_id, user_id)) {
      return Fail(ErrorCode::kConflict, "a family needs at least one owner");
    }
    conn->Prepare("DELETE FROM memberships WHERE family_id = ?1 AND user_id = ?2")
        .Bind(1, family_id)
        .Bind(2, user_id)
        .Run();
    tx.Commit();
    return {};
  });
}

}  // namespace dadly::sqlite
