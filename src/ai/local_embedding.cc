// Embeddings of the local AI provider: feature hashing (the "hashing trick") over the search
// analyzer's terms and the Korean↔English concept lexicon. See EmbedText in local_provider.h.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "ai/local_lexicon.h"
#include "ai/local_provider.h"
#include "search/analyzer.h"

namespace dadly::local_ai {
namespace {

// Weights by kind of feature. Concepts weigh most because they are what carries meaning across
// the two languages; bigrams and trigrams least because they catch spelling, not sense (they let
// 자전거를 meet 자전거에서 and "biking" meet "bike" where stems disagree).
constexpr double kWordWeight = 1.0;
constexpr double kBigramWeight = 0.5;
constexpr double kTrigramWeight = 0.4;
constexpr double kConceptWeight = 2.0;

// Kinds keep a word and a bigram with the same letters (두 syllables "생일" is both) apart.
constexpr char kWordKind = 'w';
constexpr char kBigramKind = 'b';
constexpr char kTrigramKind = 't';
constexpr char kConceptKind = 'c';
constexpr char kEmptyKind = 'e';

// FNV-1a 64: tiny, fast, and the same on every machine and compiler (std::hash is neither).
uint64_t Fnv1a(char kind, std::string_view term) {
  uint64_t h = 14695981039346656037ull;
  auto mix = [&h](unsigned char b) {
    h ^= b;
    h *= 1099511628211ull;
  };
  mix(static_cast<unsigned char>(kind));
  mix(0x1f);
  for (char ch : term) mix(static_cast<unsigned char>(ch));
  return h;
}

class FeatureVector {
 public:
  explicit FeatureVector(int dimensions) : values_(static_cast<size_t>(dimensions), 0.0) {}

  // The top bit gives the sign, so features that collide in one dimension cancel out on average
  // instead of piling up.
  void Add(char kind, std::string_view term, double weight) {
    const uint64_t h = Fnv1a(kind, term);
    const size_t index = static_cast<size_t>(h % values_.size());
    values_[index] += (h >> 63) != 0 ? -weight : weight;
    empty_ = false;
  }

  std::vector<float> Normalized() {
    if (empty_) Add(kEmptyKind, "", 1.0);
    double sum = 0;
    for (double v : values_) sum += v * v;
    std::vector<float> out(values_.size());
    // Opposite signs can cancel every feature in a tiny vector: fall back to the empty feature.
    if (sum == 0) {
      std::fill(values_.begin(), values_.end(), 0.0);
      Add(kEmptyKind, "", 1.0);
      sum = 1;
    }
    const double scale = 1.0 / std::sqrt(sum);
    for (size_t i = 0; i < values_.size(); ++i) out[i] = static_cast<float>(values_[i] * scale);
    return out;
  }

 private:
  std::vector<double> values_;
  bool empty_ = true;
};

bool IsLatinWord(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(),
                                   [](char ch) { return (ch >= 'a' && ch <= 'z') || ch == '\''; });
}

// Character trigrams of "^word$": the edges make prefixes and suffixes features of their own.
void AddTrigrams(std::string_view word, FeatureVector& v) {
  std::string padded;
  padded.reserve(word.size() + 2);
  padded.push_back('^');
  padded.append(word);
  padded.push_back('$');
  for (size_t i = 0; i + 3 <= padded.size(); ++i) {
    v.Add(kTrigramKind, std::string_view(padded).substr(i, 3), kTrigramWeight);
  }
}

}  // namespace

std::vector<float> EmbedText(std::string_view text, int dimensions) {
  FeatureVector v(std::max(1, dimensions));
  const std::string normalized = search::Normalize(text);
  const std::vector<search::Token> tokens = search::Analyze(text);
  for (const search::Token& t : tokens) {
    if (t.kind == search::Token::Kind::kBigram) {
      v.Add(kBigramKind, t.term, kBigramWeight);
    } else {
      v.Add(kWordKind, t.term, kWordWeight);
    }
  }
  const std::vector<Word> words = WordsOf(normalized, tokens);
  for (const Word& w : words) {
    if (w.surface.size() >= 3 && IsLatinWord(w.surface)) AddTrigrams(w.surface, v);
  }
  const Lexicon& concepts = ConceptLexicon();
  for (const Lexicon::Match& m : concepts.Find(words)) {
    v.Add(kConceptKind, concepts.Id(m.row), kConceptWeight);
  }
  return v.Normalized();
}

}  // namespace dadly::local_ai
