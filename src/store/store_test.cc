// The Store contract: every backend must pass this suite. Backends join through kBackends.
#include "store/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <vector>

#include "core/ids.h"
#include "store/postgres/test_database.h"

namespace dadly {
namespace {

// A backend's store on fresh, empty storage, and whatever must outlive the store.
struct Backend {
  const char* name;
  std::function<std::unique_ptr<Store>(const std::string& dir, std::shared_ptr<void>* keep)> open;
};

std::vector<Backend> Backends() {
  std::vector<Backend> out = {
      {"sqlite",
       [](const std::string& dir, std::shared_ptr<void>*) {
         Config c;
         c.data_dir = dir;
         c.threads = 4;
         return std::move(OpenStore(c).value());
       }},
  };
  // PostgreSQL when the test command gives a cluster. The suite connects as the schema owner,
  // which Row Level Security lets through: this is the contract of the store itself, and
  // postgres_store_test.cc checks the policies seen as the server's role.
  if (postgres::TestDatabase::Host()) {
    out.push_back({"postgres", [](const std::string&, std::shared_ptr<void>* keep) {
                     auto db = std::make_shared<postgres::TestDatabase>();
                     *keep = db;
                     Config c;
                     c.database_url = db->Url("dadly_owner");
                     c.db_pool_size = 4;
                     return std::move(OpenStore(c).value());
                   }});
  }
  return out;
}

class StoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("dadly-store-" + NewUuid());
    std::filesystem::create_directories(dir_);
    store_ = GetParam().open(dir_.string(), &keep_);
    ASSERT_TRUE(store_->Migrate());
  }
  void TearDown() override {
    store_.reset();
    keep_.reset();
    std::filesystem::remove_all(dir_);
  }

  User AddUser(const std::string& email) {
    User u{NewUuid(), email, "hash", "name", "ko", 1};
    EXPECT_TRUE(store_->CreateUser(u));
    return u;
  }
  Family AddFamily(const User& owner) {
    Family f{NewUuid(), "family", 1};
    EXPECT_TRUE(store_->CreateFamily(f, Membership{f.id, owner.id, Role::kOwner, 1}));
    return f;
  }
  Entry AddEntry(const Family& f, const User& author, const std::string& day,
                 Visibility v = Visibility::kFamily, std::vector<std::string> members = {}) {
    Entry e;
    e.id = NewUuid();
    e.family_id = f.id;
    e.author_id = author.id;
    e.body = "body " + day;
    e.occurred_at = day;
    e.visibility = v;
    e.member_ids = std::move(members);
    auto stored = store_->CreateEntry(e);
    EXPECT_TRUE(stored);
    return *stored;
  }
  // Trades refresh token `old_hash` for `next` at `now`, with a retry window of 30 s.
  RotateOutcome Rotate(const char* old_hash, const char* next, int64_t now,
                       std::optional<int64_t> retry_since = std::nullopt) {
    std::string user_id;
    auto outcome = store_->RotateRefreshToken(old_hash, RefreshToken{next, "", "", now, 1000}, now,
                                              retry_since.value_or(now - 30), &user_id);
    EXPECT_TRUE(outcome);
    last_user_id_ = user_id;
    return *outcome;
  }
  std::vector<std::string> Ids(const EntryPageQuery& q) {
    std::vector<std::string> out;
    const auto rows = store_->ListEntries(q);
    EXPECT_TRUE(rows);
    for (const auto& e : *rows) out.push_back(e.id);
    return out;
  }

  std::filesystem::path dir_;
  std::shared_ptr<void> keep_;
  std::unique_ptr<Store> store_;
  std::string last_user_id_;  // the user of the last rotation, empty when it failed
};

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

TEST_P(StoreContract, WritesQueueTheirInsightAndJobsAreClaimedOnce) {
  const User u = AddUser("j@example.com");
  const Family f = AddFamily(u);
  Entry e = AddEntry(f, u, "2026-01-01");
  ASSERT_TRUE(e.insight);
  EXPECT_EQ(e.insight->status, "pending");
  EXPECT_EQ(e.insight->version, 1);
  const auto first = store_->ClaimJobs("w1", 10, 100, 30);
  ASSERT_EQ(first->size(), 1u);
  const Job job = first->front();
  EXPECT_EQ(job.kind, "insight");
  EXPECT_EQ(job.entry_id, e.id);
  EXPECT_EQ(job.family_id, f.id);
  EXPECT_EQ(job.acting_for, u.id);
  EXPECT_EQ(job.version, 1);
  EXPECT_EQ(job.attempts, 1);
  EXPECT_EQ(job.state, JobState::kRunning);
  EXPECT_TRUE(store_->ClaimJobs("w2", 10, 110, 30)->empty());  // held until 130
  // The first worker died: after its lease another takes the job, and the first may not end it.
  const auto again = store_->ClaimJobs("w2", 10, 131, 30);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ(again->front().attempts, 2);
  EXPECT_EQ(store_->EndJob(job.id, "w1", std::nullopt, std::nullopt, 132).error().code,
            ErrorCode::kConflict);
  ASSERT_TRUE(store_->EndJob(job.id, "w2", std::nullopt, std::nullopt, 133));
  EXPECT_TRUE(store_->ClaimJobs("w3", 10, 10000, 30)->empty());
}

TEST_P(StoreContract, FailedJobsRetryLaterThenDie) {
  const User u = AddUser("k@example.com");
  const Family f = AddFamily(u);
  AddEntry(f, u, "2026-01-01");
  const auto job = store_->ClaimJobs("w", 1, 100, 30)->front();
  ASSERT_TRUE(store_->EndJob(job.id, "w", "provider down", 200, 101));
  EXPECT_TRUE(store_->ClaimJobs("w", 1, 150, 30)->empty());  // not before 200
  const auto retry = store_->ClaimJobs("w", 1, 200, 30);
  ASSERT_EQ(retry->size(), 1u);
  EXPECT_EQ(retry->front().last_error, "provider down");
  ASSERT_TRUE(store_->EndJob(job.id, "w", "still down", std::nullopt, 201));
  EXPECT_TRUE(store_->ClaimJobs("w", 1, 100000, 30)->empty());
  const auto dead = store_->ListJobs(JobState::kDead, 10);
  ASSERT_EQ(dead->size(), 1u);
  EXPECT_EQ(dead->front().last_error, "still down");
}

TEST_P(StoreContract, AnInsightIsSavedOnlyForTheLatestVersion) {
  const User u = AddUser("s@example.com");
  const Family f = AddFamily(u);
  Entry e = AddEntry(f, u, "2026-01-01");
  Insight done;
  done.version = 1;
  done.status = "done";
  done.analysis.summary = "첫 자전거";
  done.analysis.topics = {"bike", "first"};
  done.analysis.emotions = {{"joy", "기쁨", 0.8}, {"pride", "자부심", 0.4}};
  done.analysis.language = "ko";
  done.provider = "local";
  done.model = "test";
  done.updated_at = 5;
  ASSERT_TRUE(store_->SaveInsight(f.id, e.id, done, {0.6F, 0.8F}, "embed-1").value());
  // Search reads the vector back with the model that made it.
  const auto searchable =
      store_->ListSearchable(EntryFilter{f.id, u.id, false, {}, {}, {}, {}, {}});
  ASSERT_EQ(searchable->size(), 1u);
  EXPECT_EQ(searchable->front().vector, (std::vector<float>{0.6F, 0.8F}));
  EXPECT_EQ(searchable->front().vector_model, "embed-1");
  EntryFilter by{f.id, u.id, false, {}, {}, {}, "bike", {}};
  EXPECT_EQ(store_->CountEntries(by).value(), 1);
  by.topic = "bik";  // whole ids only
  EXPECT_EQ(store_->CountEntries(by).value(), 0);
  by.topic.reset();
  by.emotion = "pride";
  EXPECT_EQ(store_->CountEntries(by).value(), 1);
  by.emotion = "fear";
  EXPECT_EQ(store_->CountEntries(by).value(), 0);
  auto read = store_->FindEntry(f.id, e.id, false)->insight;
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, "done");
  EXPECT_EQ(read->analysis.summary, "첫 자전거");
  EXPECT_EQ(read->analysis.topics, (std::vector<std::string>{"bike", "first"}));
  ASSERT_EQ(read->analysis.emotions.size(), 2u);
  EXPECT_EQ(read->analysis.emotions[0].label_ko, "기쁨");
  EXPECT_NEAR(read->analysis.emotions[1].score, 0.4, 1e-6);
  // An edit queues version 2; an analysis of version 1 arriving late changes nothing.
  e.body = "changed";
  ASSERT_TRUE(store_->UpdateEntry(e, 1));
  EXPECT_EQ(store_->FindEntry(f.id, e.id, false)->insight->status, "pending");
  EXPECT_FALSE(store_->SaveInsight(f.id, e.id, done, {}, "").value());
  EXPECT_EQ(store_->FindEntry(f.id, e.id, false)->insight->version, 2);
  // Trash and restore keep the content, so version 2's analysis still lands.
  ASSERT_TRUE(store_->TrashEntry(f.id, e.id, 10));
  ASSERT_TRUE(store_->RestoreEntry(f.id, e.id, 11));
  done.version = 2;
  EXPECT_TRUE(store_->SaveInsight(f.id, e.id, done, {}, "").value());
  EXPECT_EQ(store_->ClaimJobs("w", 10, 100, 30)->size(), 2u);
}

TEST_P(StoreContract, ReanalysisQueuesEntriesEmbeddedByAnotherModel) {
  const User u = AddUser("re@example.com");
  const Family f = AddFamily(u);
  const Family other = AddFamily(u);
  ASSERT_EQ(store_->ClaimJobs("w", 100, 1, 30)->size(), 0u);  // the store starts empty
  // One entry per case; each create queues its first analysis, claimed here at once.
  const Entry current = AddEntry(f, u, "2026-01-01");
  const Entry old_model = AddEntry(f, u, "2026-01-02");
  const Entry old_length = AddEntry(other, u, "2026-01-03");
  const Entry no_vector = AddEntry(f, u, "2026-01-04");
  const Entry trashed = AddEntry(f, u, "2026-01-05");
  const Entry pending = AddEntry(f, u, "2026-01-06");
  ASSERT_EQ(store_->ClaimJobs("w", 100, 1, 30)->size(), 6u);
  Insight done;
  done.version = 1;
  done.status = "done";
  done.updated_at = 2;
  ASSERT_TRUE(store_->SaveInsight(f.id, current.id, done, {1, 0}, "embed-2").value());
  ASSERT_TRUE(store_->SaveInsight(f.id, old_model.id, done, {1, 0}, "embed-1").value());
  ASSERT_TRUE(store_->SaveInsight(other.id, old_length.id, done, {1, 0, 0}, "embed-2").value());
  ASSERT_TRUE(store_->SaveInsight(f.id, no_vector.id, done, {}, "").value());
  ASSERT_TRUE(store_->SaveInsight(f.id, trashed.id, done, {1, 0}, "embed-1").value());
  ASSERT_TRUE(store_->TrashEntry(f.id, trashed.id, 3));
  const VectorSpace space{"embed-2", 2};

  EXPECT_EQ(store_->QueueReanalysis(space, false, 10).value(), 3);
  auto jobs = store_->ClaimJobs("w", 100, 11, 30).value();
  std::vector<std::string> queued;
  for (const auto& j : jobs) queued.push_back(j.entry_id);
  std::sort(queued.begin(), queued.end());
  std::vector<std::string> expected{old_model.id, old_length.id, no_vector.id};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(queued, expected);
  EXPECT_EQ(store_->FindEntry(f.id, old_model.id, false)->insight->status, "pending");
  EXPECT_EQ(store_->FindEntry(f.id, current.id, false)->insight->status, "done");
  // Already pending (the three just queued, and `pending`, never analysed): nothing more.
  EXPECT_EQ(store_->QueueReanalysis(space, false, 12).value(), 0);
  // All: every live entry not already pending.
  EXPECT_EQ(store_->QueueReanalysis(space, true, 13).value(), 1);
  EXPECT_EQ(store_->FindEntry(f.id, current.id, false)->insight->status, "pending");
  EXPECT_EQ(store_->FindEntry(f.id, pending.id, false)->insight->version, 1);
}

TEST_P(StoreContract, TheSearchLogNamesEveryChangeSearchSees) {
  const User u = AddUser("m@example.com");
  const Family f = AddFamily(u);
  const Family other = AddFamily(u);
  int64_t mark = store_->SearchMark(f.id).value();
  // Each step must move the mark and log the entry; `what` names the step when it does not.
  auto logged = [&](const char* what, int64_t entry_seq) {
    auto changes = store_->SearchChangesSince(f.id, mark, 100);
    ASSERT_TRUE(changes) << what;
    EXPECT_GT(changes->mark, mark) << what;
    EXPECT_EQ(store_->SearchMark(f.id).value(), changes->mark) << what;
    EXPECT_FALSE(changes->whole) << what;
    EXPECT_EQ(changes->entry_seqs, std::vector<int64_t>{entry_seq}) << what;
    mark = changes->mark;
  };
  Member m{NewUuid(), f.id, "서윤", std::nullopt, std::nullopt, std::nullopt, 1, 1};
  ASSERT_TRUE(store_->CreateMember(m));
  Entry e = AddEntry(f, u, "2026-01-01", Visibility::kFamily, {m.id});
  logged("written", e.seq);
  e.body = "edited";
  ASSERT_TRUE(store_->UpdateEntry(e, 1));
  logged("edited", e.seq);
  Insight done;
  done.version = 2;
  done.status = "done";
  done.updated_at = 5;
  ASSERT_TRUE(store_->SaveInsight(f.id, e.id, done, {1.0F}, "embed-1").value());
  logged("analysed", e.seq);
  ASSERT_TRUE(store_->TrashEntry(f.id, e.id, 10));
  logged("trashed", e.seq);
  ASSERT_TRUE(store_->RestoreEntry(f.id, e.id, 11));
  logged("restored", e.seq);
  // Another family's writes leave it alone.
  AddEntry(other, u, "2026-01-02");
  EXPECT_EQ(store_->SearchMark(f.id).value(), mark);
  // A member's change may change any reader's view: the whole index is rebuilt.
  ASSERT_TRUE(store_->DeleteMember(f.id, m.id));
  auto changes = store_->SearchChangesSince(f.id, mark, 100);
  EXPECT_TRUE(changes->whole);
  mark = changes->mark;
  ASSERT_TRUE(store_->TrashEntry(f.id, e.id, 12));
  logged("trashed again", e.seq);
  ASSERT_EQ(store_->PurgeTrash(100).value(), 1);
  logged("purged", e.seq);
  // More changes than asked for mean a rebuild too.
  for (int i = 0; i < 3; ++i) AddEntry(f, u, "2026-02-0" + std::to_string(i + 1));
  EXPECT_TRUE(store_->SearchChangesSince(f.id, mark, 2)->whole);
  // Only the entries asked for, as the reader may see them.
  Entry mine = AddEntry(f, u, "2026-03-01", Visibility::kPrivate);
  EntryFilter only{f.id, u.id, false, {}, {}, {}, {}, {}};
  only.seqs = std::vector<int64_t>{mine.seq, e.seq};
  auto rows = store_->ListSearchable(only);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().entry.id, mine.id);
  only.viewer_id = NewUuid();
  EXPECT_TRUE(store_->ListSearchable(only)->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::ValuesIn(Backends()),
                         [](const auto& backend) { return std::string(backend.param.name); });
INSTANTIATE_TEST_SUITE_P(Sqlite, SqliteStoreFiles, ::testing::Values(Backends().front()),
                         [](const auto& backend) { return std::string(backend.param.name); });

}  // namespace
}  // namespace dadly
