// Reciprocal rank fusion: how hybrid search merges the BM25 ranking with the embedding ranking
// without having to make their scores comparable. Each list contributes weight / (k + rank) to
// every id it holds (rank counted from 1), so an id near the top of several lists beats one at
// the top of a single list. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace dadly::search {

// k = 60 as in Cormack et al. (2009): large enough that rank 1 does not drown out the rest.
inline constexpr double kDefaultRrfK = 60.0;

struct RankedList {
  std::vector<int64_t> ids;  // best first; an id repeated later in the same list is ignored
  double weight = 1.0;
};

struct FusedHit {
  int64_t id = 0;
  double score = 0;
};

// The ids of all lists by fused score (descending), ties by id (descending, newer entries first,
// as in Bm25Index::Search), at most `limit` of them.
std::vector<FusedHit> ReciprocalRankFusion(const std::vector<RankedList>& lists,
                                           size_t limit = std::numeric_limits<size_t>::max(),
                                           double k = kDefaultRrfK);

}  // namespace dadly::search
