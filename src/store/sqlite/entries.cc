// Entries, their member tags, lists, the trash and its purge.
#include <algorithm>
#include <variant>

#include "store/sqlite/sqlite_store.h"

namespace dadly::sqlite {
namespace {

constexpr const char* kEntryColumns =
    "SELECT e.seq, e.id, e.family_id, e.author_id, e.title, e.body, e.occurred_at, e.visibility, "
    "e.version, e.created_at, e.updated_at, e.deleted_at, "
    "(SELECT group_concat(member_id) FROM entry_members WHERE entry_seq = e.seq), "
    "(SELECT display_name FROM users WHERE id = e.author_id) "
    "FROM entries e ";

Entry ReadEntry(const Stmt& q) {
  Entry e;
  e.seq = q.Int(0);
  e.id = q.Text(1);
  e.family_id = q.Text(2);
  e.author_id = q.Text(3);
  e.title = q.OptText(4);
  e.body = q.Text(5);
  e.occurred_at = q.Text(6);
  e.visibility = q.Text(7) == "private" ? Visibility::kPrivate : Visibility::kFamily;
  e.version = q.Int(8);
  e.created_at = q.Int(9);
  e.updated_at = q.Int(10);
  e.deleted_at = q.OptInt(11);
  const std::string tags = q.Text(12);
  for (size_t start = 0; start < tags.size();) {
    size_t comma = tags.find(',', start);
    if (comma == std::string::npos) comma = tags.size();
    e.member_ids.push_back(tags.substr(start, comma - start));
    start = comma + 1;
  }
  std::sort(e.member_ids.begin(), e.member_ids.end());
  e.author_name = q.Text(13);
  return e;
}

const char* VisibilityName(Visibility v) {
  return v == Visibility::kPrivate ? "private" : "family";
}

// A WHERE clause grown piece by piece with its positional parameters.
class Where {
 public:
  using Value = std::variant<std::string, int64_t>;
  void Add(const std::string& clause, std::vector<Value> values = {}) {
    sql_ += sql_.empty() ? "WHERE " : " AND ";
    sql_ += clause;
    for (auto& v : values) values_.push_back(std::move(v));
  }
  const std::string& sql() const { return sql_; }
  void BindAll(Stmt& q, int first = 1) const {
    int i = first;
    for (const auto& v : values_) {
      if (const auto* s = std::get_if<std::string>(&v)) {
        q.Bind(i++, std::string_view(*s));
      } else {
        q.Bind(i++, std::get<int64_t>(v));
      }
    }
  }
  int size() const { return static_cast<int>(values_.size()); }

 private:
  std::string sql_;
  std::vector<Value> values_;
};

// The visibility and filter rules shared by lists and day counts; live entries only.
Where LiveEntriesWhere(const EntryFilter& f) {
  Where w;
  w.Add("e.family_id = ?", {f.family_id});
  w.Add("e.deleted_at IS NULL");
  if (f.only_tagging_viewer) {
    w.Add("e.visibility = 'family'");
    w.Add(
        "EXISTS (SELECT 1 FROM entry_members em JOIN members m ON m.id = em.member_id "
        "WHERE em.entry_seq = e.seq AND m.user_id = ?)",
        {f.viewer_id});
  } else {
    w.Add("(e.visibility = 'family' OR e.author_id = ?)", {f.viewer_id});
  }
  if (f.member_id) {
    w.Add("EXISTS (SELECT 1 FROM entry_members em WHERE em.entry_seq = e.seq AND em.member_id = ?)",
          {*f.member_id});
  }
  if (f.from) w.Add("e.occurred_at >= ?", {*f.from});
  if (f.to) w.Add("e.occurred_at <= ?", {*f.to});
  return w;
}

void InsertTags(Connection& conn, int64_t seq, const std::vector<std::string>& member_ids) {
  for (const auto& mid : member_ids) {
    conn.Prepare("INSERT OR IGNORE INTO entry_members (member_id, entry_seq) VALUES (?1, ?2)")
        .Bind(1, mid)
        .Bind(2, seq)
        .Run();
  }
}

std::optional<Entry> LoadEntry(Connection& conn, const std::string& family_id,
                               const std::string& entry_id, bool include_deleted) {
  auto q = conn.Prepare(std::string(kEntryColumns) + "WHERE e.id = ?1 AND e.family_id = ?2" +
                        (include_deleted ? "" : " AND e.deleted_at IS NULL"));
  q.Bind(1, entry_id).Bind(2, family_id);
  if (!q.Step()) return std::nullopt;
  return ReadEntry(q);
}

}  // namespace

Result<Entry> SqliteStore::CreateEntry(const Entry& entry) {
  return Guard("create_entry", [&]() -> Result<Entry> {
    auto conn = pool_.Acquire();
    WriteTransaction tx(pool_, *conn);
    conn->Prepare(
            "INSERT INTO entries (id, family_id, author_id, title, body, occurred_at, visibility, "
            "version, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
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
    InsertTags(*conn, sqlite3_last_insert_rowid(conn->handle()), entry.member_ids);
    auto stored = LoadEntry(*conn, entry.family_id, entry.id, false);
    tx.Commit();
    return *stored;
  });
}

Result<Entry> SqliteStore::FindEntry(const std::string& family_id, const std::string& entry_id,
                                     bool include_deleted) {
  return Guard("find_entry", [&]() -> Result<Entry> {
    auto conn = pool_.Acquire();
    auto e = LoadEntry(*conn, family_id, entry_id, include_deleted);
    if (!e) return NotFound("entry");
    return *e;
  });
}

Result<Entry> SqliteStore::UpdateEntry(const Entry& entry, int64_t expected_version) {
  return Guard("update_entry", [&]() -> Result<Entry> {
    auto conn = pool_.Acquire();
    WriteTransaction tx(pool_, *conn);
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
    auto updated = LoadEntry(*conn, entry.family_id, entry.id, false);
    tx.Commit();
    return *updated;
  });
}

Status SqliteStore::TrashEntry(const std::string& family_id, const std::string& entry_id,
                               int64_t now) {
  return Guard("trash_entry", [&]() -> Status {
    auto conn = pool_.Acquire();
    WriteTransaction tx(pool_, *conn);
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
    auto conn = pool_.Acquire();
    WriteTransaction tx(pool_, *conn);
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
    Where w = LiveEntriesWhere(query.filter);
    if (query.after) {
      w.Add("(e.occurred_at < ? OR (e.occurred_at = ? AND e.seq < ?))",
            {query.after->occurred_at, query.after->occurred_at, query.after->seq});
    }
    auto conn = pool_.Acquire();
    auto q = conn->Prepare(std::string(kEntryColumns) + w.sql() +
                           " ORDER BY e.occurred_at DESC, e.seq DESC LIMIT ?");
    w.BindAll(q);
    q.Bind(w.size() + 1, int64_t{query.limit});
    std::vector<Entry> out;
    while (q.Step()) out.push_back(ReadEntry(q));
    return out;
  });
}

Result<int64_t> SqliteStore::CountEntries(const EntryFilter& filter) {
  return Guard("count_entries", [&]() -> Result<int64_t> {
    const Where w = LiveEntriesWhere(filter);
    auto conn = pool_.Acquire();
    auto q = conn->Prepare("SELECT count(*) FROM entries e " + w.sql());
    w.BindAll(q);
    q.Step();
    return q.Int(0);
  });
}

Result<std::vector<Entry>> SqliteStore::ListTrash(const TrashQuery& query) {
  return Guard("list_trash", [&]() -> Result<std::vector<Entry>> {
    Where w;
    w.Add("e.family_id = ?", {query.family_id});
    w.Add("e.deleted_at IS NOT NULL");
    if (query.include_family_entries_of_others) {
      w.Add("(e.visibility = 'family' OR e.author_id = ?)", {query.viewer_id});
    } else {
      w.Add("e.author_id = ?", {query.viewer_id});
    }
    if (query.after) {
      w.Add("(e.deleted_at < ? OR (e.deleted_at = ? AND e.seq < ?))",
            {query.after->first, query.after->first, query.after->second});
    }
    auto conn = pool_.Acquire();
    auto q = conn->Prepare(std::string(kEntryColumns) + w.sql() +
                           " ORDER BY e.deleted_at DESC, e.seq DESC LIMIT ?");
    w.BindAll(q);
    q.Bind(w.size() + 1, int64_t{query.limit});
    std::vector<Entry> out;
    while (q.Step()) out.push_back(ReadEntry(q));
    return out;
  });
}

Result<int64_t> SqliteStore::PurgeTrash(int64_t deleted_before) {
  return Guard("purge_trash", [&]() -> Result<int64_t> {
    auto conn = pool_.Acquire();
    int64_t purged = 0;
    {
      WriteTransaction tx(pool_, *conn);
      conn->Prepare("DELETE FROM entries WHERE deleted_at IS NOT NULL AND deleted_at < ?1")
          .Bind(1, deleted_before)
          .Run();
      purged = conn->Changes();
      tx.Commit();
    }
    if (purged > 0) {
      // Copy the overwritten pages back into the database file and empty the WAL, so the
      // purged text survives in neither (secure_delete already zeroes freed pages).
      std::lock_guard lock(pool_.write_mutex());
      conn->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    return purged;
  });
}

}  // namespace dadly::sqlite
