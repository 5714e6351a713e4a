#include "search/bm25.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "search/analyzer.h"

namespace dadly::search {
namespace {

// Linear-probing hash set of indices into an array the caller owns (terms, documents), so the
// keys are stored once. 4 bytes a bucket instead of a node per key as in std::unordered_map.
class IndexTable {
 public:
  template <class Matches>
  std::optional<uint32_t> Find(uint64_t hash, const Matches& matches) const {
    if (buckets_.empty()) return std::nullopt;
    for (size_t i = hash & Mask();; i = (i + 1) & Mask()) {
      const uint32_t v = buckets_[i];
      if (v == 0) return std::nullopt;
      if (matches(v - 1)) return v - 1;
    }
  }

  template <class HashOf>
  void Insert(uint64_t hash, uint32_t index, const HashOf& hash_of) {
    if ((count_ + 1) * 10 > buckets_.size() * 7) {
      Rehash(std::max<size_t>(16, buckets_.size() * 2), hash_of);
    }
    Place(hash, index);
    ++count_;
  }

  // Backward-shift deletion: no tombstones, so lookups never slow down after many removals.
  template <class HashOf>
  void Erase(uint64_t hash, uint32_t index, const HashOf& hash_of) {
    size_t i = hash & Mask();
    while (buckets_[i] != index + 1) i = (i + 1) & Mask();
    for (size_t j = (i + 1) & Mask(); buckets_[j] != 0; j = (j + 1) & Mask()) {
      const size_t home = hash_of(buckets_[j] - 1) & Mask();
      // The entry at j may move into the hole at i unless its home lies cyclically in (i, j].
      const bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
      if (stays) continue;
      buckets_[i] = buckets_[j];
      i = j;
    }
    buckets_[i] = 0;
    --count_;
  }

  size_t MemoryBytes() const { return buckets_.capacity() * sizeof(uint32_t); }

 private:
  size_t Mask() const { return buckets_.size() - 1; }

  void Place(uint64_t hash, uint32_t index) {
    size_t i = hash & Mask();
    while (buckets_[i] != 0) i = (i + 1) & Mask();
    buckets_[i] = index + 1;
  }

  template <class HashOf>
  void Rehash(size_t size, const HashOf& hash_of) {
    std::vector<uint32_t> old(size, 0);
    old.swap(buckets_);
    for (const uint32_t v : old) {
      if (v != 0) Place(hash_of(v - 1), v - 1);
    }
  }

  std::vector<uint32_t> buckets_;  // index + 1; 0 is empty
  size_t count_ = 0;
};

uint64_t MixId(int64_t id) {  // splitmix64's finalizer: entry seqs are consecutive
  auto x = static_cast<uint64_t>(id);
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t HashTerm(std::string_view key) { return std::hash<std::string_view>{}(key); }

constexpr uint32_t kFreeSlot = std::numeric_limits<uint32_t>::max();
constexpr uint32_t kMaxTf = 255;

void AppendVarint(std::string& out, uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Postings lists of common terms hold a large share of all documents; growing them by a quarter
// instead of std::vector's doubling keeps the unused tail at about an eighth on average.
void AppendPosting(std::vector<uint32_t>& postings, uint32_t posting) {
  if (postings.size() == postings.capacity()) {
    postings.reserve(postings.size() + postings.size() / 4 + 2);
  }
  postings.push_back(posting);
}

}  // namespace

struct Bm25Index::Impl {
  struct Term {
    uint32_t key_offset = 0;  // into vocabulary: a kind byte, then the term
    uint32_t key_size = 0;
    std::vector<uint32_t> postings;  // slot << 8 | tf, in no particular order
  };
  struct Doc {
    int64_t id = 0;
    uint32_t length = kFreeSlot;  // tokens; kFreeSlot marks a slot waiting for reuse
    uint32_t terms_size = 0;
    // The document's term ids, ascending, as varint deltas: only Remove reads them, so they are
    // kept small rather than fast.
    std::unique_ptr<char[]> terms;
  };

  std::string vocabulary;
  std::vector<Term> terms;
  IndexTable term_table;
  std::vector<Doc> docs;
  std::vector<uint32_t> free_slots;
  IndexTable id_table;
  size_t live = 0;
  uint64_t total_length = 0;
  size_t doc_term_bytes = 0;

  std::string_view KeyOf(uint32_t term) const {
    return std::string_view(vocabulary).substr(terms[term].key_offset, terms[term].key_size);
  }
  uint64_t TermHash(uint32_t term) const { return HashTerm(KeyOf(term)); }
  uint64_t DocHash(uint32_t slot) const { return MixId(docs[slot].id); }

  std::optional<uint32_t> FindTerm(std::string_view key) const {
    return term_table.Find(HashTerm(key), [&](uint32_t t) { return KeyOf(t) == key; });
  }

  uint32_t InternTerm(std::string_view key) {
    const uint64_t hash = HashTerm(key);
    if (auto found = term_table.Find(hash, [&](uint32_t t) { return KeyOf(t) == key; })) {
      return *found;
    }
    const auto id = static_cast<uint32_t>(terms.size());
    terms.push_back(
        Term{static_cast<uint32_t>(vocabulary.size()), static_cast<uint32_t>(key.size()), {}});
    vocabulary.append(key);
    term_table.Insert(hash, id, [this](uint32_t t) { return TermHash(t); });
    return id;
  }

  std::optional<uint32_t> FindDoc(int64_t id) const {
    return id_table.Find(MixId(id), [&](uint32_t slot) { return docs[slot].id == id; });
  }
};

namespace {

std::string TermKey(const Token& token) {
  std::string key;
  key.reserve(token.term.size() + 1);
  key.push_back(token.kind == Token::Kind::kWord ? 'w' : 'b');
  key.append(token.term);
  return key;
}

}  // namespace

Bm25Index::Bm25Index() : impl_(std::make_unique<Impl>()) {}
Bm25Index::~Bm25Index() = default;
Bm25Index::Bm25Index(Bm25Index&&) noexcept = default;
Bm25Index& Bm25Index::operator=(Bm25Index&&) noexcept = default;

void Bm25Index::Add(int64_t id, std::string_view text) {
  Impl& s = *impl_;
  Remove(id);
  if (s.free_slots.empty() && s.docs.size() >= kMaxDocuments) {
    throw std::length_error("Bm25Index: too many documents");
  }

  const std::vector<Token> tokens = Analyze(text);
  std::vector<uint32_t> ids;
  ids.reserve(tokens.size());
  for (const Token& token : tokens) ids.push_back(s.InternTerm(TermKey(token)));
  std::sort(ids.begin(), ids.end());

  uint32_t slot;
  if (!s.free_slots.empty()) {
    slot = s.free_slots.back();
    s.free_slots.pop_back();
  } else {
    slot = static_cast<uint32_t>(s.docs.size());
    s.docs.emplace_back();
  }

  std::string encoded;
  uint32_t previous = 0;
  for (size_t i = 0; i < ids.size();) {
    size_t j = i;
    while (j < ids.size() && ids[j] == ids[i]) ++j;
    const auto tf = static_cast<uint32_t>(std::min<size_t>(j - i, kMaxTf));
    AppendPosting(s.terms[ids[i]].postings, slot << 8 | tf);
    AppendVarint(encoded, ids[i] - previous);
    previous = ids[i];
    i = j;
  }

  Impl::Doc& doc = s.docs[slot];
  doc.id = id;
  doc.length = static_cast<uint32_t>(tokens.size());
  doc.terms_size = static_cast<uint32_t>(encoded.size());
  doc.terms = std::make_unique<char[]>(encoded.size());
  std::copy(encoded.begin(), encoded.end(), doc.terms.get());
  s.doc_term_bytes += encoded.size();
  s.total_length += doc.length;
  ++s.live;
  s.id_table.Insert(MixId(id), slot, [&s](uint32_t d) { return s.DocHash(d); });
}

bool Bm25Index::Remove(int64_t id) {
  Impl& s = *impl_;
  const std::optional<uint32_t> found = s.FindDoc(id);
  if (!found) return false;
  const uint32_t slot = *found;
  Impl::Doc& doc = s.docs[slot];

  uint32_t term = 0;
  uint32_t shift = 0;
  for (uint32_t i = 0; i < doc.terms_size; ++i) {
    const auto byte = static_cast<uint8_t>(doc.terms[i]);
    term += static_cast<uint32_t>(byte & 0x7f) << shift;
    shift += 7;
    if (byte & 0x80) continue;
    shift = 0;
    std::vector<uint32_t>& postings = s.terms[term].postings;
    const auto it = std::find_if(postings.begin(), postings.end(),
                                 [slot](uint32_t p) { return (p >> 8) == slot; });
    if (it != postings.end()) {
      *it = postings.back();
      postings.pop_back();
    }
    if (postings.empty()) std::vector<uint32_t>().swap(postings);  // give the memory back
  }

  s.id_table.Erase(MixId(id), slot, [&s](uint32_t d) { return s.DocHash(d); });
  s.total_length -= doc.length;
  s.doc_term_bytes -= doc.terms_size;
  --s.live;
  doc.length = kFreeSlot;
  doc.terms_size = 0;
  doc.terms.reset();
  s.free_slots.push_back(slot);
  return true;
}

bool Bm25Index::Contains(int64_t id) const { return impl_->FindDoc(id).has_value(); }

size_t Bm25Index::Size() const { return impl_->live; }

std::vector<Bm25Hit> Bm25Index::Search(std::string_view query, size_t k, const Allow& allow) const {
  const Impl& s = *impl_;
  if (k == 0 || s.live == 0) return {};

  // The query's distinct terms; a term the index has never seen cannot match anything.
  std::vector<std::pair<uint32_t, float>> query_terms;
  for (const Token& token : Analyze(query)) {
    const std::optional<uint32_t> term = s.FindTerm(TermKey(token));
    if (!term || s.terms[*term].postings.empty()) continue;
    const float weight = token.kind == Token::Kind::kWord ? kWordWeight : kBigramWeight;
    auto it = std::find_if(query_terms.begin(), query_terms.end(),
                           [&](const auto& qt) { return qt.first == *term; });
    if (it == query_terms.end()) query_terms.emplace_back(*term, weight);
  }
  if (query_terms.empty()) return {};

  const auto n = static_cast<float>(s.live);
  const float avg_length =
      std::max(1.0f, static_cast<float>(s.total_length) / static_cast<float>(s.live));
  std::vector<float> scores(s.docs.size(), 0.0f);
  std::vector<uint32_t> touched;
  for (const auto& [term, weight] : query_terms) {
    const std::vector<uint32_t>& postings = s.terms[term].postings;
    const auto df = static_cast<float>(postings.size());
    const float idf = std::log(1.0f + (n - df + 0.5f) / (df + 0.5f));
    const float term_weight = weight * idf * (kK1 + 1.0f);
    for (const uint32_t p : postings) {
      const uint32_t slot = p >> 8;
      const auto tf = static_cast<float>(p & 0xff);
      const auto length = static_cast<float>(s.docs[slot].length);
      const float norm = kK1 * (1.0f - kB + kB * length / avg_length);
      if (scores[slot] == 0.0f) touched.push_back(slot);
      scores[slot] += term_weight * tf / (tf + norm);
    }
  }

  std::vector<Bm25Hit> hits;
  hits.reserve(touched.size());
  for (const uint32_t slot : touched) {
    const int64_t id = s.docs[slot].id;
    if (allow && !allow(id)) continue;
    hits.push_back(Bm25Hit{id, scores[slot]});
  }
  const auto better = [](const Bm25Hit& a, const Bm25Hit& b) {
    return a.score != b.score ? a.score > b.score : a.id > b.id;
  };
  const size_t top = std::min(k, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<ptrdiff_t>(top), hits.end(), better);
  hits.resize(top);
  return hits;
}

size_t Bm25Index::MemoryBytes() const {
  const Impl& s = *impl_;
  size_t bytes = sizeof(Impl) + s.vocabulary.capacity() + s.terms.capacity() * sizeof(Impl::Term) +
                 s.term_table.MemoryBytes() + s.docs.capacity() * sizeof(Impl::Doc) +
                 s.doc_term_bytes + s.free_slots.capacity() * sizeof(uint32_t) +
                 s.id_table.MemoryBytes();
  for (const Impl::Term& term : s.terms) bytes += term.postings.capacity() * sizeof(uint32_t);
  return bytes;
}

}  // namespace dadly::search
