// The keyword half of hybrid search: an in-memory Okapi BM25 index over the analyzer's terms,
// one per family, keyed by entry seq. It is rebuilt from the store at start-up and kept in step
// as entries are written, so it holds no text, only terms and postings.
//
// Scoring: k1 = 1.2, b = 0.75, idf = ln(1 + (N - df + 0.5) / (df + 0.5)) (never negative). Each
// query term's contribution is multiplied by a weight by kind: whole words (including the
// particle-less form of a Korean word) 1.0, Hangul syllable bigrams 0.5. Bigrams are there for
// recall (생일 inside 생일파티, compounds written without spaces); at half weight a document that
// contains the query's actual word still outranks one that only shares its syllable pairs.
// Words and bigrams are separate terms even when spelled alike (the two-syllable word 생일 and
// the bigram 생일), so the exact word earns both.
//
// Thread safety: none inside. Const methods may run concurrently with each other; anything that
// writes needs exclusive access. The owner is expected to hold a std::shared_mutex (shared for
// Search, exclusive for Add/Update/Remove).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

namespace dadly::search {

struct Bm25Hit {
  int64_t id = 0;
  double score = 0;
};

class Bm25Index final {
 public:
  // Which documents a search may return. A predicate rather than a sorted id set because the
  // filters (family, visibility, members, dates) live with the caller's entry metadata and
  // usually rule out few of the documents that match; materializing an allowed set of 100k ids
  // per query would cost more than asking about the few hundred candidates. It is called at most
  // once per matching document, before ranking. An empty function allows everything.
  using Allow = std::function<bool(int64_t id)>;

  static constexpr float kK1 = 1.2f;
  static constexpr float kB = 0.75f;
  static constexpr float kWordWeight = 1.0f;
  static constexpr float kBigramWeight = 0.5f;
  // Postings pack a document slot into 24 bits and a term frequency into 8.
  static constexpr size_t kMaxDocuments = (size_t{1} << 24) - 1;

  Bm25Index();
  ~Bm25Index();
  // A moved-from index may only be assigned to or destroyed.
  Bm25Index(Bm25Index&&) noexcept;
  Bm25Index& operator=(Bm25Index&&) noexcept;

  // Indexes `text` under `id`, replacing what was indexed under `id` before. Term frequencies
  // saturate at 255 (BM25 saturates long before). Throws std::length_error past kMaxDocuments.
  void Add(int64_t id, std::string_view text);
  // Same as Add; the name says the caller knows the document was there.
  void Update(int64_t id, std::string_view text) { Add(id, text); }
  // Takes the document out of postings and statistics. False if `id` was not indexed. Cost is
  // proportional to the lengths of its terms' postings lists.
  bool Remove(int64_t id);

  bool Contains(int64_t id) const;
  size_t Size() const;

  // The top `k` allowed documents for `query` by score (descending), ties by id (descending, so
  // newer entries first). Documents that share no term with the query are never returned.
  std::vector<Bm25Hit> Search(std::string_view query, size_t k, const Allow& allow = {}) const;

  // An estimate of the heap the index holds (postings, vocabulary, documents), in bytes.
  size_t MemoryBytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dadly::search
