#include "search/family_index.h"

#include <algorithm>
#include <unordered_map>

#include "search/fusion.h"

namespace dadly::search {
namespace {

constexpr size_t kCandidates = 50;

}  // namespace

FamilyIndex::FamilyIndex(std::vector<IndexedDoc> docs) : docs_(std::move(docs)) {
  std::sort(docs_.begin(), docs_.end(),
            [](const IndexedDoc& a, const IndexedDoc& b) { return a.id < b.id; });
  for (const auto& d : docs_) bm25_.Add(d.id, d.text);
}

const IndexedDoc* FamilyIndex::Find(int64_t id) const {
  auto it = std::lower_bound(docs_.begin(), docs_.end(), id,
                             [](const IndexedDoc& d, int64_t value) { return d.id < value; });
  return it != docs_.end() && it->id == id ? &*it : nullptr;
}

std::vector<DocHit> FamilyIndex::Search(std::string_view query,
                                        const std::vector<float>& query_vector,
                                        const std::function<bool(const IndexedDoc&)>& allow,
                                        size_t limit) const {
  std::unordered_map<int64_t, DocHit> hits;
  RankedList words;
  for (const auto& h : bm25_.Search(query, kCandidates, [&](int64_t id) {
         const IndexedDoc* d = Find(id);
         return d != nullptr && (!allow || allow(*d));
       })) {
    words.ids.push_back(h.id);
    hits[h.id] = DocHit{Find(h.id), 0, h.score, 0};
  }
  RankedList vectors;
  if (!query_vector.empty()) {
    std::vector<std::pair<double, int64_t>> nearest;
    for (const auto& d : docs_) {
      if (d.vector.size() != query_vector.size() || (allow && !allow(d))) continue;
      double dot = 0;
      for (size_t i = 0; i < d.vector.size(); ++i) dot += d.vector[i] * query_vector[i];
      if (dot >= kMinCosine) nearest.emplace_back(dot, d.id);
    }
    const size_t keep = std::min(kCandidates, nearest.size());
    std::partial_sort(nearest.begin(), nearest.begin() + static_cast<std::ptrdiff_t>(keep),
                      nearest.end(), [](const auto& a, const auto& b) {
                        return a.first != b.first ? a.first > b.first : a.second > b.second;
                      });
    for (size_t i = 0; i < keep; ++i) {
      const auto [cosine, id] = nearest[i];
      vectors.ids.push_back(id);
      auto& hit = hits[id];
      hit.doc = Find(id);
      hit.cosine = cosine;
    }
  }
  std::vector<DocHit> out;
  for (const auto& fused : ReciprocalRankFusion({words, vectors}, limit)) {
    DocHit hit = hits[fused.id];
    hit.score = fused.score;
    out.push_back(hit);
  }
  return out;
}

size_t FamilyIndex::MemoryBytes() const {
  size_t bytes = bm25_.MemoryBytes() + docs_.capacity() * sizeof(IndexedDoc);
  for (const auto& d : docs_) {
    bytes += d.text.capacity() + d.occurred_at.capacity() + d.vector.capacity() * sizeof(float);
    for (const auto& m : d.member_ids) bytes += sizeof(std::string) + m.capacity();
  }
  return bytes;
}

}  // namespace dadly::search
