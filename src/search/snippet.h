// Search result snippets: the stretch of an entry that best shows why it matched, with the
// matched words marked, and the sentence that matched best (the local provider builds its
// extractive answers from those sentences). Matching uses the analyzer, so 자전거를 in the text
// is marked for the query 자전거 and "riding" for "ride". Pure and thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dadly::search {

inline constexpr size_t kSnippetChars = 120;

// Plain text, not HTML: whoever renders a segment escapes it.
struct SnippetSegment {
  std::string text;
  bool highlighted = false;
};

struct Sentence {
  std::string text;
  // Byte offsets of the sentence in the text (after any invalid UTF-8 was replaced by U+FFFD).
  size_t begin = 0;
  size_t end = 0;
  // The summed weights of the distinct query terms it contains (1 a word, 0.5 a bigram).
  double score = 0;
};

struct Snippet {
  // In text order, adjacent segments never share `highlighted`. Runs of whitespace (newlines
  // included) read as one space. Empty only for an empty or all-blank text.
  std::vector<SnippetSegment> segments;
  bool cut_before = false;  // text was left out before the first segment (show an ellipsis)
  bool cut_after = false;   // ... and after the last
  // The sentence sharing the most query terms (the first of equals); nullopt when none matches.
  std::optional<Sentence> best_sentence;
};

// The snippet's segments as one plain text, with "…" where text was left out.
std::string PlainText(const Snippet& snippet);

// The window of about `max_chars` code points that covers the most distinct query terms, cut at
// spaces where possible and never inside a UTF-8 sequence or before a combining mark. Without
// any match it is the start of the text.
Snippet MakeSnippet(std::string_view text, std::string_view query,
                    size_t max_chars = kSnippetChars);

}  // namespace dadly::search
