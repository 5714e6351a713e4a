// Search over a family's memories: hybrid retrieval (BM25 over the Korean analyzer's terms and
// cosine over embeddings, fused by reciprocal rank) within what the caller may see, and an
// answer written from the top results that cites them. With the local provider the answer is
// extractive: the best-matching sentence of each cited entry. Indexes are held by a
// SearchIndexCache (search_cache.h), kept current from the Store's search log.
// Thread safety: safe to call from many threads at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "search/family_index.h"
#include "search/snippet.h"
#include "service/ai_gateway.h"
#include "service/search_cache.h"
#include "store/store.h"

namespace dadly {

struct SearchQuery {
  std::string query;
  std::vector<std::string> member_ids;  // any of them tagged
  std::optional<std::string> from;      // inclusive YYYY-MM-DD
  std::optional<std::string> to;
  std::optional<int64_t> limit;  // 1..50, default 10
};

struct SearchHit {
  std::string entry_id;
  double score = 0;
  std::string occurred_at;
  std::string text;  // the entry's title and body, for the model; not sent to the client
  search::Snippet snippet;
};

struct SearchResponse {
  std::string answer;                // says so plainly when nothing relevant was found
  std::vector<SearchHit> citations;  // the entries the answer cites, [1], [2], ... in order
  std::vector<SearchHit> results;
};

// The first `most` hits as passages for the model, numbered [1], [2], ... in that order.
std::vector<Passage> PassagesOf(const std::vector<SearchHit>& hits, size_t most);

// The vectors the provider's queries can be compared with: search keeps only those, and
// `dadly reanalyse` queues the entries whose vector is not of it.
VectorSpace QuerySpaceOf(const AiProvider& provider);

class SearchService {
 public:
  SearchService(Store& store, AiGateway& ai, size_t max_cached_entries)
      : store_(store), ai_(ai), cache_(max_cached_entries, QuerySpaceOf(ai.provider())) {}

  Result<SearchResponse> Search(const std::string& caller, const std::string& family_id,
                                const SearchQuery& query);

  // The entries that best match a valid `query` among those `filter` lets its reader see, best
  // first. `store` acts for the reader; `about` says whom the query's embedding is traced for.
  Result<std::vector<SearchHit>> Retrieve(Store& store, const EntryFilter& filter,
                                          const AiRun& about, const SearchQuery& query);

 private:
  Store& store_;
  AiGateway& ai_;
  SearchIndexCache cache_;
};

}  // namespace dadly
