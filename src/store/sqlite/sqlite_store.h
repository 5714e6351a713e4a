// The SQLite Store: one database file in the data directory, WAL mode, a pool of connections.
// Methods are defined across users.cc, families.cc, members.cc, entries.cc and jobs.cc.
#pragma once

#include <memory>
#include <string>

#include "store/sqlite/db.h"
#include "store/store.h"

namespace dadly::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens or creates `path`. Throws SqliteError when the file cannot be opened.
  SqliteStore(const std::string& path, const std::string& synchronous, size_t connections);

  // SQLite has no row security: the view is this store under another name.
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
  // Would removing or demoting `user_id` leave `family_id` without an owner?
  static bool IsLastOwner(Connection& conn, const std::string& family_id,
                          const std::string& user_id);

  explicit SqliteStore(std::shared_ptr<Pool> pool) : pool_(std::move(pool)) {}

  std::shared_ptr<Pool> pool_;
};

// Runs `fn` and turns a SqliteError into kUnavailable (kConflict for a uniqueness violation),
// logging the cause, so that no library exception leaves the store.
template <typename Fn>
auto Guard(const char* operation, Fn&& fn) -> decltype(fn());

}  // namespace dadly::sqlite

#include "store/sqlite/guard_inl.h"
