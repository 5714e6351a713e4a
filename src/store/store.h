// The Store: every durable fact of Dadly (accounts, families, members, entries) behind one
// interface. Each method is one atomic operation; callers never hold a transaction. The only
// code that names a backend is OpenStore().
//
// Thread safety: implementations are safe to call from many threads at once.
// Errors: kNotFound when the thing does not exist (or is not in the named family),
// kConflict for uniqueness and invariant violations, kUnavailable when the backend fails.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/config.h"
#include "core/error.h"
#include "model/ai_run.h"
#include "model/conversation.h"
#include "model/entry.h"
#include "model/family.h"
#include "model/insight.h"
#include "model/job.h"
#include "model/user.h"

namespace dadly {

// Position after which a page of entries continues: list order is occurred_at desc, seq desc.
struct EntryCursor {
  std::string occurred_at;
  int64_t seq = 0;
};

// Which entries a reader may see and wants to see. Private entries of other authors are never
// returned; deleted entries only from the trash queries.
struct EntryFilter {
  std::string family_id;
  std::string viewer_id;
  bool only_tagging_viewer = false;  // a child: only family entries tagging a member linked to it
  std::optional<std::string> member_id;
  std::optional<std::string> from;                // inclusive YYYY-MM-DD
  std::optional<std::string> to;                  // inclusive YYYY-MM-DD
  std::optional<std::string> topic;               // its insight is done and has this topic id
  std::optional<std::string> emotion;             // its insight is done and has this emotion
  std::optional<std::vector<int64_t>> seqs = {};  // only these entries
};

struct EntryPageQuery {
  EntryFilter filter;
  std::optional<EntryCursor> after;
  int limit = 20;
};

// Trash order is deleted_at desc, seq desc; the cursor reuses EntryCursor with the deletion
// time in `occurred_at`'s place as a decimal number.
struct TrashQuery {
  std::string family_id;
  std::string viewer_id;
  bool include_family_entries_of_others = false;     // owners may restore others' family entries
  std::optional<std::pair<int64_t, int64_t>> after;  // (deleted_at, seq)
  int limit = 20;
};

// The vectors that can be compared with one another: those one embedding model made at one
// length.
struct VectorSpace {
  std::string model;
  size_t dimensions = 0;
};

// An entry as search indexes it: with its embedding (empty until its insight is done).
struct SearchableEntry {
  Entry entry;
  std::vector<float> vector;  // empty when it has none
  std::string vector_model;   // the embedding model that made `vector`
};

// What changed for search after a position of the family's search log.
struct SearchChanges {
  int64_t mark = 0;                 // the newest position read (the one asked for if none)
  bool whole = false;               // a member changed, or too many changes: rebuild it all
  std::vector<int64_t> entry_seqs;  // the entries changed, each once
};

// A member of a family's user list, with the account fields a manager sees.
struct FamilyUser {
  Membership membership;
  std::string email;
  std::string display_name;
};

enum class RotateOutcome {
  kRotated,  // the old token is now spent (or was, and this is a retry); the new one is valid
  kReused,   // the old token was already spent (and not a retry): the session is now revoked
  kInvalid,  // unknown, expired or revoked
};

class Store {
 public:
  virtual ~Store() = default;

  // This store acting for the user `user_id`: what the services use for anything a caller asks.
  // On PostgreSQL every transaction of the view runs with app.user_id set to `user_id`, so Row
  // Level Security checks each row against the caller as a second wall behind the services'
  // rules; on SQLite the view behaves as this store. A store not acting for anyone may still
  // sign people in (users by email, sessions, login failures), create the account it acts for,
  // and purge the trash; on PostgreSQL it sees no family data. Views share this store's
  // connections and must not outlive it.
  virtual std::unique_ptr<Store> ActingFor(const std::string& user_id) = 0;

  // Applies pending migrations. kUnavailable when the database is newer than this binary.
  virtual Status Migrate() = 0;
  // kUnavailable when the database cannot answer a trivial query.
  virtual Status Ping() = 0;

  // --- users and sessions ---
  // kConflict when the email is taken.
  virtual Status CreateUser(const User& user) = 0;
  virtual Result<User> FindUser(const std::string& user_id) = 0;
  virtual Result<User> FindUserByEmail(const std::string& email) = 0;
  // Changes the name and language of an account; kNotFound when there is no such user.
  virtual Status UpdateUserProfile(const std::string& user_id, const std::string& display_name,
                                   const std::string& locale) = 0;
  // Starts a session whose first refresh token is `token`.
  virtual Status CreateSession(const RefreshToken& token) = 0;
  // Spends `old_hash` and stores `next` in the same session, if `old_hash` is valid at `now`.
  // A token spent at or after `retry_since` may come back while the token it was last traded
  // for has never been used: the client lost the answer (a page reloaded mid-request).
  // That unused token is then withdrawn and `next` takes its place. Any other spent token that
  // comes back revokes the session (kReused). Fills `user_id` with the session's user when
  // rotated.
  virtual Result<RotateOutcome> RotateRefreshToken(const std::string& old_hash,
                                                   const RefreshToken& next, int64_t now,
                                                   int64_t retry_since, std::string* user_id) = 0;
  // Revokes the session holding `token_hash`; nothing happens for an unknown token.
  virtual Status RevokeSession(const std::string& token_hash, int64_t now) = 0;
  // Failed logins recorded under `key` (an account or an address) since `since`.
  virtual Result<int64_t> CountLoginFailures(const std::string& key, int64_t since) = 0;
  // Oldest failure under `key` since `since`, or 0: tells when the window frees a place.
  virtual Result<int64_t> OldestLoginFailure(const std::string& key, int64_t since) = 0;
  virtual Status RecordLoginFailure(const std::string& key, int64_t now) = 0;
  virtual Status ClearLoginFailures(const std::string& key) = 0;

  // --- families and memberships ---
  // Creates the family with `owner` as its first membership.
  virtual Status CreateFamily(const Family& family, const Membership& owner) = 0;
  virtual Result<Family> FindFamily(const std::string& family_id) = 0;
  virtual Result<Membership> FindMembership(const std::string& family_id,
                                            const std::string& user_id) = 0;
  virtual Result<std::vector<std::pair<Family, Role>>> ListFamiliesOfUser(
      const std::string& user_id) = 0;
  virtual Result<std::vector<FamilyUser>> ListFamilyUsers(const std::string& family_id) = 0;
  // Inserts or replaces a membership. kConflict when it would leave the family without owner.
  virtual Status PutMembership(const Membership& membership) = 0;
  // kNotFound when absent; kConflict when it would leave the family without owner.
  virtual Status RemoveMembership(const std::string& family_id, const std::string& user_id) = 0;

  // --- members ---
  virtual Status CreateMember(const Member& member) = 0;
  virtual Result<Member> FindMember(const std::string& family_id, const std::string& member_id) = 0;
  // Ordered by birthdate (unknown last), then name.
  virtual Result<std::vector<Member>> ListMembers(const std::string& family_id) = 0;
  // Replaces the editable fields if the stored version is `expected_version`, bumping it; returns
  // the member as stored. kPreconditionFailed on another version; kNotFound when missing.
  virtual Result<Member> UpdateMember(const Member& member, int64_t expected_version) = 0;
  // Deletes the member and its tags on entries; the entries stay.
  virtual Status DeleteMember(const std::string& family_id, const std::string& member_id) = 0;
  // How many of `member_ids` are members of the family.
  virtual Result<int64_t> CountMembersInFamily(const std::string& family_id,
                                               const std::vector<std::string>& member_ids) = 0;

  // --- entries ---
  // CreateEntry and UpdateEntry also queue, in the same transaction, an "insight" job for the
  // new version (acting for the entry's author) and mark the entry's insight pending for it.
  // Inserts the entry with its member tags; returns it as stored (`seq`, `author_name`).
  virtual Result<Entry> CreateEntry(const Entry& entry) = 0;
  // A live entry, or with `include_deleted` one in the trash too. Visibility is the caller's job.
  virtual Result<Entry> FindEntry(const std::string& family_id, const std::string& entry_id,
                                  bool include_deleted) = 0;
  // Replaces the editable fields if the stored version is `expected_version`, bumping it.
  // kPreconditionFailed on another version; kNotFound when missing or trashed.
  virtual Result<Entry> UpdateEntry(const Entry& entry, int64_t expected_version) = 0;
  // Moves a live entry to the trash (kNotFound when missing or already there).
  virtual Status TrashEntry(const std::string& family_id, const std::string& entry_id,
                            int64_t now) = 0;
  // Brings an entry back from the trash (kNotFound when it is not there).
  virtual Status RestoreEntry(const std::string& family_id, const std::string& entry_id,
                              int64_t now) = 0;
  // One page of live entries in list order; at most `limit` items.
  virtual Result<std::vector<Entry>> ListEntries(const EntryPageQuery& query) = 0;
  // How many live entries the filter lets through (a timeline bucket's count).
  virtual Result<int64_t> CountEntries(const EntryFilter& filter) = 0;
  virtual Result<std::vector<Entry>> ListTrash(const TrashQuery& query) = 0;
  // Every live entry the filter lets through, in occurred_at then seq order (emotion maps).
  virtual Result<std::vector<Entry>> ListAllEntries(const EntryFilter& filter) = 0;
  // Every live entry the filter lets through, with its embedding, in seq order (search builds
  // its index from this).
  virtual Result<std::vector<SearchableEntry>> ListSearchable(const EntryFilter& filter) = 0;
  // The family's search log (what search sees changed: entries, their tags, insights and
  // vectors, members): its newest position, 0 when empty. Cheap: one index lookup. No change
  // can appear later at a position at or below one returned (on PostgreSQL, where transactions
  // commit in any order, the read first waits for the family's changes still being committed).
  virtual Result<int64_t> SearchMark(const std::string& family_id) = 0;
  // The changes logged after position `after`, at most `limit` rows of them; final, as above.
  virtual Result<SearchChanges> SearchChangesSince(const std::string& family_id, int64_t after,
                                                   int limit) = 0;
  // Erases entries trashed before `deleted_before`, everywhere in the database, with their jobs,
  // insights and vectors. Returns how many entries.
  virtual Result<int64_t> PurgeTrash(int64_t deleted_before) = 0;
  // Queues the analysis of every live entry, in every family, whose vector is missing or not
  // of `space` (with `all`, of every live entry), as an edit does, unless one is already
  // pending. Returns how many were queued. For operators (`dadly reanalyse`); on PostgreSQL
  // kPermissionDenied unless connected as the schema owner.
  virtual Result<int64_t> QueueReanalysis(const VectorSpace& space, bool all, int64_t now) = 0;

  // --- background work (any store; no caller involved) ---
  // Takes up to `limit` due jobs for `worker` and holds them until now + lease_seconds: queued
  // jobs whose run_after has come, and running jobs whose lease lapsed (their worker died).
  // Each taken job's attempts grows by one.
  virtual Result<std::vector<Job>> ClaimJobs(const std::string& worker, int limit, int64_t now,
                                             int64_t lease_seconds) = 0;
  // Ends a job `worker` holds: done without `error`; with one, queued again at `retry_at`, or
  // dead without a retry time. kConflict when `worker` no longer holds it.
  virtual Status EndJob(int64_t job_id, const std::string& worker,
                        const std::optional<std::string>& error, std::optional<int64_t> retry_at,
                        int64_t now) = 0;
  // Jobs in `state`, most recently changed first (for operators; no entry text).
  virtual Result<std::vector<Job>> ListJobs(JobState state, int limit) = 0;

  // --- AI runs (through a view acting for a member of the family) ---
  // Records one provider call. An entry_id that names no entry of the family is recorded
  // without one. Committed without waiting for the disk: a power cut may lose the last traces
  // (never anything else), and a search or chat turn pays no fsync for them.
  virtual Status RecordAiRun(const AiRun& run) = 0;
  // The family's runs with created_at in [from, to), summed per operation, provider and model.
  virtual Result<std::vector<AiUsage>> SumAiRuns(const std::string& family_id, int64_t from,
                                                 int64_t to) = 0;

  // Tokens in and out of the family's runs since `since`, whoever made them (the daily budget).
  virtual Result<int64_t> AiTokensSince(const std::string& family_id, int64_t since) = 0;

  // --- conversations (through a view acting for the conversation's user) ---
  virtual Status CreateConversation(const Conversation& conversation) = 0;
  // kNotFound unless it is `user_id`'s conversation in the family.
  virtual Result<Conversation> FindConversation(const std::string& family_id,
                                                const std::string& user_id,
                                                const std::string& conversation_id) = 0;
  // `user_id`'s conversations in the family, most recently updated first, after the position
  // (updated_at, seq) when given; at most `limit`.
  virtual Result<std::vector<Conversation>> ListConversations(
      const std::string& family_id, const std::string& user_id,
      std::optional<std::pair<int64_t, int64_t>> after, int limit) = 0;
  // The conversation's messages, oldest first, replies with their citations.
  virtual Result<std::vector<Message>> ListMessages(const Conversation& conversation) = 0;
  // Appends `messages` (a question and its reply) in one transaction and sets the conversation's
  // updated_at to `now`; a citation's entry is named by its id within the family. kNotFound when
  // the conversation is gone.
  virtual Status AppendMessages(const Conversation& conversation,
                                const std::vector<Message>& messages, int64_t now) = 0;
  // Deletes the conversation with its messages and AI runs; kNotFound when it is not theirs.
  virtual Status DeleteConversation(const std::string& family_id, const std::string& user_id,
                                    const std::string& conversation_id) = 0;

  // --- insights (through a view acting for a reader of the entry) ---
  // Stores the insight and embedding (made by `vector_model`) of version `insight.version` of
  // the entry, unless the entry is gone, trashed or at another version: then returns false and
  // changes nothing.
  virtual Result<bool> SaveInsight(const std::string& family_id, const std::string& entry_id,
                                   const Insight& insight, const std::vector<float>& vector,
                                   const std::string& vector_model) = 0;
};

// The only place that chooses a backend: SQLite in `config.data_dir`, or PostgreSQL when
// DATABASE_URL is set.
Result<std::unique_ptr<Store>> OpenStore(const Config& config);

}  // namespace dadly
