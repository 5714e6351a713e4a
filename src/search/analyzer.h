// The Korean-first text analyzer shared by search (BM25 terms, snippets) and the local AI
// provider (embedding features, lexicon matching). Pure functions, no I/O; safe to call from
// many threads at once.
//
// Korean words carry particles and endings (자전거를, 자전거에서, 탔다/타고) and many key nouns
// are two syllables (생일, 병원, 수영), so a Hangul word yields its whole form, its form without a
// known particle or ending, and its syllable bigrams; Latin words are case-folded and lightly
// stemmed (regular plural, -ing and -ed forms); runs of digits stay as words.
//
// Details that decide what matches what:
// - Words split at anything that is not a letter, digit or combining mark, and also where the
//   script changes: "5km를" is 5, km and a particle. A particle or ending glued to a Latin word or
//   a number ("bike를", "BTS가") is dropped rather than indexed as a word.
// - The particle-less form strips the longest known suffix that fits the stem's last syllable
//   (를/가/와/로 only after a vowel, 을/이/과/으로 only after a consonant, so 사과 and 오이 stay
//   whole), keeps at least one syllable, and also drops a tense marker left in front (먹었고 →
//   먹) or a past tense fused into the last syllable (탔다 → 타, like 타고 → 타; 있 is kept).
//   Stripping can over-reach on nouns ending like an ending (바다 → 바 as well); the whole form
//   is always emitted too, so that only adds an extra term.
// - Han characters and kana get bigrams like Hangul; jamo-only words (ㅋㅋ) and other scripts are
//   single words.
// - English stems only have to be consistent on both sides, not dictionary words: "excited" and
//   "excite" both become "excit", "movies" and "movie" "movy".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dadly::search {

// Unicode NFC, then case folding. Invalid UTF-8 bytes are replaced by U+FFFD.
std::string Normalize(std::string_view text);

struct Token {
  enum class Kind {
    kWord,    // a whole word (Hangul: as written, and again without its particle/ending)
    kBigram,  // two adjacent Hangul syllables (or Han/kana characters) inside a word
  };
  std::string term;  // normalized
  Kind kind = Kind::kWord;
  // Where the word this term came from sits in the *normalized* text, in bytes: [begin, end).
  uint32_t begin = 0;
  uint32_t end = 0;
};

// The terms of `text` for indexing and for queries alike (the same function on both sides),
// in text order. Punctuation and whitespace separate words and yield nothing.
std::vector<Token> Analyze(std::string_view text);

// Whether the code point is a precomposed Hangul syllable (U+AC00..U+D7A3).
bool IsHangulSyllable(char32_t c);
// Whether `text` looks Korean: it holds a byte that leads a three-byte UTF-8 sequence in
// U+A000..U+DFFF, the block where Hangul syllables are. A quick test for choosing the language
// of a reply, not a decoder.
bool HasHangul(std::string_view text);

}  // namespace dadly::search
