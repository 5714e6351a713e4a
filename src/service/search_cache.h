// The search indexes held in memory, one per reader of a family, as a cache of the Store.
//
// Each is built on first use from the entries the reader may see (through a store acting for
// that reader, so visibility and Row Level Security hold) and remembers the position of the
// family's search log it is current as of. Before each query the Store's newest position is
// read (one index lookup): when it moved, the entries logged since are read again and applied
// to the index in place; a member's change, too many changes, or an index last built a day ago
// or more means a rebuild. The log lives in the Store, so several server processes stay
// coherent without talking to each other. The cache holds at most `max_entries` entries across
// readers and drops the least recently used indexes first. Only vectors of the `space` of the
// provider's queries are kept: one made by another embedding model or of another length (the
// provider was changed since) leaves its entry to be found by its words until it is analysed
// again.
//
// Thread safety: safe to call from many threads at once. Searches of one index run together
// under its read lock; applying changes takes its write lock.
#pragma once

#include <atomic>
#include <chrono>
#include <list>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "search/family_index.h"
#include "store/store.h"

namespace dadly {

// One reader's index; hold `lock` (shared) while reading `index`.
struct CachedIndex {
  explicit CachedIndex(search::FamilyIndex built, int64_t at) : index(std::move(built)), mark(at) {}
  std::shared_mutex lock;
  search::FamilyIndex index;
  std::atomic<int64_t> mark;  // the search log position it is current as of
  std::mutex updating;        // one update at a time, so changes apply in log order
};

class SearchIndexCache {
 public:
  SearchIndexCache(size_t max_entries, VectorSpace space)
      : max_entries_(max_entries), space_(std::move(space)) {}

  // The reader's index (the filter's family, viewer and child rule), current as of the Store's
  // search log now. `store` acts for the reader.
  Result<std::shared_ptr<CachedIndex>> Current(Store& store, const EntryFilter& reader);

 private:
  struct Slot {
    std::shared_ptr<CachedIndex> index;
    std::chrono::steady_clock::time_point built;
    size_t counted = 0;  // entries counted against max_entries_
  };
  Result<std::shared_ptr<CachedIndex>> Build(Store& store, const EntryFilter& reader,
                                             const std::string& key, int64_t mark);
  // Applies the changes logged after the index's mark; false when it must be rebuilt instead.
  Result<bool> Update(Store& store, const EntryFilter& reader, CachedIndex& cached, int64_t mark);
  // Records the slot's size and evicts the least recently used past max_entries_.
  void Account(const std::string& key);

  const size_t max_entries_;
  const VectorSpace space_;
  std::mutex mu_;
  std::list<std::string> recent_;  // keys, most recently used first
  std::unordered_map<std::string, Slot> slots_;
  size_t entries_ = 0;
};

// The index's document for a searchable entry: its title and body as one text, and its vector
// when that is of `space`.
search::IndexedDoc DocOf(SearchableEntry entry, const VectorSpace& space);

}  // namespace dadly
