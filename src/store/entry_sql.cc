#include "store/entry_sql.h"

#include <algorithm>

namespace dadly {

void SqlWhere::Add(const std::string& clause, std::vector<Value> clause_values) {
  sql += sql.empty() ? "WHERE " : " AND ";
  sql += clause;
  for (auto& v : clause_values) values.push_back(std::move(v));
}

SqlWhere LiveEntriesWhere(const EntryFilter& f) {
  SqlWhere w;
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
  // Insights keep topics as "a,b" and emotions as "joy:0.8,calm:0.2" (insight_codec.h).
  if (f.topic) {
    w.Add(
        "EXISTS (SELECT 1 FROM insights it WHERE it.entry_seq = e.seq AND it.status = 'done' "
        "AND (',' || it.topics || ',') LIKE ?)",
        {"%," + *f.topic + ",%"});
  }
  if (f.emotion) {
    w.Add(
        "EXISTS (SELECT 1 FROM insights ie WHERE ie.entry_seq = e.seq AND ie.status = 'done' "
        "AND (',' || ie.emotions) LIKE ?)",
        {"%," + *f.emotion + ":%"});
  }
  if (f.from) w.Add("e.occurred_at >= ?", {*f.from});
  if (f.to) w.Add("e.occurred_at <= ?", {*f.to});
  if (f.seqs) {
    // Each length of the list is a statement of its own, prepared and kept by every connection:
    // the list is padded (repeating its last seq) to a power of two, so a few statements serve
    // all lengths.
    std::vector<int64_t> seqs = *f.seqs;
    std::sort(seqs.begin(), seqs.end());
    seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
    size_t padded = seqs.empty() ? 0 : 8;
    while (padded < seqs.size()) padded *= 2;
    std::string in = "e.seq IN (";
    std::vector<SqlWhere::Value> values;
    for (size_t i = 0; i < padded; ++i) {
      in += values.empty() ? "?" : ", ?";
      values.emplace_back(seqs[std::min(i, seqs.size() - 1)]);
    }
    const std::string clause = values.empty() ? "0 = 1" : in + ")";
    w.Add(clause, std::move(values));
  }
  return w;
}

void AddListCursor(SqlWhere& w, const EntryCursor& c) {
  w.Add("(e.occurred_at < ? OR (e.occurred_at = ? AND e.seq < ?))",
        {c.occurred_at, c.occurred_at, c.seq});
}

SqlWhere TrashWhere(const TrashQuery& q) {
  SqlWhere w;
  w.Add("e.family_id = ?", {q.family_id});
  w.Add("e.deleted_at IS NOT NULL");
  if (q.include_family_entries_of_others) {
    w.Add("(e.visibility = 'family' OR e.author_id = ?)", {q.viewer_id});
  } else {
    w.Add("e.author_id = ?", {q.viewer_id});
  }
  if (q.after) {
    w.Add("(e.deleted_at < ? OR (e.deleted_at = ? AND e.seq < ?))",
          {q.after->first, q.after->first, q.after->second});
  }
  return w;
}

std::vector<std::string> SplitMemberIds(std::string_view joined) {
  std::vector<std::string> out;
  if (!joined.empty())
    out.reserve(static_cast<size_t>(std::count(joined.begin(), joined.end(), ',')) + 1);
  for (size_t start = 0; start < joined.size();) {
    size_t comma = joined.find(',', start);
    if (comma == std::string_view::npos) comma = joined.size();
    out.emplace_back(joined.substr(start, comma - start));
    start = comma + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Dollars(std::string sql) {
  for (size_t at = sql.find('?'); at != std::string::npos; at = sql.find('?', at)) sql[at] = '$';
  return sql;
}

SearchChanges SearchChangesOf(const std::vector<std::pair<int64_t, std::optional<int64_t>>>& rows,
                              int64_t after, int limit) {
  SearchChanges out;
  out.mark = rows.empty() ? after : rows.back().first;
  out.whole = static_cast<int>(rows.size()) >= limit;
  for (const auto& [seq, entry] : rows) {
    if (!entry) out.whole = true;
    if (entry &&
        std::find(out.entry_seqs.begin(), out.entry_seqs.end(), *entry) == out.entry_seqs.end()) {
      out.entry_seqs.push_back(*entry);
    }
  }
  return out;
}

}  // namespace dadly
