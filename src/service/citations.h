// Citations in a model's answer: passages are numbered [1], [2], ... in the order they were
// given, and a model may cite any of them, in any order, or a number it was never given. Cite
// keeps what the reader can trust: markers for passages that were given, renumbered in the order
// they first appear, and the list of those passages in that order. Markers for numbers that were
// not given are removed, so an answer never points at an entry that was not retrieved.
// Pure; safe to call from many threads at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dadly {

struct CitedText {
  std::string text;
  // Indexes (from 0) into the passages given, in the order of the new numbers [1], [2], ...
  std::vector<size_t> cited;
};

// `text` with every bracketed marker ("[2]", "[1, 3]", "[1][2]") rewritten for `passages`
// passages.
CitedText Cite(std::string_view text, size_t passages);

}  // namespace dadly
