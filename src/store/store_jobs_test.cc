// The Store contract, continued: jobs, insights, re-analysis, the search log and chat replies.
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <string>
#include <vector>

#include "store/store_contract.h"

namespace dadly::store_contract {
namespace {

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

// The log keeps what a search cache built today may still ask for, and the purge drops the rest.
// The log stamps its rows with the wall clock, so the cut-offs are an hour either side of now.
TEST_P(StoreContract, ThePurgeDropsOnlyTheOldSearchLog) {
  const User u = AddUser("m@example.com");
  const Family f = AddFamily(u);
  const Entry first = AddEntry(f, u, "2026-01-01");
  const Entry second = AddEntry(f, u, "2026-01-02");
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  ASSERT_TRUE(store_->PurgeTrash(now - 3600));
  EXPECT_EQ(store_->SearchChangesSince(f.id, 0, 100)->entry_seqs,
            (std::vector<int64_t>{first.seq, second.seq}));
  const int64_t mark = store_->SearchMark(f.id).value();
  ASSERT_TRUE(store_->PurgeTrash(now + 3600));
  EXPECT_TRUE(store_->SearchChangesSince(f.id, 0, 100)->entry_seqs.empty());
  // Positions are never used twice: a change after the purge still moves the mark on.
  const Entry third = AddEntry(f, u, "2026-01-03");
  EXPECT_GT(store_->SearchMark(f.id).value(), mark);
  EXPECT_EQ(store_->SearchChangesSince(f.id, mark, 100)->entry_seqs,
            std::vector<int64_t>{third.seq});
}

// A reply keeps apart the entries it cites and those it was only given to answer from, and it is
// erased when any of them is purged: it may quote either.
TEST_P(StoreContract, RepliesKeepTheirSourcesAndGoWithThem) {
  const User u = AddUser("c@example.com");
  const Family f = AddFamily(u);
  const Entry cited = AddEntry(f, u, "2026-01-01");
  const Entry source = AddEntry(f, u, "2026-01-02");
  const Conversation c{NewUuid(), f.id, u.id, "", 1, 1, 0};
  ASSERT_TRUE(store_->CreateConversation(c));
  const Conversation stored = store_->FindConversation(f.id, u.id, c.id).value();
  const Message question{NewUuid(), "user", "언제였지?", {}, 2, {}};
  const Message reply{NewUuid(),
                      "assistant",
                      "그날이에요 [1]",
                      {Citation{cited.id, "", "excerpt", 0}},
                      2,
                      {Citation{source.id, "", "", 0}}};
  ASSERT_TRUE(store_->AppendMessages(stored, {question, reply}, 2));
  auto messages = store_->ListMessages(stored).value();
  ASSERT_EQ(messages.size(), 2u);
  ASSERT_EQ(messages[1].citations.size(), 1u);
  EXPECT_EQ(messages[1].citations[0].entry_id, cited.id);
  EXPECT_EQ(messages[1].citations[0].excerpt, "excerpt");
  ASSERT_EQ(messages[1].sources.size(), 1u);
  EXPECT_EQ(messages[1].sources[0].entry_id, source.id);
  EXPECT_EQ(messages[1].sources[0].entry_seq, source.seq);
  EXPECT_TRUE(messages[0].sources.empty());

  ASSERT_TRUE(store_->TrashEntry(f.id, source.id, 10));
  ASSERT_EQ(store_->PurgeTrash(11).value(), 1);
  messages = store_->ListMessages(stored).value();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].role, "user");
}

}  // namespace
}  // namespace dadly::store_contract
