// The PostgreSQL Store (DATABASE_URL=postgres://...): a pool of libpq connections; every
// operation is one transaction with app.user_id set to the actor this store acts for, so the
// schema's Row Level Security policies check every row as a second wall behind the services.
// Methods are defined across users.cc, families.cc, members.cc, entries.cc and jobs.cc.
#pragma once

#include <memory>
#include <string>

#include "store/postgres/pg.h"
#include "store/store.h"

namespace dadly::postgres {

class PostgresStore final : public Store {
 public:
  // Connects lazily: the first operation opens the first connection. `pool_size` bounds how many
  // connections this process holds.
  PostgresStore(const std::string& url, size_t pool_size);

  std::unique_ptr<Store> ActingFor(const std::string& user_id) override;

  Status Migrate() override;
  Status Ping() override;

  Status CreateUser(const User& user) override;
  Result<User> FindUser(const std::string& user_id) override;
  Result<User> FindUserByEmail(const std::string& email) override;
  Status UpdateUserProfile(const std::string& user_id, const std::string& display_name,
                           const std::string& locale) override;
  Status CreateSession(const RefreshToken& token) override;
  Result<RotateOutcome> RotateRefreshToken(const std::string& old_hash, const RefreshToken& next,
                                           int64_t now, int64_t retry_since,
                                           std::string* user_id) override;
  Status RevokeSession(const std::string& token_hash, int64_t now) override;
  Result<int64_t> CountLoginFailures(const std::string& key, int64_t since) override;
  Result<int64_t> OldestLoginFailure(const std::string& key, int64_t since) override;
  Status RecordLoginFailure(const std::string& key, int64_t now) override;
  Status ClearLoginFailures(const std::string& key) override;

  Status CreateFamily(const Family& family, const Membership& owner) override;
  Result<Family> FindFamily(const std::string& family_id) override;
  Result<Membership> FindMembership(const std::string& family_id,
                                    const std::string& user_id) override;
  Result<std::vector<std::pair<Family, Role>>> ListFamiliesOfUser(
      const std::string& user_id) override;
  Result<std::vector<FamilyUser>> ListFamilyUsers(const std::string& family_id) override;
  Status PutMembership(const Membership& membership) override;
  Status RemoveMembership(const std::string& family_id, const std::string& user_id) override;

  Status CreateMember(const Member& member) override;
  Result<Member> FindMember(const std::string& family_id, const std::string& member_id) override;
  Result<std::vector<Member>> ListMembers(const std::string& family_id) override;
  Result<Member> UpdateMember(const Member& member, int64_t expected_version) override;
  Status DeleteMember(const std::string& family_id, const std::string& member_id) override;
  Result<int64_t> CountMembersInFamily(const std::string& family_id,
                                       const std::vector<std::string>& member_ids) override;

  Result<Entry> CreateEntry(const Entry& entry) override;
  Result<Entry> FindEntry(const std::string& family_id, const std::string& entry_id,
                          bool include_deleted) override;
  Result<Entry> UpdateEntry(const Entry& entry, int64_t expected_version) override;
  Status TrashEntry(const std::string& family_id, const std::string& entry_id,
                    int64_t now) override;
  Status RestoreEntry(const std::string& family_id, const std::string& entry_id,
                      int64_t now) override;
  Result<std::vector<Entry>> ListEntries(const EntryPageQuery& query) override;
  Result<int64_t> CountEntries(const EntryFilter& filter) override;
  Result<std::vector<Entry>> ListTrash(const TrashQuery& query) override;
  Result<std::vector<Entry>> ListAllEntries(const EntryFilter& filter) override;
  Result<std::vector<SearchableEntry>> ListSearchable(const EntryFilter& filter) override;
  Result<int64_t> SearchMark(const std::string& family_id) override;
  Result<SearchChanges> SearchChangesSince(const std::string& family_id, int64_t after,
                                           int limit) override;
  Result<int64_t> PurgeTrash(int64_t deleted_before) override;
  Result<int64_t> QueueReanalysis(const VectorSpace& space, bool all, int64_t now) override;

  Result<std::vector<Job>> ClaimJobs(const std::string& worker, int limit, int64_t now,
                                     int64_t lease_seconds) override;
  Status EndJob(int64_t job_id, const std::string& worker, const std::optional<std::string>& error,
                std::optional<int64_t> retry_at, int64_t now) override;
  Result<std::vector<Job>> ListJobs(JobState state, int limit) override;
  Status RecordAiRun(const AiRun& run) override;
  Result<std::vector<AiUsage>> SumAiRuns(const std::string& family_id, int64_t from,
                                         int64_t to) override;
  Result<bool> SaveInsight(const std::string& family_id, const std::string& entry_id,
                           const Insight& insight, const std::vector<float>& vector,
                           const std::string& vector_model) override;
  Result<int64_t> AiTokensSince(const std::string& family_id, int64_t since) override;
  Status CreateConversation(const Conversation& conversation) override;
  Result<Conversation> FindConversation(const std::string& family_id, const std::string& user_id,
                                        const std::string& conversation_id) override;
  Result<std::vector<Conversation>> ListConversations(
      const std::string& family_id, const std::string& user_id,
      std::optional<std::pair<int64_t, int64_t>> after, int limit) override;
  Result<std::vector<Message>> ListMessages(const Conversation& conversation) override;
  Status AppendMessages(const Conversation& conversation, const std::vector<Message>& messages,
                        int64_t now) override;
  Status DeleteConversation(const std::string& family_id, const std::string& user_id,
                            const std::string& conversation_id) override;

 private:
  PostgresStore(std::shared_ptr<Pool> pool, std::string actor)
      : pool_(std::move(pool)), actor_(std::move(actor)) {}

  // Runs `fn(connection)` in one transaction acting for actor_, guarded; commits when `fn`
  // succeeds and rolls back when it returns an error.
  template <typename Fn>
  auto InTransaction(const char* operation, Fn&& fn) {
    return Guard(operation, [&] {
      auto conn = pool_->Acquire();
      Transaction tx(*conn, actor_);
      auto result = fn(*conn);
      if (result) tx.Commit();
      return result;
    });
  }
  // One read statement acting for actor_, guarded: its own transaction, in one round trip.
  template <typename... Args>
  Result<Rows> Read(const char* operation, const std::string& sql, const Args&... args) {
    return ReadParams(operation, sql, {ToParam(args)...});
  }
  Result<Rows> ReadParams(const char* operation, const std::string& sql,
                          const std::vector<Param>& params);
  // Would removing or demoting `user_id` leave `family_id` without an owner?
  static bool IsLastOwner(Connection& conn, const std::string& family_id,
                          const std::string& user_id);

  std::shared_ptr<Pool> pool_;
  std::string actor_;  // empty: no caller (sign-in and purge use the schema's functions)
};

// Runs `fn` and turns a PgError into an Error (kConflict for a constraint violation,
// kUnavailable otherwise), logging the cause, so that no library exception leaves the store.
template <typename Fn>
auto Guard(const char* operation, Fn&& fn) -> decltype(fn());

}  // namespace dadly::postgres

#include "store/postgres/guard_inl.h"
