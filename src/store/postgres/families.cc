// Families and memberships.
#include "store/postgres/postgres_store.h"

namespace dadly::postgres {

bool PostgresStore::IsLastOwner(Connection& conn, const std::string& family_id,
                                const std::string& user_id) {
  // FOR UPDATE: two owners demoting each other at once must not both succeed.
  return conn
      .Exec(
          "SELECT user_id FROM memberships WHERE family_id = $1 AND role = 'owner' "
          "AND user_id <> $2 FOR UPDATE",
          family_id, user_id)
      .empty();
}

Status PostgresStore::CreateFamily(const Family& f, const Membership& owner) {
  return InTransaction("create_family", [&](Connection& conn) -> Status {
    conn.Exec("INSERT INTO families (id, name, created_at) VALUES ($1, $2, $3)", f.id, f.name,
              f.created_at);
    conn.Exec(
        "INSERT INTO memberships (family_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)",
        owner.family_id, owner.user_id, RoleName(owner.role), owner.joined_at);
    return {};
  });
}

Result<Family> PostgresStore::FindFamily(const std::string& family_id) {
  auto r =
      Read("find_family", "SELECT id, name, created_at FROM families WHERE id = $1", family_id);
  if (!r) return tl::unexpected(r.error());
  if (r->empty()) return NotFound("family");
  return Family{r->Text(0, 0), r->Text(0, 1), r->Int(0, 2)};
}

Result<Membership> PostgresStore::FindMembership(const std::string& family_id,
                                                 const std::string& user_id) {
  auto r = Read("find_membership",
                "SELECT role, joined_at FROM memberships WHERE family_id = $1 AND user_id = $2",
                family_id, user_id);
  if (!r) return tl::unexpected(r.error());
  if (r->empty()) return NotFound("family");
  return Membership{family_id, user_id, ParseRole(r->Text(0, 0)).value_or(Role::kViewer),
                    r->Int(0, 1)};
}

Result<std::vector<std::pair<Family, Role>>> PostgresStore::ListFamiliesOfUser(
    const std::string& user_id) {
  auto r = Read("list_families_of_user",
                "SELECT f.id, f.name, f.created_at, m.role FROM memberships m "
                "JOIN families f ON f.id = m.family_id WHERE m.user_id = $1 "
                "ORDER BY f.created_at, f.id",
                user_id);
  if (!r) return tl::unexpected(r.error());
  std::vector<std::pair<Family, Role>> out;
  for (int i = 0; i < r->size(); ++i) {
    out.emplace_back(Family{r->Text(i, 0), r->Text(i, 1), r->Int(i, 2)},
                     ParseRole(r->Text(i, 3)).value_or(Role::kViewer));
  }
  return out;
}

Result<std::vector<FamilyUser>> PostgresStore::ListFamilyUsers(const std::string& family_id) {
  auto r = Read("list_family_users",
                "SELECT m.user_id, m.role, m.joined_at, u.email, u.display_name FROM memberships m "
                "JOIN users u ON u.id = m.user_id WHERE m.family_id = $1 "
                "ORDER BY m.joined_at, u.email",
                family_id);
  if (!r) return tl::unexpected(r.error());
  std::vector<FamilyUser> out;
  for (int i = 0; i < r->size(); ++i) {
    out.push_back(
        FamilyUser{Membership{family_id, r->Text(i, 0),
                              ParseRole(r->Text(i, 1)).value_or(Role::kViewer), r->Int(i, 2)},
                   r->Text(i, 3), r->Text(i, 4)});
  }
  return out;
}

Status PostgresStore::PutMembership(const Membership& m) {
  return InTransaction("put_membership", [&](Connection& conn) -> Status {
    if (m.role != Role::kOwner && IsLastOwner(conn, m.family_id, m.user_id)) {
      return Fail(ErrorCode::kConflict, "a family needs at least one owner");
    }
    auto r = conn.Exec(
        "INSERT INTO memberships (family_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (family_id, user_id) DO UPDATE SET role = excluded.role",
        m.family_id, m.user_id, RoleName(m.role), m.joined_at);
    return {};
  });
}

Status PostgresStore::RemoveMembership(const std::string& family_id, const std::string& user_id) {
  return InTransaction("remove_membership", [&](Connection& conn) -> Status {
    if (conn.Exec("SELECT 1 FROM memberships WHERE family_id = $1 AND user_id = $2", family_id,
                  user_id)
            .empty()) {
      return NotFound("user");
    }
    if (IsLastOwner(conn, family_id, user_id)) {
      return Fail(ErrorCode::kConflict, "a family needs at least one owner");
    }
    conn.Exec("DELETE FROM memberships WHERE family_id = $1 AND user_id = $2", family_id, user_id);
    return {};
  });
}

}  // namespace dadly::postgres
