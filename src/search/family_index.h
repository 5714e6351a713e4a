// One reader's searchable view of a family, held in memory: BM25 over each entry's text, the
// entries' embeddings, and what the per-query filters need. Built whole from the entries the
// reader may see and never changed afterwards, so any number of queries may read it at once;
// the search service builds a new one when the Store says the entries changed.
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

  // The best `limit` documents that `allow` lets through: BM25 and vector rankings (each the
  // top 50) fused by reciprocal rank. `query_vector` may be empty (words only).
  std::vector<DocHit> Search(std::string_view query, const std::vector<float>& query_vector,
                             const std::function<bool(const IndexedDoc&)>& allow,
                             size_t limit) const;

  size_t size() const { return docs_.size(); }
  size_t MemoryBytes() const;

 private:
  const IndexedDoc* Find(int64_t id) const;

  std::vector<IndexedDoc> docs_;  // in id order; their vectors moved into vectors_
  Bm25Index bm25_;
  size_t dimensions_ = 0;              // of the first vector; others of another length are left out
  std::vector<float> vectors_;         // one row of dimensions_ floats per vector_docs_ entry
  std::vector<uint32_t> vector_docs_;  // the doc index of each row
};

}  // namespace dadly::search
