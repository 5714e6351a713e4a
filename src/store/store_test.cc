// The Store contract: every backend must pass this suite (store_contract.h says which run).
// Accounts, sessions, families and entries here; jobs, insights and search in
// store_jobs_test.cc.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "store/store_contract.h"

namespace dadly::store_contract {
namespace {

// Tests of what only the embedded store promises.
class SqliteStoreFiles : public StoreContract {};

TEST_P(StoreContract, MigrateIsIdempotent) { EXPECT_TRUE(store_->Migrate()); }

TEST_P(StoreContract, EmailsAreUnique) {
  AddUser("a@example.com");
  User again{NewUuid(), "a@example.com", "h", "n", "ko", 1};
  auto r = store_->CreateUser(again);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->FindUserByEmail("nobody@example.com").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, ProfilesChange) {
  const User u = AddUser("p@example.com");
  ASSERT_TRUE(store_->UpdateUserProfile(u.id, "엄마", "en"));
  const auto changed = store_->FindUser(u.id);
  EXPECT_EQ(changed->display_name, "엄마");
  EXPECT_EQ(changed->locale, "en");
  EXPECT_EQ(changed->email, "p@example.com");
  EXPECT_EQ(store_->UpdateUserProfile(NewUuid(), "x", "ko").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, RefreshTokensRotateAndReuseRevokesTheSession) {
  const User u = AddUser("r@example.com");
  ASSERT_TRUE(store_->CreateSession(RefreshToken{"h1", NewUuid(), u.id, 10, 1000}));
  EXPECT_EQ(Rotate("h1", "h2", 20), RotateOutcome::kRotated);
  EXPECT_EQ(last_user_id_, u.id);
  // h1 was spent at 20: a retry window that starts later makes its return a reuse.
  EXPECT_EQ(Rotate("h1", "h3", 30, 21), RotateOutcome::kReused);
  // The reuse revoked the session: the newest token is dead too.
  EXPECT_EQ(Rotate("h2", "h4", 40), RotateOutcome::kInvalid);
  EXPECT_EQ(Rotate("nope", "h5", 40), RotateOutcome::kInvalid);
  EXPECT_EQ(last_user_id_, "");
}

TEST_P(StoreContract, ASpentTokenRetriedInTimeReplacesItsUnusedSuccessor) {
  const User u = AddUser("retry@example.com");
  ASSERT_TRUE(store_->CreateSession(RefreshToken{"a", NewUuid(), u.id, 10, 1000}));
  EXPECT_EQ(Rotate("a", "b", 20), RotateOutcome::kRotated);
  // The answer carrying b was lost; the client tries a again: b is withdrawn for c.
  EXPECT_EQ(Rotate("a", "c", 25), RotateOutcome::kRotated);
  EXPECT_EQ(last_user_id_, u.id);
  // And once more: c goes the same way.
  EXPECT_EQ(Rotate("a", "d", 30), RotateOutcome::kRotated);
  EXPECT_EQ(Rotate("d", "e", 31), RotateOutcome::kRotated);
  // d has been used since, so a coming back is a copy even within the 30 s: the session ends.
  EXPECT_EQ(Rotate("a", "f", 32), RotateOutcome::kReused);
  EXPECT_EQ(Rotate("e", "g", 33), RotateOutcome::kInvalid);
}

TEST_P(StoreContract, ATokenWithdrawnByARetryRevokesTheSession) {
  const User u = AddUser("withdrawn@example.com");
  ASSERT_TRUE(store_->CreateSession(RefreshToken{"a", NewUuid(), u.id, 10, 1000}));
  EXPECT_EQ(Rotate("a", "b", 20), RotateOutcome::kRotated);
  EXPECT_EQ(Rotate("a", "c", 21), RotateOutcome::kRotated);
  // b was handed out once: whoever shows it now holds a copy.
  EXPECT_EQ(Rotate("b", "x", 22), RotateOutcome::kReused);
  EXPECT_EQ(Rotate("c", "y", 23), RotateOutcome::kInvalid);
}

TEST_P(StoreContract, ASpentTokenAfterTheRetryWindowRevokesTheSession) {
  const User u = AddUser("late@example.com");
  ASSERT_TRUE(store_->CreateSession(RefreshToken{"a", NewUuid(), u.id, 10, 1000}));
  EXPECT_EQ(Rotate("a", "b", 20), RotateOutcome::kRotated);
  EXPECT_EQ(Rotate("a", "c", 51), RotateOutcome::kReused);
  EXPECT_EQ(Rotate("b", "d", 52), RotateOutcome::kInvalid);
}

TEST_P(StoreContract, ExpiredAndLoggedOutTokensDoNotRotate) {
  const User u = AddUser("x@example.com");
  ASSERT_TRUE(store_->CreateSession(RefreshToken{"old", NewUuid(), u.id, 10, 100}));
  EXPECT_EQ(Rotate("old", "n", 100), RotateOutcome::kInvalid);
  ASSERT_TRUE(store_->CreateSession(RefreshToken{"live", NewUuid(), u.id, 10, 1000}));
  ASSERT_TRUE(store_->RevokeSession("live", 20));
  EXPECT_EQ(Rotate("live", "m", 30), RotateOutcome::kInvalid);
}

TEST_P(StoreContract, LoginFailuresAreCountedInAWindow) {
  ASSERT_TRUE(store_->RecordLoginFailure("account:a", 100));
  ASSERT_TRUE(store_->RecordLoginFailure("account:a", 200));
  ASSERT_TRUE(store_->RecordLoginFailure("account:b", 200));
  EXPECT_EQ(store_->CountLoginFailures("account:a", 150).value(), 1);
  EXPECT_EQ(store_->CountLoginFailures("account:a", 0).value(), 2);
  EXPECT_EQ(store_->OldestLoginFailure("account:a", 0).value(), 100);
  ASSERT_TRUE(store_->ClearLoginFailures("account:a"));
  EXPECT_EQ(store_->CountLoginFailures("account:a", 0).value(), 0);
  EXPECT_EQ(store_->CountLoginFailures("account:b", 0).value(), 1);
}

TEST_P(StoreContract, AFamilyKeepsAnOwner) {
  const User owner = AddUser("o@example.com");
  const User other = AddUser("e@example.com");
  const Family f = AddFamily(owner);
  EXPECT_EQ(store_->PutMembership({f.id, owner.id, Role::kEditor, 1}).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(store_->RemoveMembership(f.id, owner.id).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store_->PutMembership({f.id, other.id, Role::kOwner, 2}));
  EXPECT_TRUE(store_->PutMembership({f.id, owner.id, Role::kViewer, 1}));
  EXPECT_EQ(store_->FindMembership(f.id, owner.id)->role, Role::kViewer);
  EXPECT_EQ(store_->RemoveMembership(f.id, "missing").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListFamilyUsers(f.id)->size(), 2u);
}

TEST_P(StoreContract, EntriesListNewestFirstWithStableCursors) {
  const User u = AddUser("l@example.com");
  const Family f = AddFamily(u);
  const Entry a = AddEntry(f, u, "2026-01-01");
  const Entry b = AddEntry(f, u, "2026-03-01");
  const Entry c = AddEntry(f, u, "2026-03-01");
  const Entry d = AddEntry(f, u, "2025-12-31");
  EntryPageQuery q;
  q.filter = EntryFilter{f.id, u.id, false, {}, {}, {}, {}, {}};
  q.limit = 10;
  EXPECT_EQ(Ids(q), (std::vector<std::string>{c.id, b.id, a.id, d.id}));
  q.limit = 2;
  q.after = EntryCursor{b.occurred_at, b.seq};
  AddEntry(f, u, "2026-06-01");  // a newer entry does not shift the next page
  EXPECT_EQ(Ids(q), (std::vector<std::string>{a.id, d.id}));
  q.after.reset();
  q.limit = 10;
  q.filter.from = "2026-01-01";
  q.filter.to = "2026-02-28";
  EXPECT_EQ(Ids(q), (std::vector<std::string>{a.id}));
}

TEST_P(StoreContract, PrivateEntriesAreOnlyTheAuthors) {
  const User author = AddUser("p@example.com");
  const User other = AddUser("q@example.com");
  const Family f = AddFamily(author);
  ASSERT_TRUE(store_->PutMembership({f.id, other.id, Role::kEditor, 1}));
  const Entry secret = AddEntry(f, author, "2026-01-01", Visibility::kPrivate);
  const Entry open = AddEntry(f, author, "2026-01-02");
  EntryPageQuery q;
  q.filter = EntryFilter{f.id, other.id, false, {}, {}, {}, {}, {}};
  EXPECT_EQ(Ids(q), (std::vector<std::string>{open.id}));
  q.filter.viewer_id = author.id;
  EXPECT_EQ(Ids(q), (std::vector<std::string>{open.id, secret.id}));
  EXPECT_EQ(store_->CountEntries(q.filter).value(), 2);
  q.filter.from = "2026-01-02";
  EXPECT_EQ(store_->CountEntries(q.filter).value(), 1);
}

TEST_P(StoreContract, AChildSeesOnlyFamilyEntriesAboutItself) {
  const User parent = AddUser("parent@example.com");
  const User child = AddUser("child@example.com");
  const Family f = AddFamily(parent);
  Member kid{NewUuid(), f.id, "서윤", "2015-01-01", {}, child.id, 1, 1};
  Member sibling{NewUuid(), f.id, "하준", {}, {}, {}, 1, 1};
  ASSERT_TRUE(store_->CreateMember(kid));
  ASSERT_TRUE(store_->CreateMember(sibling));
  const Entry about = AddEntry(f, parent, "2026-01-01", Visibility::kFamily, {kid.id});
  AddEntry(f, parent, "2026-01-02", Visibility::kFamily, {sibling.id});
  AddEntry(f, parent, "2026-01-03", Visibility::kPrivate, {kid.id});
  EntryPageQuery q;
  q.filter = EntryFilter{f.id, child.id, true, {}, {}, {}, {}, {}};
  EXPECT_EQ(Ids(q), (std::vector<std::string>{about.id}));
  q.filter = EntryFilter{f.id, parent.id, false, sibling.id, {}, {}, {}, {}};
  EXPECT_EQ(Ids(q).size(), 1u);
}

TEST_P(StoreContract, UpdatesCheckTheVersion) {
  const User u = AddUser("v@example.com");
  const Family f = AddFamily(u);
  Entry e = AddEntry(f, u, "2026-01-01");
  e.body = "changed";
  auto updated = store_->UpdateEntry(e, 1);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->body, "changed");
  e.body = "stale";
  EXPECT_EQ(store_->UpdateEntry(e, 1).error().code, ErrorCode::kPreconditionFailed);
  EXPECT_EQ(store_->FindEntry(f.id, e.id, false)->body, "changed");
}

TEST_P(StoreContract, EntriesNamedBySeqAreThoseEntriesOnly) {
  const User u = AddUser("seqs@example.com");
  const Family f = AddFamily(u);
  std::vector<Entry> entries;
  for (int day = 1; day <= 9; ++day)
    entries.push_back(AddEntry(f, u, "2026-01-0" + std::to_string(day)));
  const Family other = AddFamily(u);
  const Entry elsewhere = AddEntry(other, u, "2026-01-01");
  EntryFilter filter{f.id, u.id, false, {}, {}, {}, {}, {}};
  const auto ids = [&](std::vector<int64_t> seqs) {
    filter.seqs = std::move(seqs);
    const auto rows = store_->ListAllEntries(filter);
    std::vector<std::string> out;
    for (const Entry& e : rows.value()) out.push_back(e.id);
    return out;
  };
  // Repeated, unordered, another family's and unknown seqs: each entry once, in list order.
  EXPECT_EQ(ids({entries[4].seq, entries[0].seq, entries[4].seq, elsewhere.seq, 999999}),
            (std::vector<std::string>{entries[0].id, entries[4].id}));
  std::vector<int64_t> all;
  for (const Entry& e : entries) all.push_back(e.seq);
  for (const Entry& e : entries) all.push_back(e.seq);
  EXPECT_EQ(ids(all).size(), 9u);
  EXPECT_TRUE(ids({}).empty());
}

TEST_P(StoreContract, MemberUpdatesCheckTheVersion) {
  const User u = AddUser("mv@example.com");
  const Family f = AddFamily(u);
  Member kid{NewUuid(), f.id, "kid", {}, {}, {}, 1, 1};
  ASSERT_TRUE(store_->CreateMember(kid));
  EXPECT_EQ(store_->FindMember(f.id, kid.id)->version, 1);
  kid.name = "changed";
  auto updated = store_->UpdateMember(kid, 1);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->name, "changed");
  kid.name = "stale";
  EXPECT_EQ(store_->UpdateMember(kid, 1).error().code, ErrorCode::kPreconditionFailed);
  EXPECT_EQ(store_->FindMember(f.id, kid.id)->name, "changed");
  kid.id = NewUuid();
  EXPECT_EQ(store_->UpdateMember(kid, 1).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, DeletingAMemberRemovesItsTagsOnly) {
  const User u = AddUser("m@example.com");
  const Family f = AddFamily(u);
  Member kid{NewUuid(), f.id, "kid", {}, {}, {}, 1, 1};
  ASSERT_TRUE(store_->CreateMember(kid));
  EXPECT_EQ(store_->CountMembersInFamily(f.id, {kid.id, NewUuid()}).value(), 1);
  const Entry e = AddEntry(f, u, "2026-01-01", Visibility::kFamily, {kid.id});
  EXPECT_EQ(store_->FindEntry(f.id, e.id, false)->member_ids, std::vector<std::string>{kid.id});
  EXPECT_EQ(e.member_ids, std::vector<std::string>{kid.id});
  EXPECT_EQ(e.author_name, "name");
  ASSERT_TRUE(store_->DeleteMember(f.id, kid.id));
  EXPECT_TRUE(store_->FindEntry(f.id, e.id, false)->member_ids.empty());
  EXPECT_EQ(store_->DeleteMember(f.id, kid.id).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, TrashRestoreAndPurge) {
  const User u = AddUser("t@example.com");
  const Family f = AddFamily(u);
  const Entry e = AddEntry(f, u, "2026-01-01");
  const Entry keep = AddEntry(f, u, "2026-01-02");
  ASSERT_TRUE(store_->TrashEntry(f.id, e.id, 1000));
  EXPECT_EQ(store_->FindEntry(f.id, e.id, false).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store_->FindEntry(f.id, e.id, true)->deleted_at);
  EXPECT_EQ(store_->TrashEntry(f.id, e.id, 1001).error().code, ErrorCode::kNotFound);
  TrashQuery tq{f.id, u.id, false, {}, 10};
  EXPECT_EQ(store_->ListTrash(tq)->size(), 1u);
  ASSERT_TRUE(store_->RestoreEntry(f.id, e.id, 1002));
  EXPECT_TRUE(store_->FindEntry(f.id, e.id, false));
  ASSERT_TRUE(store_->TrashEntry(f.id, e.id, 2000));
  EXPECT_EQ(store_->PurgeTrash(2000).value(), 0);  // not older than the cut-off yet
  EXPECT_EQ(store_->PurgeTrash(2001).value(), 1);
  EXPECT_EQ(store_->FindEntry(f.id, e.id, true).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store_->FindEntry(f.id, keep.id, false));
}

// Deletion means gone: after a purge the text is in no file of the database, not in free
// pages (secure_delete) and not in the write-ahead log (checkpoint). PostgreSQL keeps deleted
// rows until vacuum reuses their space (docs/operations.md says so).
TEST_P(SqliteStoreFiles, PurgedTextLeavesNoTraceInTheFiles) {
  const User u = AddUser("gone@example.com");
  const Family f = AddFamily(u);
  Entry e;
  e.id = NewUuid();
  e.family_id = f.id;
  e.author_id = u.id;
  const std::string secret = "zebra-marmalade-" + NewUuid();
  e.body = "오늘 " + secret + " 이야기";
  e.title = secret;
  e.occurred_at = "2026-01-01";
  ASSERT_TRUE(store_->CreateEntry(e));
  AddEntry(f, u, "2026-01-02");
  auto contains_secret = [&] {
    for (const auto& file : std::filesystem::directory_iterator(dir_)) {
      if (!file.is_regular_file()) continue;
      std::ifstream in(file.path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      if (bytes.find(secret) != std::string::npos) return true;
    }
    return false;
  };
  ASSERT_TRUE(contains_secret());  // the check can see it while it exists
  ASSERT_TRUE(store_->TrashEntry(f.id, e.id, 100));
  ASSERT_EQ(store_->PurgeTrash(101).value(), 1);
  EXPECT_FALSE(contains_secret());
}

TEST_P(StoreContract, AnotherFamilysIdsAreNotFound) {
  const User a = AddUser("fa@example.com");
  const User b = AddUser("fb@example.com");
  const Family fa = AddFamily(a);
  const Family fb = AddFamily(b);
  const Entry e = AddEntry(fa, a, "2026-01-01");
  EXPECT_EQ(store_->FindEntry(fb.id, e.id, true).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->TrashEntry(fb.id, e.id, 1).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindMembership(fb.id, a.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindFamily("not-a-family-id").error().code, ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::ValuesIn(Backends()),
                         [](const auto& backend) { return std::string(backend.param.name); });
INSTANTIATE_TEST_SUITE_P(Sqlite, SqliteStoreFiles, ::testing::Values(Backends().front()),
                         [](const auto& backend) { return std::string(backend.param.name); });

}  // namespace
}  // namespace dadly::store_contract
