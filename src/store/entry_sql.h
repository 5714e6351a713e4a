// The SQL both backends use to choose entries: which ones a filter lets through, the trash a
// caller may see, and where a page continues. Clauses use `?` placeholders in order; each
// backend binds `values` its own way. Keeping the rules in one place keeps the backends alike.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "store/store.h"

namespace dadly {

struct SqlWhere {
  using Value = std::variant<std::string, int64_t>;
  std::string sql;  // "WHERE a AND b ...", or empty
  std::vector<Value> values;

  void Add(const std::string& clause, std::vector<Value> clause_values = {});
};

// Live entries of the filter's family that its viewer may see, narrowed by member and dates.
// The entries table is aliased `e`.
SqlWhere LiveEntriesWhere(const EntryFilter& filter);
// `sql` with every `?` turned into `$`: PostgreSQL's placeholders for SQL written with ?N.
std::string Dollars(std::string sql);

// Entries after `cursor` in list order (occurred_at desc, seq desc).
void AddListCursor(SqlWhere& where, const EntryCursor& cursor);
// Trashed entries of the family the viewer may see, after the query's cursor if any.
SqlWhere TrashWhere(const TrashQuery& query);

// The newest position of the family's search log (?1), 0 when it has none. SQLite's; PostgreSQL
// reads the log through functions that wait for the family's changes in flight (migration 0007).
inline constexpr const char* kSearchMark =
    "SELECT coalesce(max(seq), 0) FROM search_log WHERE family_id = ?1";
// The log after position ?2 (?1: the family), oldest first, at most ?3 rows. SQLite's, as above.
inline constexpr const char* kSearchChanges =
    "SELECT seq, entry_seq FROM search_log WHERE family_id = ?1 AND seq > ?2 ORDER BY seq "
    "LIMIT ?3";
// SearchChanges from kSearchChanges' rows (seq, entry_seq or null).
SearchChanges SearchChangesOf(const std::vector<std::pair<int64_t, std::optional<int64_t>>>& rows,
                              int64_t after, int limit);

// One AI run: ?1 family, ?2 entry id, ?3..?13 as the columns, ?14 conversation id, ?15 and ?16
// the text sent and received. An entry or conversation not of the family is recorded as none.
inline constexpr const char* kInsertAiRun =
    "INSERT INTO ai_runs (family_id, entry_seq, operation, provider, model, prompt_version, "
    "tokens_in, tokens_out, cost_micro_usd, latency_ms, status, error, created_at, "
    "conversation_seq, content_sent, content_received) VALUES "
    "(?1, (SELECT seq FROM entries WHERE id = ?2 AND family_id = ?1), ?3, ?4, ?5, ?6, ?7, ?8, "
    "?9, ?10, ?11, ?12, ?13, (SELECT seq FROM conversations WHERE id = ?14 AND family_id = ?1), "
    "?15, ?16)";

// A family's AI runs in [?2, ?3) summed per operation, provider, model and prompt version (?1:
// the family).
inline constexpr const char* kSumAiRuns =
    "SELECT operation, provider, model, prompt_version, count(*), "
    "sum(CASE WHEN status = 'error' THEN 1 ELSE 0 END), sum(tokens_in), sum(tokens_out), "
    "sum(cost_micro_usd), sum(latency_ms) FROM ai_runs "
    "WHERE family_id = ?1 AND created_at >= ?2 AND created_at < ?3 "
    "GROUP BY operation, provider, model, prompt_version "
    "ORDER BY operation, provider, model, prompt_version";

// Member ids as a backend returns them joined by commas, sorted.
std::vector<std::string> SplitMemberIds(std::string_view joined);

}  // namespace dadly
