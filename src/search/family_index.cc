#include "search/family_index.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "search/fusion.h"

namespace dadly::search {
namespace {

constexpr size_t kCandidates = 50;

// Integer sums the compiler turns into SIMD multiply-adds; this loop is most of a search's time
// in a large family.
int32_t Dot(const int8_t* a, const int8_t* b, size_t n) {
  int32_t sum = 0;
  for (size_t i = 0; i < n; ++i) sum += int16_t{a[i]} * int16_t{b[i]};
  return sum;
}

// `vector` as 8-bit values scaled to ±127 at its largest component, into `out`; returns the
// scale that turns them back (0 for a zero vector).
float Quantize(const std::vector<float>& vector, int8_t* out) {
  float largest = 0;
  for (float x : vector) largest = std::max(largest, std::abs(x));
  if (largest == 0) {
    std::fill(out, out + vector.size(), int8_t{0});
    return 0;
  }
  const float to_int = 127 / largest;
  for (size_t i = 0; i < vector.size(); ++i) {
    out[i] = static_cast<int8_t>(std::lround(vector[i] * to_int));
  }
  return largest / 127;
}

}  // namespace

FamilyIndex::FamilyIndex(std::vector<IndexedDoc> docs) : docs_(std::move(docs)) {
  std::sort(docs_.begin(), docs_.end(),
            [](const IndexedDoc& a, const IndexedDoc& b) { return a.id < b.id; });
  live_.assign(docs_.size(), true);
  row_of_.assign(docs_.size(), -1);
  for (size_t i = 0; i < docs_.size(); ++i) {
    IndexedDoc& d = docs_[i];
    bm25_.Add(d.id, d.text);
    // The vectors live in one block, in doc order: the cosine scan reads memory straight through.
    SetVector(i, d.vector);
    std::vector<float>().swap(d.vector);
  }
}

void FamilyIndex::SetVector(size_t i, const std::vector<float>& vector) {
  if (dimensions_ == 0) dimensions_ = vector.size();
  const bool usable = dimensions_ > 0 && vector.size() == dimensions_;
  if (row_of_[i] < 0) {
    if (!usable) return;
    row_of_[i] = static_cast<int32_t>(vector_docs_.size());
    vectors_.resize(vectors_.size() + dimensions_);
    row_scales_.push_back(0);
    vector_docs_.push_back(static_cast<uint32_t>(i));
  }
  const auto row = static_cast<size_t>(row_of_[i]);
  // A row without a usable vector is zero: never near a query.
  row_scales_[row] = Quantize(usable ? vector : std::vector<float>(dimensions_, 0.0F),
                              &vectors_[row * dimensions_]);
}

size_t FamilyIndex::Position(int64_t id) const {
  auto it = std::lower_bound(docs_.begin(), docs_.end(), id,
                             [](const IndexedDoc& d, int64_t value) { return d.id < value; });
  return it != docs_.end() && it->id == id ? static_cast<size_t>(it - docs_.begin()) : docs_.size();
}

bool FamilyIndex::Apply(std::vector<IndexedDoc> upserts, const std::vector<int64_t>& removed) {
  std::sort(upserts.begin(), upserts.end(),
            [](const IndexedDoc& a, const IndexedDoc& b) { return a.id < b.id; });
  const int64_t newest = docs_.empty() ? INT64_MIN : docs_.back().id;
  for (const IndexedDoc& d : upserts) {
    if (Position(d.id) == docs_.size() && d.id <= newest) return false;
  }
  if (removed_ + removed.size() > docs_.size() / 4 + 64) return false;

  for (int64_t id : removed) {
    const size_t i = Position(id);
    if (i == docs_.size() || !live_[i]) continue;
    bm25_.Remove(id);
    SetVector(i, {});
    live_[i] = false;
    ++removed_;
  }
  for (IndexedDoc& d : upserts) {
    size_t i = Position(d.id);
    if (i == docs_.size()) {
      docs_.push_back(IndexedDoc{d.id, {}, {}, {}, {}, {}});
      live_.push_back(false);
      row_of_.push_back(-1);
      ++removed_;  // counted back below, as for a removed doc coming back
    }
    IndexedDoc& doc = docs_[i];
    doc.key = std::move(d.key);
    doc.occurred_at = std::move(d.occurred_at);
    doc.member_ids = std::move(d.member_ids);
    doc.text = std::move(d.text);
    bm25_.Add(doc.id, doc.text);  // replaces what was indexed under the id
    SetVector(i, d.vector);
    if (!live_[i]) {
      live_[i] = true;
      --removed_;
    }
  }
  return true;
}

const IndexedDoc* FamilyIndex::Find(int64_t id) const {
  const size_t i = Position(id);
  return i < docs_.size() && live_[i] ? &docs_[i] : nullptr;
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
  if (!query_vector.empty() && query_vector.size() == dimensions_) {
    std::vector<int8_t> query_row(dimensions_);
    const double query_scale = Quantize(query_vector, query_row.data());
    std::vector<std::pair<double, int64_t>> nearest;
    for (size_t row = 0; row < vector_docs_.size(); ++row) {
      const IndexedDoc& d = docs_[vector_docs_[row]];  // a removed doc's row is zero
      const double dot = query_scale * row_scales_[row] *
                         Dot(&vectors_[row * dimensions_], query_row.data(), dimensions_);
      if (dot >= kMinCosine && (!allow || allow(d))) nearest.emplace_back(dot, d.id);
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
  size_t bytes = bm25_.MemoryBytes() + docs_.capacity() * sizeof(IndexedDoc) + vectors_.capacity() +
                 row_scales_.capacity() * sizeof(float) +
                 vector_docs_.capacity() * sizeof(uint32_t);
  for (const auto& d : docs_) {
    bytes += d.text.capacity() + d.key.capacity() + d.occurred_at.capacity();
    for (const auto& m : d.member_ids) bytes += sizeof(std::string) + m.capacity();
  }
  return bytes;
}

}  // namespace dadly::search
