// Entries, their member tags, lists, the trash and its purge.
#include <variant>

#include "store/entry_sql.h"
#include "store/insight_codec.h"
#include "store/postgres/postgres_store.h"

namespace dadly::postgres {
namespace {

constexpr const char* kEntryColumns =
    "SELECT e.seq, e.id, e.family_id, e.author_id, e.title, e.body, e.occurred_at, e.visibility, "
    "e.version, e.created_at, e.updated_at, e.deleted_at, "
    "(SELECT string_agg(member_id::text, ',') FROM entry_members WHERE entry_seq = e.seq), "
    "(SELECT display_name FROM users WHERE id = e.author_id), "
    "i.version, i.status, i.summary, i.topics, i.emotions, i.language, i.provider, i.model, "
    "i.error, i.updated_at "
    "FROM entries e LEFT JOIN insights i ON i.entry_seq = e.seq ";

Entry ReadEntry(const Rows& r, int i) {
  Entry e;
  e.seq = r.Int(i, 0);
  e.id = r.Text(i, 1);
  e.family_id = r.Text(i, 2);
  e.author_id = r.Text(i, 3);
  e.title = r.OptText(i, 4);
  e.body = r.Text(i, 5);
  e.occurred_at = r.Text(i, 6);
  e.visibility = r.View(i, 7) == "private" ? Visibility::kPrivate : Visibility::kFamily;
  e.version = r.Int(i, 8);
  e.created_at = r.Int(i, 9);
  e.updated_at = r.Int(i, 10);
  e.deleted_at = r.OptInt(i, 11);
  e.member_ids = SplitMemberIds(r.View(i, 12));
  e.author_name = r.Text(i, 13);
  e.insight = InsightOf(InsightColumns{r.OptInt(i, 14), r.Text(i, 15), r.Text(i, 16), r.View(i, 17),
                                       r.View(i, 18), r.Text(i, 19), r.Text(i, 20), r.Text(i, 21),
                                       r.Text(i, 22), r.Int(i, 23)});
  return e;
}

std::vector<Entry> ReadEntries(const Rows& r) {
  std::vector<Entry> out;
  out.reserve(static_cast<size_t>(r.size()));
  for (int i = 0; i < r.size(); ++i) out.push_back(ReadEntry(r, i));
  return out;
}

const char* VisibilityName(Visibility v) {
  return v == Visibility::kPrivate ? "private" : "family";
}

// A statement with each `?` numbered as PostgreSQL wants it ($1, $2, ...), and its values.
struct Numbered {
  std::string sql;
  std::vector<Param> params;
};

// `head` + the where clause + `tail`; `tail` may hold further `?`s for `extra`.
Numbered Number(const std::string& head, SqlWhere w, const std::string& tail,
                std::vector<SqlWhere::Value> extra = {}) {
  Numbered out{head, {}};
  int n = 0;
  for (char c : w.sql + tail) {
    if (c == '?') {
      out.sql += '$' + std::to_string(++n);
    } else {
      out.sql += c;
    }
  }
  for (auto& v : extra) w.values.push_back(std::move(v));
  out.params.reserve(w.values.size());
  for (const auto& v : w.values) {
    const auto* text = std::get_if<std::string>(&v);
    out.params.push_back(text ? *text : std::to_string(std::get<int64_t>(v)));
  }
  return out;
}

void InsertTags(Connection& conn, int64_t seq, const std::vector<std::string>& member_ids) {
  for (const auto& mid : member_ids) {
    conn.Exec("INSERT INTO entry_members (member_id, entry_seq) VALUES ($1, $2)", mid, seq);
  }
}

// Queues the analysis of `version` of the entry at `seq` and marks its insight pending for it,
// in the caller's transaction: the write and its follow-up work commit together.
void QueueInsight(Connection& conn, int64_t seq, const Entry& entry, int64_t version, int64_t now) {
  conn.Exec(
      "INSERT INTO jobs (kind, family_id, entry_seq, version, acting_for, state, run_after, "
      "created_at, updated_at) VALUES ('insight', $1, $2, $3, $4, 'queued', $5, $5, $5)",
      entry.family_id, seq, version, entry.author_id, now);
  conn.Exec(
      "INSERT INTO insights (entry_seq, version, status, updated_at) "
      "VALUES ($1, $2, 'pending', $3) ON CONFLICT (entry_seq) DO UPDATE SET "
      "version = excluded.version, status = 'pending', summary = '', topics = '', "
      "emotions = '', language = '', provider = '', model = '', error = '', "
      "updated_at = excluded.updated_at",
      seq, version, now);
}

// A bytea column in PostgreSQL's text form (\\x and two hex digits a byte) as bytes.
std::string Unhex(std::string_view text) {
  auto digit = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string out;
  if (text.substr(0, 2) != "\\x") return out;
  out.reserve((text.size() - 2) / 2);
  for (size_t i = 2; i + 1 < text.size(); i += 2) {
    out += static_cast<char>(digit(text[i]) * 16 + digit(text[i + 1]));
  }
  return out;
}

// One entry by id ($1) and family ($2).
std::string EntrySelect(bool include_deleted) {
  return std::string(kEntryColumns) + "WHERE e.id = $1 AND e.family_id = $2" +
         (include_deleted ? "" : " AND e.deleted_at IS NULL");
}

std::optional<Entry> LoadEntry(Connection& conn, const std::string& family_id,
                               const std::string& entry_id, bool include_deleted) {
  auto r = conn.Exec(EntrySelect(include_deleted), entry_id, family_id);
  if (r.empty()) return std::nullopt;
  return ReadEntry(r, 0);
}

}  // namespace

Result<Entry> PostgresStore::CreateEntry(const Entry& entry) {
  return InTransaction("create_entry", [&](Connection& conn) -> Result<Entry> {
    auto r = conn.Exec(
        "INSERT INTO entries (id, family_id, author_id, title, body, occurred_at, visibility, "
        "version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
        "RETURNING seq",
        entry.id, entry.family_id, entry.author_id, entry.title, entry.body, entry.occurred_at,
        VisibilityName(entry.visibility), entry.version, entry.created_at, entry.updated_at);
    const int64_t seq = r.Int(0, 0);
    InsertTags(conn, seq, entry.member_ids);
    QueueInsight(conn, seq, entry, entry.version, entry.created_at);
    auto stored = LoadEntry(conn, entry.family_id, entry.id, false);
    if (!stored) return NotFound("entry");
    return *stored;
  });
}

Result<Entry> PostgresStore::FindEntry(const std::string& family_id, const std::string& entry_id,
                                       bool include_deleted) {
  auto r = Read("find_entry", EntrySelect(include_deleted), entry_id, family_id);
  if (!r) return tl::unexpected(r.error());
  if (r->empty()) return NotFound("entry");
  return ReadEntry(*r, 0);
}

Result<Entry> PostgresStore::UpdateEntry(const Entry& entry, int64_t expected_version) {
  return InTransaction("update_entry", [&](Connection& conn) -> Result<Entry> {
    // The row lock makes a concurrent update wait and then see the new version.
    auto r = conn.Exec(
        "SELECT seq, version FROM entries WHERE id = $1 AND family_id = $2 "
        "AND deleted_at IS NULL FOR UPDATE",
        entry.id, entry.family_id);
    if (r.empty()) return NotFound("entry");
    const int64_t seq = r.Int(0, 0);
    if (r.Int(0, 1) != expected_version) {
      return Fail(ErrorCode::kPreconditionFailed, "the entry was changed by someone else");
    }
    conn.Exec(
        "UPDATE entries SET title = $2, body = $3, occurred_at = $4, visibility = $5, "
        "version = version + 1, updated_at = $6 WHERE seq = $1",
        seq, entry.title, entry.body, entry.occurred_at, VisibilityName(entry.visibility),
        entry.updated_at);
    conn.Exec("DELETE FROM entry_members WHERE entry_seq = $1", seq);
    InsertTags(conn, seq, entry.member_ids);
    QueueInsight(conn, seq, entry, expected_version + 1, entry.updated_at);
    auto updated = LoadEntry(conn, entry.family_id, entry.id, false);
    if (!updated) return NotFound("entry");
    return *updated;
  });
}

Status PostgresStore::TrashEntry(const std::string& family_id, const std::string& entry_id,
                                 int64_t now) {
  return InTransaction("trash_entry", [&](Connection& conn) -> Status {
    auto r = conn.Exec(
        "UPDATE entries SET deleted_at = $3, version = version + 1 "
        "WHERE id = $1 AND family_id = $2 AND deleted_at IS NULL",
        entry_id, family_id, now);
    if (r.affected() == 0) return NotFound("entry");
    return {};
  });
}

Status PostgresStore::RestoreEntry(const std::string& family_id, const std::string& entry_id,
                                   int64_t /*now*/) {
  return InTransaction("restore_entry", [&](Connection& conn) -> Status {
    auto r = conn.Exec(
        "UPDATE entries SET deleted_at = NULL, version = version + 1 "
        "WHERE id = $1 AND family_id = $2 AND deleted_at IS NOT NULL",
        entry_id, family_id);
    if (r.affected() == 0) return NotFound("entry");
    return {};
  });
}

Result<std::vector<Entry>> PostgresStore::ListEntries(const EntryPageQuery& query) {
  SqlWhere w = LiveEntriesWhere(query.filter);
  if (query.after) AddListCursor(w, *query.after);
  const auto q = Number(kEntryColumns, std::move(w),
                        " ORDER BY e.occurred_at DESC, e.seq DESC LIMIT ?", {int64_t{query.limit}});
  auto r = ReadParams("list_entries", q.sql, q.params);
  if (!r) return tl::unexpected(r.error());
  return ReadEntries(*r);
}

Result<int64_t> PostgresStore::CountEntries(const EntryFilter& filter) {
  const auto q = Number("SELECT count(*) FROM entries e ", LiveEntriesWhere(filter), "");
  auto r = ReadParams("count_entries", q.sql, q.params);
  if (!r) return tl::unexpected(r.error());
  return r->Int(0, 0);
}

Result<std::vector<Entry>> PostgresStore::ListTrash(const TrashQuery& query) {
  const auto q = Number(kEntryColumns, TrashWhere(query),
                        " ORDER BY e.deleted_at DESC, e.seq DESC LIMIT ?", {int64_t{query.limit}});
  auto r = ReadParams("list_trash", q.sql, q.params);
  if (!r) return tl::unexpected(r.error());
  return ReadEntries(*r);
}

Result<int64_t> PostgresStore::PurgeTrash(int64_t deleted_before) {
  return Guard("purge_trash", [&]() -> Result<int64_t> {
    auto conn = pool_->Acquire();
    return conn->Exec("SELECT dadly_purge_trash($1)", deleted_before).Int(0, 0);
  });
}

Result<int64_t> PostgresStore::QueueReanalysis(const VectorSpace& space, bool all, int64_t now) {
  return InTransaction("queue_reanalysis", [&](Connection& conn) -> Result<int64_t> {
    // Row Level Security shows any other role no entry at all: say so rather than queue none.
    const auto owner = conn.Exec(
        "SELECT tableowner = current_user, current_user FROM pg_tables "
        "WHERE schemaname = current_schema() AND tablename = 'entries'");
    if (owner.empty() || owner.Text(0, 0) != "t") {
      return Fail(ErrorCode::kPermissionDenied,
                  "run `dadly reanalyse` with DATABASE_URL naming the role that owns the schema; " +
                      std::string(owner.empty() ? "this role" : owner.Text(0, 1)) +
                      " sees no entry through Row Level Security");
    }
    // The row locks keep edits out meanwhile: an edit queues a newer version of its own.
    auto r = conn.Exec(
        "SELECT e.seq, e.family_id, e.author_id, e.version FROM entries e "
        "LEFT JOIN entry_vectors v ON v.entry_seq = e.seq "
        "LEFT JOIN insights i ON i.entry_seq = e.seq "
        "WHERE e.deleted_at IS NULL AND i.status IS DISTINCT FROM 'pending' "
        "AND ($3 = 1 OR v.entry_seq IS NULL OR v.model <> $1 OR v.dimensions <> $2) "
        "ORDER BY e.seq FOR UPDATE OF e",
        space.model, static_cast<int64_t>(space.dimensions), all ? 1 : 0);
    for (int i = 0; i < r.size(); ++i) {
      Entry entry;
      entry.family_id = r.Text(i, 1);
      entry.author_id = r.Text(i, 2);
      QueueInsight(conn, r.Int(i, 0), entry, r.Int(i, 3), now);
    }
    return int64_t{r.size()};
  });
}

Result<std::vector<Entry>> PostgresStore::ListAllEntries(const EntryFilter& filter) {
  const auto q = Number(kEntryColumns, LiveEntriesWhere(filter), " ORDER BY e.occurred_at, e.seq");
  auto r = ReadParams("list_all_entries", q.sql, q.params);
  if (!r) return tl::unexpected(r.error());
  return ReadEntries(*r);
}

Result<std::vector<SearchableEntry>> PostgresStore::ListSearchable(const EntryFilter& filter) {
  std::string select = kEntryColumns;  // and the vector and its model, as columns 24 and 25
  select.insert(select.find(" FROM entries e"), ", v.vector, v.model");
  select += "LEFT JOIN entry_vectors v ON v.entry_seq = e.seq ";
  const auto q = Number(select, LiveEntriesWhere(filter), " ORDER BY e.seq");
  auto r = ReadParams("list_searchable", q.sql, q.params);
  if (!r) return tl::unexpected(r.error());
  std::vector<SearchableEntry> out;
  out.reserve(static_cast<size_t>(r->size()));
  for (int i = 0; i < r->size(); ++i) {
    SearchableEntry s{ReadEntry(*r, i), {}, {}};
    if (auto hex = r->OptText(i, 24)) {
      s.vector = DecodeVector(Unhex(*hex));
      s.vector_model = r->Text(i, 25);
    }
    out.push_back(std::move(s));
  }
  return out;
}

// The log is read through functions that first wait for the family's changes in flight
// (migration 0007): transactions commit in any order, and a position read past a change still
// being committed would never be read again.
Result<int64_t> PostgresStore::SearchMark(const std::string& family_id) {
  auto r = Read("search_mark", "SELECT dadly_search_mark($1)", family_id);
  if (!r) return tl::unexpected(r.error());
  return r->Int(0, 0);
}

Result<SearchChanges> PostgresStore::SearchChangesSince(const std::string& family_id, int64_t after,
                                                        int limit) {
  auto r = Read("search_changes", "SELECT seq, entry_seq FROM dadly_search_changes($1, $2, $3)",
                family_id, after, static_cast<int64_t>(limit));
  if (!r) return tl::unexpected(r.error());
  std::vector<std::pair<int64_t, std::optional<int64_t>>> rows;
  for (int i = 0; i < r->size(); ++i) rows.emplace_back(r->Int(i, 0), r->OptInt(i, 1));
  return SearchChangesOf(rows, after, limit);
}

}  // namespace dadly::postgres
