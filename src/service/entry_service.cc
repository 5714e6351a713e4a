#include "service/entry_service.h"

#include <algorithm>
#include <charconv>

#include "ai/ai_provider.h"
#include "core/ids.h"
#include "service/family_service.h"
#include "service/validate.h"

namespace dadly {
namespace {

constexpr size_t kMaxMembersPerEntry = 50;

bool CanWrite(Role role) { return role == Role::kOwner || role == Role::kEditor; }

// The author changes their own entries; an owner also changes family-visible ones.
bool CanModify(const Membership& m, const Entry& e) {
  return CanWrite(m.role) && (e.author_id == m.user_id ||
                              (m.role == Role::kOwner && e.visibility == Visibility::kFamily));
}

// A page from `rows`, fetched one longer than `limit` to learn whether more follow; the cursor
// holds the last item's position (`position_of`) and seq.
template <typename PositionOf>
EntryPage PageOf(std::vector<Entry> rows, int limit, PositionOf position_of) {
  EntryPage page;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(limit);
    page.next_cursor = EncodeCursor(position_of(rows.back()), rows.back().seq);
  }
  page.items = std::move(rows);
  return page;
}

constexpr int kPageSize = 20;
constexpr int kMaxPageSize = 100;

}  // namespace

Result<EntryService::Access> EntryService::AccessFor(const std::string& caller,
                                                     const std::string& family_id) {
  auto store = store_.ActingFor(caller);
  auto reader = RequireReader(*store, family_id, caller);
  if (!reader) return tl::unexpected(reader.error());
  return Access{reader->membership, std::move(reader->filter), std::move(store)};
}

Result<Entry> EntryService::FindVisible(const Access& access, const std::string& entry_id,
                                        bool include_deleted) {
  if (!IsUuid(entry_id)) return NotFound("entry");
  auto entry = access.store->FindEntry(access.filter.family_id, entry_id, include_deleted);
  if (!entry) return entry;
  if (entry->visibility == Visibility::kPrivate && entry->author_id != access.membership.user_id) {
    return NotFound("entry");
  }
  if (access.filter.only_tagging_viewer) {
    auto members = access.store->ListMembers(access.filter.family_id);
    if (!members) return tl::unexpected(members.error());
    const bool about_caller = std::any_of(members->begin(), members->end(), [&](const Member& m) {
      return m.user_id == access.membership.user_id &&
             std::find(entry->member_ids.begin(), entry->member_ids.end(), m.id) !=
                 entry->member_ids.end();
    });
    if (!about_caller || entry->visibility != Visibility::kFamily) return NotFound("entry");
  }
  return entry;
}

Status EntryService::CheckDraft(const Access& access, const EntryDraft& d, bool creating) {
  Validator v;
  if (creating && !d.body) v.Add("body", "is required");
  if (!creating && !d.body && !d.title && !d.occurred_at && !d.member_ids && !d.visibility) {
    v.Add("", "nothing to change");
  }
  if (d.body) v.Text("body", *d.body, 1, 100000, true);
  if (d.title && *d.title) v.Text("title", **d.title, 0, 200);
  if (d.occurred_at) {
    v.Day("occurred_at", *d.occurred_at, kEarliestDay, LatestTodayAnywhere(clock_.NowSeconds()));
  }
  if (d.visibility && *d.visibility != "family" && *d.visibility != "private") {
    v.Add("visibility", "must be family or private");
  }
  if (d.member_ids) v.Uuids("member_ids", *d.member_ids, kMaxMembersPerEntry);
  if (!v.ok()) return v.Finish();
  if (d.member_ids && !d.member_ids->empty()) {
    auto found = access.store->CountMembersInFamily(access.filter.family_id, *d.member_ids);
    if (!found) return tl::unexpected(found.error());
    if (*found != static_cast<int64_t>(d.member_ids->size())) {
      v.Add("member_ids", "must name members of this family");
    }
  }
  return v.Finish();
}

namespace {

void ApplyDraft(const EntryDraft& d, Entry* e) {
  if (d.body) e->body = *d.body;
  if (d.title) e->title = *d.title;
  if (d.occurred_at) e->occurred_at = *d.occurred_at;
  if (d.member_ids) e->member_ids = *d.member_ids;
  if (d.visibility) {
    e->visibility = *d.visibility == "private" ? Visibility::kPrivate : Visibility::kFamily;
  }
}

}  // namespace

Result<Entry> EntryService::Create(const std::string& caller, const std::string& family_id,
                                   const EntryDraft& draft) {
  auto access = AccessFor(caller, family_id);
  if (!access) return tl::unexpected(access.error());
  if (!CanWrite(access->membership.role)) return Forbidden("this role may not write entries");
  if (auto ok = CheckDraft(*access, draft, true); !ok) return tl::unexpected(ok.error());
  const int64_t now = clock_.NowSeconds();
  Entry entry;
  entry.id = NewUuid();
  entry.family_id = family_id;
  entry.author_id = caller;
  entry.occurred_at = FormatDate(DateOfUnix(now));
  entry.created_at = entry.updated_at = now;
  ApplyDraft(draft, &entry);
  return access->store->CreateEntry(entry);
}

Result<Entry> EntryService::Get(const std::string& caller, const std::string& family_id,
                                const std::string& entry_id) {
  auto access = AccessFor(caller, family_id);
  if (!access) return tl::unexpected(access.error());
  return FindVisible(*access, entry_id, false);
}

Result<Entry> EntryService::Update(const std::string& caller, const std::string& family_id,
                                   const std::string& entry_id, const EntryDraft& draft,
                                   std::optional<int64_t> if_match) {
  auto access = AccessFor(caller, family_id);
  if (!access) return tl::unexpected(access.error());
  auto entry = FindVisible(*access, entry_id, false);
  if (!entry) return entry;
  if (!CanModify(access->membership, *entry)) return Forbidden("you may not change this entry");
  // An owner may edit the family's entries of others, but hiding one from the family (and from
  // the owner) is its author's choice alone.
  if (draft.visibility == "private" && entry->author_id != caller) {
    return Forbidden("only its author may make an entry private");
  }
  if (auto ok = CheckDraft(*access, draft, false); !ok) return tl::unexpected(ok.error());
  const int64_t expected = if_match.value_or(entry->version);
  ApplyDraft(draft, &*entry);
  entry->updated_at = clock_.NowSeconds();
  return access->store->UpdateEntry(*entry, expected);
}

Status EntryService::Trash(const std::string& caller, const std::string& family_id,
                           const std::string& entry_id) {
  auto access = AccessFor(caller, family_id);
  if (!access) return tl::unexpected(access.error());
  auto entry = FindVisible(*access, entry_id, false);
  if (!entry) return tl::unexpected(entry.error());
  if (!CanModify(access->membership, *entry)) return Forbidden("you may not delete this entry");
  return access->store->TrashEntry(family_id, entry_id, clock_.NowSeconds());
}

Result<Entry> EntryService::Restore(const std::string& caller, const std::string& family_id,
                                    const std::string& entry_id) {
  auto access = AccessFor(caller, family_id);
  if (!access) return tl::unexpected(access.error());
  auto entry = FindVisible(*access, entry_id, true);
  if (!entry) return entry;
  if (!entry->deleted_at) return NotFound("entry in the trash");
  if (!CanModify(access->membership, *entry)) return Forbidden("you may not restore this entry");
  if (auto ok = access->store->RestoreEntry(family_id, entry_id, clock_.NowSeconds()); !ok) {
    return tl::unexpected(ok.error());
  }
  return access->store->FindEntry(family_id, entry_id, false);
}

Result<EntryPageQuery> EntryService::PageQuery(const Access& access, const ListParams& p) {
  EntryPageQuery query;
  query.filter = access.filter;
  Validator v;
  if (p.member_id && !IsUuid(*p.member_id)) v.Add("member_id", "must be a member id");
  const Date far_future{9999, 12, 31};
  if (p.from && v.Day("from", *p.from, Date{1, 1, 1}, far_future)) query.filter.from = *p.from;
  if (p.to && v.Day("to", *p.to, Date{1, 1, 1}, far_future)) query.filter.to = *p.to;
  const int limit = v.Limit(p.limit, kPageSize, kMaxPageSize);
  if (p.cursor) {
    auto c = DecodeCursor(*p.cursor);
    if (!c || !ParseDate(c->first)) {
      v.Add("cursor", "is not a cursor this list gave out");
    } else {
      query.after = EntryCursor{c->first, c->second};
    }
  }
  // Only Dadly's own topic ids: no entry has another (the filter would read the whole family to
  // say so), and LIKE's wildcards never get through.
  if (p.topic && !IsTopic(*p.topic)) v.Add("topic", "must be a topic id such as birthday or bike");
  if (p.emotion && !FindEmotion(*p.emotion)) v.Add("emotion", "must be one of the 13 emotions");
  if (auto ok = v.Finish(); !ok) return tl::unexpected(ok.error());
  query.filter.member_id = p.member_id;
  query.filter.topic = p.topic;
  query.filter.emotion = p.emotion;
  query.limit = limit;
  return query;
}

Result<EntryPage> EntryService::FetchPage(const Access& access, EntryPageQuery query) {
  const int limit = query.limit;
  query.limit = limit + 1;
  auto rows = access.store->ListEntries(query);
  if (!rows) return tl::unexpected(rows.error());
  return PageOf(std::move(*rows), limit, [](const Entry& e) { return e.occurred_at; });
}

Result<EntryPage> EntryService::List(const std::string& caller, const std::string& family_id,
                                     const ListParams& params) {
  auto access = AccessFor(caller, family_id);
  if (!access) return tl::unexpected(access.error());
  auto query = PageQuery(*access, params);
  if (!query) return tl::unexpected(query.error());
  return FetchPage(*access, std::move(*query));
}

Result<EntryPage> EntryService::ListTrash(const std::string& caller, const std::string& family_id,
                                          const ListParams& params) {
  auto access = AccessFor(caller, family_id);
  if (!access) return tl::unexpected(access.error());
  TrashQuery query;
  query.family_id = family_id;
  query.viewer_id = caller;
  query.include_family_entries_of_others = access->membership.role == Role::kOwner;
  Validator v;
  const int limit = v.Limit(params.limit, kPageSize, kMaxPageSize);
  if (auto ok = v.Finish(); !ok) return tl::unexpected(ok.error());
  if (params.cursor) {
    auto c = DecodeCursor(*params.cursor);
    auto deleted_at = c ? ParseInt64(c->first) : std::nullopt;
    if (!deleted_at) return Invalid("cursor", "is not a cursor this list gave out");
    query.after = std::make_pair(*deleted_at, c->second);
  }
  if (!CanWrite(access->membership.role)) return EntryPage{};
  query.limit = limit + 1;
  auto rows = access->store->ListTrash(query);
  if (!rows) return tl::unexpected(rows.error());
  return PageOf(std::move(*rows), limit,
                [](const Entry& e) { return std::to_string(*e.deleted_at); });
}

Result<int64_t> EntryService::PurgeExpiredTrash() {
  return store_.PurgeTrash(clock_.NowSeconds() - kTrashDays * 86400);
}

}  // namespace dadly
