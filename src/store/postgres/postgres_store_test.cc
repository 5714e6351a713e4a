// The PostgreSQL store seen as the server's role (dadly_app): Row Level Security answers for the
// actor the store acts for, and nothing at all when it acts for no one. Needs the cluster the
// test command starts (DADLY_TEST_PG_HOST).
#include "store/postgres/postgres_store.h"

#include <gtest/gtest.h>

#include "core/ids.h"
#include "store/postgres/test_database.h"

namespace dadly::postgres {
namespace {

class PostgresRowSecurity : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!TestDatabase::Host()) GTEST_SKIP() << "DADLY_TEST_PG_HOST is not set";
    db_ = std::make_unique<TestDatabase>();
    PostgresStore owner(db_->Url("dadly_owner"), 2);
    ASSERT_TRUE(owner.Migrate());
    app_ = std::make_unique<PostgresStore>(db_->Url("dadly_app"), 2);
    for (auto* family : {&a_, &b_}) {
      family->user = User{NewUuid(), NewUuid() + "@example.com", "hash", "name", "ko", 1};
      auto as = app_->ActingFor(family->user.id);
      ASSERT_TRUE(as->CreateUser(family->user));
      family->family = Family{NewUuid(), "family", 1};
      ASSERT_TRUE(
          as->CreateFamily(family->family, {family->family.id, family->user.id, Role::kOwner, 1}));
      Entry e;
      e.id = NewUuid();
      e.family_id = family->family.id;
      e.author_id = family->user.id;
      e.body = "a day";
      e.occurred_at = "2026-01-01";
      auto stored = as->CreateEntry(e);
      ASSERT_TRUE(stored);
      family->entry = *stored;
    }
  }

  struct Household {
    User user;
    Family family;
    Entry entry;
  };
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<PostgresStore> app_;
  Household a_, b_;
};

TEST_F(PostgresRowSecurity, ACallerSeesOnlyItsOwnFamily) {
  auto as_a = app_->ActingFor(a_.user.id);
  EXPECT_TRUE(as_a->FindFamily(a_.family.id));
  EXPECT_TRUE(as_a->FindEntry(a_.family.id, a_.entry.id, false));
  EXPECT_EQ(as_a->FindFamily(b_.family.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(as_a->FindEntry(b_.family.id, b_.entry.id, true).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(as_a->FindUser(b_.user.id).error().code, ErrorCode::kNotFound);
  // Even a filter naming B's family as if A were its viewer returns nothing of B's.
  EntryPageQuery q;
  q.filter = EntryFilter{b_.family.id, a_.user.id, false, {}, {}, {}, {}, {}};
  EXPECT_TRUE(as_a->ListEntries(q)->empty());
  EXPECT_EQ(as_a->CountEntries(q.filter).value(), 0);
}

TEST_F(PostgresRowSecurity, WritesIntoAnotherFamilyChangeNothing) {
  auto as_a = app_->ActingFor(a_.user.id);
  // The services would never ask this; the policies refuse it anyway.
  EXPECT_FALSE(as_a->TrashEntry(b_.family.id, b_.entry.id, 5));
  EXPECT_FALSE(as_a->PutMembership({b_.family.id, a_.user.id, Role::kOwner, 5}));
  Entry intruder;
  intruder.id = NewUuid();
  intruder.family_id = b_.family.id;
  intruder.author_id = a_.user.id;
  intruder.body = "not yours";
  intruder.occurred_at = "2026-01-02";
  EXPECT_FALSE(as_a->CreateEntry(intruder));
  auto as_b = app_->ActingFor(b_.user.id);
  EntryPageQuery q;
  q.filter = EntryFilter{b_.family.id, b_.user.id, false, {}, {}, {}, {}, {}};
  const auto entries = as_b->ListEntries(q);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().id, b_.entry.id);
  EXPECT_FALSE(entries->front().deleted_at);
  EXPECT_EQ(as_b->ListFamilyUsers(b_.family.id)->size(), 1u);
}

TEST_F(PostgresRowSecurity, NoActorSeesNoFamilyData) {
  EXPECT_EQ(app_->FindFamily(a_.family.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(app_->FindUser(a_.user.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(app_->ListFamiliesOfUser(a_.user.id)->empty());
  // Signing in still works: it goes through the schema's narrow functions.
  EXPECT_EQ(app_->FindUserByEmail(a_.user.email)->id, a_.user.id);
  ASSERT_TRUE(app_->CreateSession(RefreshToken{"h1", NewUuid(), a_.user.id, 10, 1000}));
  std::string user_id;
  EXPECT_EQ(app_->RotateRefreshToken("h1", RefreshToken{"h2", "", "", 20, 1000}, 20, 0, &user_id),
            RotateOutcome::kRotated);
  EXPECT_EQ(user_id, a_.user.id);
}

TEST_F(PostgresRowSecurity, AConnectionTheServerDroppedIsReplaced) {
  auto as_a = app_->ActingFor(a_.user.id);
  ASSERT_TRUE(as_a->FindFamily(a_.family.id));
  Connection(db_->Url("postgres"))
      .Exec(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
          "WHERE usename = 'dadly_app' AND pid <> pg_backend_pid()");
  EXPECT_TRUE(as_a->FindFamily(a_.family.id));
  EXPECT_TRUE(as_a->FindEntry(a_.family.id, a_.entry.id, false));
}

TEST_F(PostgresRowSecurity, TheServersRoleCannotMigrate) {
  TestDatabase fresh;
  PostgresStore app(fresh.Url("dadly_app"), 1);
  const auto migrated = app.Migrate();
  ASSERT_FALSE(migrated);
  EXPECT_NE(migrated.error().message.find("dadly migrate"), std::string::npos);
}

}  // namespace
}  // namespace dadly::postgres
