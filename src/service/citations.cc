#include "service/citations.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace dadly {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The numbers of a marker starting at text[at] == '[' ("[1]", "[1, 3]", "[1,3]"), and where it
// ends; nullopt when it is not a marker (a link's "[text]", a lone bracket).
std::optional<std::vector<size_t>> ReadMarker(std::string_view text, size_t at, size_t* end) {
  std::vector<size_t> numbers;
  size_t i = at + 1;
  while (true) {
    size_t n = 0;
    const size_t start = i;
    while (i < text.size() && IsDigit(text[i]) && i - start < 4) n = n * 10 + (text[i++] - '0');
    if (i == start) return std::nullopt;
    numbers.push_back(n);
    if (i < text.size() && text[i] == ']') {
      *end = i + 1;
      return numbers;
    }
    if (i >= text.size() || text[i] != ',') return std::nullopt;
    ++i;
    while (i < text.size() && text[i] == ' ') ++i;
  }
}

}  // namespace

CitedText Cite(std::string_view text, size_t passages) {
  CitedText out;
  for (size_t i = 0; i < text.size();) {
    size_t end = 0;
    auto numbers = text[i] == '[' ? ReadMarker(text, i, &end) : std::nullopt;
    if (!numbers) {
      out.text += text[i++];
      continue;
    }
    std::string marker;
    for (size_t n : *numbers) {
      if (n < 1 || n > passages) continue;
      auto it = std::find(out.cited.begin(), out.cited.end(), n - 1);
      if (it == out.cited.end()) it = out.cited.insert(out.cited.end(), n - 1);
      const std::string label = std::to_string(it - out.cited.begin() + 1);
      if (marker.find("[" + label + "]") == std::string::npos) marker += "[" + label + "]";
    }
    if (marker.empty()) {
      // A marker citing nothing that was given goes, with the space before it.
      while (!out.text.empty() && out.text.back() == ' ') out.text.pop_back();
    }
    out.text += marker;
    i = end;
  }
  return out;
}

}  // namespace dadly
