#include "search/fusion.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace dadly::search {

std::vector<FusedHit> ReciprocalRankFusion(const std::vector<RankedList>& lists, size_t limit,
                                           double k) {
  std::vector<FusedHit> hits;
  std::unordered_map<int64_t, size_t> position;  // id -> index in hits
  for (const RankedList& list : lists) {
    std::unordered_set<int64_t> seen;
    seen.reserve(list.ids.size());
    for (size_t rank = 0; rank < list.ids.size(); ++rank) {
      const int64_t id = list.ids[rank];
      if (!seen.insert(id).second) continue;
      const double contribution = list.weight / (k + static_cast<double>(rank + 1));
      const auto [it, inserted] = position.emplace(id, hits.size());
      if (inserted) hits.push_back(FusedHit{id, 0.0});
      hits[it->second].score += contribution;
    }
  }
  const auto better = [](const FusedHit& a, const FusedHit& b) {
    return a.score != b.score ? a.score > b.score : a.id > b.id;
  };
  const size_t top = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<ptrdiff_t>(top), hits.end(), better);
  hits.resize(top);
  return hits;
}

}  // namespace dadly::search
