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
// Entries after `cursor` in list order (occurred_at desc, seq desc).
void AddListCursor(SqlWhere& where, const EntryCursor& cursor);
// Trashed entries of the family the viewer may see, after the query's cursor if any.
SqlWhere TrashWhere(const TrashQuery& query);

// The head of the query whose one text column changes whenever the live entries a filter lets
// through change (count, versions, edit and insight times, newest seq); append the filter's
// where clause. Both backends concatenate with ||.
inline constexpr const char* kChangeMark =
    "SELECT count(*) || ':' || coalesce(sum(e.version), 0) || ':' || "
    "coalesce(max(e.updated_at), 0) || ':' || coalesce(max(i.updated_at), 0) || ':' || "
    "coalesce(max(e.seq), 0) FROM entries e LEFT JOIN insights i ON i.entry_seq = e.seq ";

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
std::vector<std::string> SplitMemberIds(const std::string& joined);

}  // namespace dadly
