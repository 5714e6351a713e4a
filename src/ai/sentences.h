// Sentence splitting for Korean and English journal text, and clipping text to a length without
// cutting a UTF-8 sequence. Used by the local AI provider's extractive summary (and available to
// the extractive search answer). Pure functions, no I/O; safe to call from many threads at once.
//
// A sentence ends at a line break; at '.', '!', '?', '…' (and their full-width forms), together
// with any run of them and the closing quotes or brackets after it; and, because Korean writers
// often close a sentence with '~', ',' or ㅋㅋ/ㅎㅎ/ㅠㅠ instead of a period, after 다/요/죠
// followed by such a run and a space. A '.' is not an end inside a number ("3.5"), before a letter
// or digit with no space ("e.g", "www.site"), after a known abbreviation ("Mr.", "Dr.") or a
// single capital initial, or after the number of an ordered-list item ("1. 첫째").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dadly {

// Byte offsets [begin, end) of one sentence in the text given to SplitSentences. The span is
// trimmed of whitespace and of leading Markdown markers (#, -, *, +, >).
struct SentenceSpan {
  size_t begin = 0;
  size_t end = 0;
};

// The sentences of `text` in order. Pieces that hold no letter or digit (a lone "ㅋㅋ" counts as
// letters; "---" or "!!" do not) are left out. Invalid UTF-8 bytes are kept as they are and never
// split.
std::vector<SentenceSpan> SplitSentences(std::string_view text);

// `text` itself when it has at most `max_code_points` code points; otherwise a shorter prefix,
// cut at a space when one is near the end, trimmed, and followed by "…", with at most
// `max_code_points` code points in all. Never cuts inside a UTF-8 sequence.
std::string ClipText(std::string_view text, size_t max_code_points);

}  // namespace dadly
