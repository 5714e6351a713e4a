// The local AI provider's curated lexicons, kept as data in C++ (no model files): family-life
// topics (topic_lexicon.cc), the 13 emotions (emotion_lexicon.cc), Korean↔English concepts for
// embeddings (concept_lexicon.cc), and the small word lists for stopwords, intensifiers and
// negators (local_lexicon.cc); plus the matcher that finds lexicon entries in a text's words.
//
// Matching works on words as the search analyzer sees them (whole words and their stems), never
// on raw substrings, so 비 (rain) is not found inside 비행기 (airplane).
//
// Thread safety: the lexicons are built once, on first use (thread-safe static initialisation),
// and are immutable afterwards; every function here may be called from many threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/analyzer.h"

namespace dadly::local_ai {

// One word of a text as the lexicons see it.
struct Word {
  std::string surface;             // normalized (NFC, case-folded), as written
  std::vector<std::string> forms;  // surface first, then the analyzer's stems and the form
                                   // without a Korean particle; no duplicates
  uint32_t begin = 0;              // where the word sits in the normalized text, in bytes
  uint32_t end = 0;
};

// The words of a text: `normalized` is search::Normalize(text) and `tokens` is
// search::Analyze(text), so the token offsets point into `normalized`.
std::vector<Word> WordsOf(std::string_view normalized, const std::vector<search::Token>& tokens);

// A Hangul word without a trailing particle (자전거를 → 자전거, 병원에서 → 병원), or the word
// itself when it has none or nothing would be left.
std::string_view StripParticle(std::string_view word);

// One lexicon entry in source form. `triggers` lists alternatives separated by '|'. An
// alternative is one or more space-separated parts matched against consecutive words: a part
// ending in '*' matches any form that starts with it (a stem: 아파* matches 아파서), any other
// part matches a whole form only (비 matches 비가 through its particle-free form, not 비행기). An
// alternative may end in "@w" to weigh it (default 1). An alternative starting with '!' is an
// exception: a word that matches it never starts a match of this entry (첫* but not 첫째*).
struct LexiconRow {
  const char* id;
  const char* triggers;
};

class Lexicon {
 public:
  explicit Lexicon(std::span<const LexiconRow> rows);

  struct Match {
    int row = 0;            // index into the rows, in lexicon order
    size_t first_word = 0;  // index into the words searched
    size_t word_count = 1;  // how many consecutive words the alternative spans
    double weight = 1;
  };
  // At most one match per row and starting word (the heaviest alternative; the longest on a
  // tie), ordered by starting word, then row.
  std::vector<Match> Find(const std::vector<Word>& words) const;

  const std::string& Id(int row) const { return ids_[static_cast<size_t>(row)]; }
  int size() const { return static_cast<int>(ids_.size()); }

 private:
  struct Part {
    std::string text;
    bool prefix = false;
  };
  struct Alternative {
    int row = 0;
    std::vector<Part> parts;
    double weight = 1;
    bool exception = false;
  };
  bool PartMatches(const Part& part, const Word& word) const;

  std::vector<std::string> ids_;
  std::vector<Alternative> alternatives_;
  // Alternatives by their first part: exact parts by text, stems by their first code point.
  std::unordered_map<std::string, std::vector<size_t>> by_exact_;
  std::unordered_map<std::string, std::vector<size_t>> by_first_char_;
};

// Family-life topics; ids are stable English names in priority order (ties rank by it).
const Lexicon& TopicLexicon();
// The 13 emotions; ids are the names in Emotions() (model/insight.h).
const Lexicon& EmotionLexicon();
// Concepts shared by Korean and English words (bike ↔ 자전거) so both hash to one feature.
const Lexicon& ConceptLexicon();

// The raw rows, defined in topic_lexicon.cc, emotion_lexicon.cc and concept_lexicon.cc.
std::span<const LexiconRow> TopicRows();
std::span<const LexiconRow> EmotionRows();
std::span<const LexiconRow> ConceptRows();

// Words that carry no content for the summary's term frequencies (the, 그리고, 오늘, 했다).
bool IsStopword(std::string_view form);
// Words that strengthen the emotion cue after them (너무, 정말, so, very).
bool IsIntensifier(std::string_view surface);
// English words that cancel an emotion cue shortly after them (not, never, didn't).
bool IsEnglishNegator(std::string_view surface);
// Korean words that cancel the emotion cue right after them (안 무서워, 못 즐겼다).
bool IsKoreanNegator(std::string_view surface);

}  // namespace dadly::local_ai
