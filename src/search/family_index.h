// One reader's searchable view of a family, held in memory: BM25 over each entry's text, the
// entries' embeddings, and what the per-query filters need. Built whole from the entries the
// reader may see, then kept current with Apply as entries change. Any number of Searches may
// run at once; Apply must run alone (the search service holds a lock for that).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "search/bm25.h"

namespace dadly::search {

struct IndexedDoc {
  int64_t id = 0;           // the entry's seq
  std::string key;          // the entry's id
  std::string occurred_at;  // YYYY-MM-DD
  std::vector<std::string> member_ids;
  std::string text;           // title and body, as indexed and as snippets are cut from
  std::vector<float> vector;  // L2-normalised; empty when the entry has none yet (the index
                              // keeps it elsewhere: empty after construction)
};

struct DocHit {
  const IndexedDoc* doc = nullptr;
  double score = 0;   // fused (reciprocal rank)
  double bm25 = 0;    // 0 when the words did not match
  double cosine = 0;  // 0 when not among the nearest vectors
};

class FamilyIndex {
 public:
  // Vectors closer than this to the query count as relevant; the local provider's hashed
  // embeddings put unrelated texts well below it.
  static constexpr double kMinCosine = 0.2;

  explicit FamilyIndex(std::vector<IndexedDoc> docs);

  // Brings the index up to date in place: `upserts` hold the current state of entries the reader
  // may see that are new or changed, `removed` the ids of entries the reader may no longer see
  // (trashed, purged, made private, no longer about the child). Returns false, changing
  // nothing, when that cannot be done in place: a new entry older than the newest indexed one
  // (a document order to keep), or removed entries piling up past a quarter of the index. The
  // caller then builds a new index.
  bool Apply(std::vector<IndexedDoc> upserts, const std::vector<int64_t>& removed);

  // The best `limit` documents that `allow` lets through: BM25 and vector rankings (each the
  // top 50) fused by reciprocal rank. `query_vector` may be empty (words only).
  std::vector<DocHit> Search(std::string_view query, const std::vector<float>& query_vector,
                             const std::function<bool(const IndexedDoc&)>& allow,
                             size_t limit) const;

  // Entries in the index (removed ones not counted).
  size_t size() const { return docs_.size() - removed_; }
  size_t MemoryBytes() const;

 private:
  const IndexedDoc* Find(int64_t id) const;
  size_t Position(int64_t id) const;  // of `id` in docs_, or docs_.size()
  // Stores `vector` as doc `i`'s row (appending one if it has none); an empty vector, or one of
  // another length, leaves the doc without one (its row zeroed, never near a query).
  void SetVector(size_t i, const std::vector<float>& vector);

  std::vector<IndexedDoc> docs_;  // in id order; their vectors moved into vectors_
  std::vector<bool> live_;        // false once removed (kept in place, out of BM25, row zeroed)
  std::vector<int32_t> row_of_;   // each doc's row in vectors_, or -1
  size_t removed_ = 0;
  Bm25Index bm25_;
  size_t dimensions_ = 0;  // of the first vector; others of another length are left out
  // One row of dimensions_ 8-bit values per vector_docs_ entry, each vector scaled so that its
  // largest component is ±127 (a quarter of the memory of floats, and a quarter to read per
  // search); row_scales_ turns a row's integers back into the vector's values.
  std::vector<int8_t> vectors_;
  std::vector<float> row_scales_;
  std::vector<uint32_t> vector_docs_;  // the doc index of each row
};

}  // namespace dadly::search
