// Entries, their member tags, lists, the trash and its purge.
#include <variant>

#include "store/entry_sql.h"
#include "store/insight_codec.h"
#include "store/sqlite/sqlite_store.h"

namespace dadly::sqlite {
namespace {

// The entries table as a filter reads it. One that names its entries (EntryFilter::seqs) looks
// them up by key: without statistics SQLite would rather walk the family's list index and test
// each entry against the names, a whole family's entries for a handful of them.
const char* EntriesFor(const EntryFilter& filter) {
  return filter.seqs ? "FROM entries e NOT INDEXED " : "FROM entries e ";
}

std::string EntryColumns(const char* entries = "FROM entries e ") {
  return std::string(
             "SELECT e.seq, e.id, e.family_id, e.author_id, e.title, e.body, e.occurred_at, "
             "e.visibility, e.version, e.created_at, e.updated_at, e.deleted_at, "
             "(SELECT group_concat(member_id) FROM entry_members WHERE entry_seq = e.seq), "
             "u.display_name, "
             "i.version, i.status, i.summary, i.topics, i.emotions, i.language, i.provider, "
             "i.model, i.error, i.updated_at ") +
         entries +
         "LEFT JOIN insights i ON i.entry_seq = e.seq LEFT JOIN users u ON u.id = e.author_id ";
}

Entry ReadEntry(const Stmt& q) {
  Entry e;
  e.seq = q.Int(0);
  e.id = q.Text(1);
  e.family_id = q.Text(2);
  e.author_id = q.Text(3);
  e.title = q.OptText(4);
  e.body = q.Text(5);
  e.occurred_at = q.Text(6);
  e.visibility = q.View(7) == "private" ? Visibility::kPrivate : Visibility::kFamily;
  e.version = q.Int(8);
  e.created_at = q.Int(9);
  e.updated_at = q.Int(10);
  e.deleted_at = q.OptInt(11);
  e.member_ids = SplitMemberIds(q.View(12));
  e.author_name = q.Text(13);
  e.insight = InsightOf(InsightColumns{q.OptInt(14), q.Text(15), q.Text(16), q.View(17), q.View(18),
                                       q.Text(19), q.Text(20), q.Text(21), q.Text(22), q.Int(23)});
  return e;
}

const char* VisibilityName(Visibility v) {
  return v == Visibility::kPrivate ? "private" : "family";
}

// Binds the where clause's values to `?` placeholders from position 1.
void BindAll(Stmt& q, const SqlWhere& w) {
  int i = 1;
  for (const auto& v : w.values) {
    if (const auto* text = std::get_if<std::string>(&v)) {
      q.Bind(i++, std::string_view(*text));
    } else {
      q.Bind(i++, std::get<int64_t>(v));
    }
  }
}

void InsertTags(Connection& conn, int64_t seq, const std::vector<std::string>& member_ids) {
  for (const auto& mid : member_ids) {
    conn.Prepare("INSERT OR IGNORE INTO entry_members (member_id, entry_seq) VALUES (?1, ?2)")
        .Bind(1, mid)
        .Bind(2, seq)
        .Run();
  }
}

// Queues the analysis of `version` of the entry at `seq` and marks its insight pending for it,
// in the caller's transaction: the write and its follow-up work commit together.
void QueueInsight(Connection& conn, int64_t seq, const Entry& entry, int64_t version, int64_t now) {
  conn.Prepare(
          "INSERT INTO jobs (kind, family_id, entry_seq, version, acting_for, state, run_after, "
          "created_at, updated_at) VALUES ('insight', ?1, ?2, ?3, ?4, 'queued', ?5, ?5, ?5)")
      .Bind(1, entry.family_id)
      .Bind(2, seq)
      .Bind(3, version)
      .Bind(4, entry.author_id)
      .Bind(5, now)
      .Run();
  conn.Prepare(
          "INSERT INTO insights (entry_seq, version, status, updated_at) "
          "VALUES (?1, ?2, 'pending', ?3) ON CONFLICT (entry_seq) DO UPDATE SET "
          "version = excluded.version, status = 'pending', summary = '', topics = '', "
          "emotions = '', language = '', provider = '', model = '', error = '', "
          "updated_at = excluded.updated_at")
      .Bind(1, seq)
      .Bind(2, version)
      .Bind(3, now)
      .Run();
}

std::optional<Entry> LoadEntry(Connection& conn, const std::string& family_id,
                               const std::string& entry_id, bool include_deleted) {
  auto q = conn.Prepare(EntryColumns() + "WHERE e.id = ?1 AND e.family_id = ?2" +
                        (include_deleted ? "" : " AND e.deleted_at IS NULL"));
  q.Bind(1, entry_id).Bind(2, family_id);
  if (!q.Step()) return std::nullopt;
  return ReadEntry(q);
}

}  // namespace

Result<Entry> SqliteStore::CreateEntry(const Entry& entry) {
  return Guard("create_entry", [&]() -> Result<Entry> {
    std::optional<Entry> stored;
    // Shared with other creates waiting at the same time (Pool::SharedWrite).
    pool_->SharedWrite([&](Connection& conn) {
      conn.Prepare(
              "INSERT INTO entries (id, family_id, author_id, title, body, occurred_at, "
              "visibility, version, created_at, updated_at) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
          .Bind(1, entry.id)
          .Bind(2, entry.family_id)
          .Bind(3, entry.author_id)
          .Bind(4, entry.title)
          .Bind(5, entry.body)
          .Bind(6, entry.occurred_at)
          .Bind(7, VisibilityName(entry.visibility))
          .Bind(8, entry.version)
          .Bind(9, entry.created_at)
          .Bind(10, entry.updated_at)
          .Run();
      const int64_t seq = sqlite3_last_insert_rowid(conn.handle());
      InsertTags(conn, seq, entry.member_ids);
      QueueInsight(conn, seq, entry, entry.version, entry.created_at);
      stored = LoadEntry(conn, entry.family_id, entry.id, false);
    });
    return *stored;
  });
}

Result<Entry> SqliteStore::FindEntry(const std::string& family_id, const std::string& entry_id,
                                     bool include_deleted) {
  return Guard("find_entry", [&]() -> Result<Entry> {
    auto conn = pool_->Acquire();
    auto e = LoadEntry(*conn, family_id, entry_id, include_deleted);
    if (!e) return NotFound("entry");
    return *e;
  });
}

Result<Entry> SqliteStore::UpdateEntry(const Entry& entry, int64_t expected_version) {
  return Guard("update_entry", [&]() -> Result<Entry> {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    auto current = LoadEntry(*conn, entry.family_id, entry.id, false);
    if (!current) return NotFound("entry");
    if (current->version != expected_version) {
      return Fail(ErrorCode::kPreconditionFailed, "the entry was changed by someone else");
    }
    conn->Prepare(
            "UPDATE entries SET title = ?2, body = ?3, occurred_at = ?4, visibility = ?5, "
            "version = version + 1, updated_at = ?6 WHERE seq = ?1")
        .Bind(1, current->seq)
        .Bind(2, entry.title)
        .Bind(3, entry.body)
        .Bind(4, entry.occurred_at)
        .Bind(5, VisibilityName(entry.visibility))
        .Bind(6, entry.updated_at)
        .Run();
    conn->Prepare("DELETE FROM entry_members WHERE entry_seq = ?1").Bind(1, current->seq).Run();
    InsertTags(*conn, current->seq, entry.member_ids);
    QueueInsight(*conn, current->seq, *current, current->version + 1, entry.updated_at);
    auto updated = LoadEntry(*conn, entry.family_id, entry.id, false);
    tx.Commit();
    return *updated;
  });
}

Status SqliteStore::TrashEntry(const std::string& family_id, const std::string& entry_id,
                               int64_t now) {
  return Guard("trash_entry", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    conn->Prepare(
            "UPDATE entries SET deleted_at = ?3, version = version + 1 "
            "WHERE id = ?1 AND family_id = ?2 AND deleted_at IS NULL")
        .Bind(1, entry_id)
        .Bind(2, family_id)
        .Bind(3, now)
        .Run();
    if (conn->Changes() == 0) return NotFound("entry");
    tx.Commit();
    return {};
  });
}

Status SqliteStore::RestoreEntry(const std::string& family_id, const std::string& entry_id,
                                 int64_t /*now*/) {
  return Guard("restore_entry", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    conn->Prepare(
            "UPDATE entries SET deleted_at = NULL, version = version + 1 "
            "WHERE id = ?1 AND family_id = ?2 AND deleted_at IS NOT NULL")
        .Bind(1, entry_id)
        .Bind(2, family_id)
        .Run();
    if (conn->Changes() == 0) return NotFound("entry");
    tx.Commit();
    return {};
  });
}

Result<std::vector<Entry>> SqliteStore::ListEntries(const EntryPageQuery& query) {
  return Guard("list_entries", [&]() -> Result<std::vector<Entry>> {
    SqlWhere w = LiveEntriesWhere(query.filter);
    if (query.after) AddListCursor(w, *query.after);
    w.values.emplace_back(int64_t{query.limit});
    auto conn = pool_->Acquire();
    auto q =
        conn->Prepare(EntryColumns() + w.sql + " ORDER BY e.occurred_at DESC, e.seq DESC LIMIT ?");
    BindAll(q, w);
    std::vector<Entry> out;
    out.reserve(static_cast<size_t>(query.limit));
    while (q.Step()) out.push_back(ReadEntry(q));
    return out;
  });
}

Result<int64_t> SqliteStore::CountEntries(const EntryFilter& filter) {
  return Guard("count_entries", [&]() -> Result<int64_t> {
    const SqlWhere w = LiveEntriesWhere(filter);
    auto conn = pool_->Acquire();
    auto q = conn->Prepare("SELECT count(*) FROM entries e " + w.sql);
    BindAll(q, w);
    q.Step();
    return q.Int(0);
  });
}

Result<std::vector<Entry>> SqliteStore::ListTrash(const TrashQuery& query) {
  return Guard("list_trash", [&]() -> Result<std::vector<Entry>> {
    SqlWhere w = TrashWhere(query);
    w.values.emplace_back(int64_t{query.limit});
    auto conn = pool_->Acquire();
    auto q =
        conn->Prepare(EntryColumns() + w.sql + " ORDER BY e.deleted_at DESC, e.seq DESC LIMIT ?");
    BindAll(q, w);
    std::vector<Entry> out;
    while (q.Step()) out.push_back(ReadEntry(q));
    return out;
  });
}

Result<int64_t> SqliteStore::PurgeTrash(int64_t deleted_before) {
  return Guard("purge_trash", [&]() -> Result<int64_t> {
    auto conn = pool_->Acquire();
    int64_t purged = 0;
    {
      WriteTransaction tx(*pool_, *conn);
      // Rows are written in time order: the old ones are those before the first young one.
      conn->Prepare(
              "DELETE FROM search_log WHERE seq < coalesce("
              "(SELECT seq FROM search_log WHERE at >= ?1 ORDER BY seq LIMIT 1), "
              "(SELECT max(seq) + 1 FROM search_log))")
          .Bind(1, deleted_before)
          .Run();
      conn->Prepare("DELETE FROM entries WHERE deleted_at IS NOT NULL AND deleted_at < ?1")
          .Bind(1, deleted_before)
          .Run();
      purged = conn->Changes();
      tx.Commit();
    }
    if (purged > 0) {
      // Copy the overwritten pages back into the database file and empty the WAL, so the
      // purged text survives in neither (secure_delete already zeroes freed pages).
      std::lock_guard lock(pool_->write_mutex());
      conn->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    return purged;
  });
}

Result<int64_t> SqliteStore::QueueReanalysis(const VectorSpace& space, bool all, int64_t now) {
  return Guard("queue_reanalysis", [&]() -> Result<int64_t> {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    struct Due {
      int64_t seq;
      Entry entry;  // its family and author
      int64_t version;
    };
    std::vector<Due> due;
    {
      auto q = conn->Prepare(
          "SELECT e.seq, e.family_id, e.author_id, e.version FROM entries e "
          "LEFT JOIN entry_vectors v ON v.entry_seq = e.seq "
          "LEFT JOIN insights i ON i.entry_seq = e.seq "
          "WHERE e.deleted_at IS NULL AND i.status IS NOT 'pending' "
          "AND (?3 OR v.entry_seq IS NULL OR v.model <> ?1 OR v.dimensions <> ?2) "
          "ORDER BY e.seq");
      q.Bind(1, space.model).Bind(2, static_cast<int64_t>(space.dimensions)).Bind(3, int64_t{all});
      while (q.Step()) {
        Due d{q.Int(0), {}, q.Int(3)};
        d.entry.family_id = q.Text(1);
        d.entry.author_id = q.Text(2);
        due.push_back(std::move(d));
      }
    }
    for (const auto& d : due) QueueInsight(*conn, d.seq, d.entry, d.version, now);
    tx.Commit();
    return static_cast<int64_t>(due.size());
  });
}

Result<std::vector<Entry>> SqliteStore::ListAllEntries(const EntryFilter& filter) {
  return Guard("list_all_entries", [&]() -> Result<std::vector<Entry>> {
    const SqlWhere w = LiveEntriesWhere(filter);
    auto conn = pool_->Acquire();
    auto q =
        conn->Prepare(EntryColumns(EntriesFor(filter)) + w.sql + " ORDER BY e.occurred_at, e.seq");
    BindAll(q, w);
    std::vector<Entry> out;
    while (q.Step()) out.push_back(ReadEntry(q));
    return out;
  });
}

Result<std::vector<SearchableEntry>> SqliteStore::ListSearchable(const EntryFilter& filter) {
  return Guard("list_searchable", [&]() -> Result<std::vector<SearchableEntry>> {
    const SqlWhere w = LiveEntriesWhere(filter);
    auto conn = pool_->Acquire();
    std::vector<SearchableEntry> out;
    {
      auto q = conn->Prepare(EntryColumns(EntriesFor(filter)) + w.sql + " ORDER BY e.seq");
      BindAll(q, w);
      while (q.Step()) out.push_back(SearchableEntry{ReadEntry(q), {}, {}});
    }
    auto q =
        conn->Prepare(std::string("SELECT e.seq, v.vector, v.model ") + EntriesFor(filter) +
                      "JOIN entry_vectors v ON v.entry_seq = e.seq " + w.sql + " ORDER BY e.seq");
    BindAll(q, w);
    size_t at = 0;  // both lists are in seq order
    while (q.Step()) {
      const int64_t seq = q.Int(0);
      while (at < out.size() && out[at].entry.seq < seq) ++at;
      if (at < out.size() && out[at].entry.seq == seq) {
        out[at].vector = DecodeVector(q.View(1));
        out[at].vector_model = q.Text(2);
      }
    }
    return out;
  });
}

Result<int64_t> SqliteStore::SearchMark(const std::string& family_id) {
  return Guard("search_mark", [&]() -> Result<int64_t> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare(kSearchMark);
    q.Bind(1, family_id);
    q.Step();
    return q.Int(0);
  });
}

Result<SearchChanges> SqliteStore::SearchChangesSince(const std::string& family_id, int64_t after,
                                                      int limit) {
  return Guard("search_changes", [&]() -> Result<SearchChanges> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare(kSearchChanges);
    q.Bind(1, family_id).Bind(2, after).Bind(3, int64_t{limit});
    std::vector<std::pair<int64_t, std::optional<int64_t>>> rows;
    while (q.Step()) rows.emplace_back(q.Int(0), q.OptInt(1));
    return SearchChangesOf(rows, after, limit);
  });
}

}  // namespace dadly::sqlite
