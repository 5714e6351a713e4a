#include "service/search_cache.h"

#include <algorithm>

namespace dadly {
namespace {

constexpr int kMaxLoggedChanges = 2000;  // beyond this a rebuild is cheaper than reading them
constexpr auto kRebuildAfter = std::chrono::hours(24);  // the log keeps 30 days

std::string KeyOf(const EntryFilter& reader) {
  return reader.family_id + "|" + reader.viewer_id + (reader.only_tagging_viewer ? "|child" : "");
}

}  // namespace

search::IndexedDoc DocOf(SearchableEntry s, const VectorSpace& space) {
  Entry& e = s.entry;
  std::string text = FullText(e);
  if (s.vector_model != space.model || s.vector.size() != space.dimensions) s.vector.clear();
  return search::IndexedDoc{
      e.seq, e.id, e.occurred_at, std::move(e.member_ids), std::move(text), std::move(s.vector)};
}

Result<std::shared_ptr<CachedIndex>> SearchIndexCache::Current(Store& store,
                                                               const EntryFilter& reader) {
  auto mark = store.SearchMark(reader.family_id);
  if (!mark) return tl::unexpected(mark.error());
  const std::string key = KeyOf(reader);
  std::shared_ptr<CachedIndex> cached;
  {
    std::lock_guard lock(mu_);
    if (auto it = slots_.find(key); it != slots_.end()) {
      recent_.remove(key);
      recent_.push_front(key);
      if (std::chrono::steady_clock::now() - it->second.built < kRebuildAfter) {
        cached = it->second.index;
      }
    }
  }
  if (cached && cached->mark.load() >= *mark) return cached;
  if (cached) {
    auto updated = Update(store, reader, *cached, *mark);
    if (!updated) return tl::unexpected(updated.error());
    if (*updated) {
      Account(key);
      return cached;
    }
  }
  return Build(store, reader, key, *mark);
}

Result<bool> SearchIndexCache::Update(Store& store, const EntryFilter& reader, CachedIndex& cached,
                                      int64_t mark) {
  std::lock_guard one_at_a_time(cached.updating);
  if (cached.mark.load() >= mark) return true;  // another query brought it up to date
  auto changes = store.SearchChangesSince(reader.family_id, cached.mark.load(), kMaxLoggedChanges);
  if (!changes) return tl::unexpected(changes.error());
  if (changes->whole) return false;
  EntryFilter only = reader;
  only.seqs = changes->entry_seqs;
  auto rows = store.ListSearchable(only);
  if (!rows) return tl::unexpected(rows.error());
  // Changed entries the reader may still see are upserted; the rest (trashed, purged, made
  // private, no longer about the child) removed.
  std::vector<search::IndexedDoc> upserts;
  std::vector<int64_t> removed = changes->entry_seqs;
  for (auto& row : *rows) {
    removed.erase(std::remove(removed.begin(), removed.end(), row.entry.seq), removed.end());
    upserts.push_back(DocOf(std::move(row), space_));
  }
  std::unique_lock write(cached.lock);
  if (!cached.index.Apply(std::move(upserts), removed)) return false;
  cached.mark = changes->mark;
  return true;
}

Result<std::shared_ptr<CachedIndex>> SearchIndexCache::Build(Store& store,
                                                             const EntryFilter& reader,
                                                             const std::string& key, int64_t mark) {
  auto entries = store.ListSearchable(reader);
  if (!entries) return tl::unexpected(entries.error());
  std::vector<search::IndexedDoc> docs;
  docs.reserve(entries->size());
  for (auto& s : *entries) docs.push_back(DocOf(std::move(s), space_));
  // Entries logged after `mark` may already be in; the next query applies them again, which
  // changes nothing.
  auto built = std::make_shared<CachedIndex>(search::FamilyIndex(std::move(docs)), mark);
  {
    std::lock_guard lock(mu_);
    Slot& slot = slots_[key];
    slot.index = built;
    slot.built = std::chrono::steady_clock::now();
    recent_.remove(key);
    recent_.push_front(key);
  }
  Account(key);
  return built;
}

void SearchIndexCache::Account(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = slots_.find(key);
  if (it == slots_.end()) return;
  size_t size = 0;
  {
    std::shared_lock read(it->second.index->lock);
    size = it->second.index->index.size();
  }
  entries_ = entries_ - it->second.counted + size;
  it->second.counted = size;
  while (entries_ > max_entries_ && recent_.size() > 1) {
    const std::string oldest = recent_.back();
    recent_.pop_back();
    entries_ -= slots_[oldest].counted;
    slots_.erase(oldest);
  }
}

}  // namespace dadly
