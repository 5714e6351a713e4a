#include "ai/sentences.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace dadly {
namespace {

// One code point of possibly invalid UTF-8: an invalid byte decodes as itself with length 1 so
// that it is carried along and never split.
struct CodePoint {
  char32_t c = 0;
  size_t size = 1;
};

CodePoint Decode(std::string_view s, size_t i) {
  const auto b = static_cast<uint8_t>(s[i]);
  size_t n = 0;
  char32_t c = 0;
  if (b < 0x80) return {b, 1};
  if ((b & 0xe0) == 0xc0) {
    n = 2;
    c = b & 0x1f;
  } else if ((b & 0xf0) == 0xe0) {
    n = 3;
    c = b & 0x0f;
  } else if ((b & 0xf8) == 0xf0) {
    n = 4;
    c = b & 0x07;
  } else {
    return {0xfffd, 1};
  }
  if (i + n > s.size()) return {0xfffd, 1};
  for (size_t k = 1; k < n; ++k) {
    const auto cc = static_cast<uint8_t>(s[i + k]);
    if ((cc & 0xc0) != 0x80) return {0xfffd, 1};
    c = (c << 6) | (cc & 0x3f);
  }
  return {c, n};
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == 0x3000 || c == 0xa0;
}
bool IsLineBreak(char32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }
bool IsAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsTerminator(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 /* … */ || c == 0x3002 /* 。 */ ||
         c == 0xff01 /* ！ */ || c == 0xff1f /* ？ */ || c == 0xff0e /* ． */;
}
bool IsCloser(char32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == 0x201d /* ” */ ||
         c == 0x2019 /* ’ */ || c == 0xbb /* » */ || c == 0x300d /* 」 */ || c == 0x300f /* 』 */ ||
         c == 0xff09 /* ） */;
}
// Laughter and crying written with bare jamo (ㅋㅋ, ㅎㅎ, ㅠㅠ, ㅜㅜ) often trail a sentence.
bool IsTrailingJamo(char32_t c) { return c == 0x314b || c == 0x314e || c == 0x3160 || c == 0x315c; }
// What may follow 다/요/죠 and still close a Korean sentence when a space comes next.
bool IsKoreanCloser(char32_t c) {
  return c == '~' || c == 0x301c /* 〜 */ || c == 0xff5e /* ～ */ || c == ',' || c == ';' ||
         c == '^' || IsTrailingJamo(c);
}
bool IsSentenceEndingSyllable(char32_t c) {
  return c == 0xb2e4 /* 다 */ || c == 0xc694 /* 요 */ || c == 0xc8e0 /* 죠 */;
}
// Punctuation that alone does not make a sentence worth keeping.
bool IsLetterOrDigit(char32_t c) {
  if (c < 0x80) return IsAsciiAlnum(c);
  if (c == 0xfffd || IsSpace(c) || IsTerminator(c) || IsCloser(c)) return false;
  if (c >= 0x2000 && c <= 0x206f) return false;  // general punctuation
  if (c >= 0x3000 && c <= 0x303f) return false;  // CJK punctuation
  if (c >= 0xff00 && c <= 0xff0f) return false;  // full-width punctuation
  return true;
}

// Words after which a period does not end the sentence (lower case, without the period).
constexpr std::array<std::string_view, 14> kAbbreviations = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "mt", "vs", "e.g", "i.e", "a.m", "p.m"};

bool IsAbbreviation(std::string_view word) {
  if (word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z') return true;  // an initial: "J. K."
  std::string lower(word);
  for (char& ch : lower) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end();
}

bool IsMarkdownMarker(char c) { return c == '#' || c == '-' || c == '*' || c == '+' || c == '>'; }

// Start of the sentence's first word, past whitespace and Markdown markers.
size_t SkipLeading(std::string_view s, size_t begin, size_t end) {
  size_t i = begin;
  while (i < end) {
    const CodePoint cp = Decode(s, i);
    if (IsSpace(cp.c) || IsLineBreak(cp.c)) {
      i += cp.size;
    } else if (IsMarkdownMarker(s[i]) &&
               (i + 1 == end || s[i + 1] == ' ' || s[i] == '#' || IsMarkdownMarker(s[i + 1]))) {
      ++i;
    } else {
      break;
    }
  }
  return i;
}

// Whether the '.' at `dot` ends the sentence that starts at `start`.
bool PeriodEnds(std::string_view s, size_t start, size_t dot) {
  if (dot + 1 < s.size() && IsAsciiAlnum(Decode(s, dot + 1).c)) return false;  // 3.5, e.g, a.b
  size_t w = dot;
  while (w > start && (IsAsciiAlnum(static_cast<unsigned char>(s[w - 1])) || s[w - 1] == '.')) {
    --w;
  }
  const std::string_view word = s.substr(w, dot - w);
  if (word.empty()) return true;
  if (IsAbbreviation(word)) return false;
  const bool all_digits =
      std::all_of(word.begin(), word.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  // "1. 첫째" at the start of a line is an ordered-list item, not a sentence.
  return !(all_digits && SkipLeading(s, start, dot) == w);
}

void Emit(std::string_view s, size_t begin, size_t end, std::vector<SentenceSpan>& out) {
  begin = SkipLeading(s, begin, end);
  while (end > begin) {
    // Step back over one trailing space (ASCII or the 3-byte / 2-byte Unicode spaces).
    size_t k = end - 1;
    while (k > begin && (static_cast<uint8_t>(s[k]) & 0xc0) == 0x80) --k;
    if (!IsSpace(Decode(s, k).c)) break;
    end = k;
  }
  bool has_content = false;
  for (size_t i = begin; i < end && !has_content;) {
    const CodePoint cp = Decode(s, i);
    has_content = IsLetterOrDigit(cp.c);
    i += cp.size;
  }
  if (has_content) out.push_back({begin, end});
}

}  // namespace

std::vector<SentenceSpan> SplitSentences(std::string_view s) {
  std::vector<SentenceSpan> out;
  size_t start = 0;
  size_t i = 0;
  while (i < s.size()) {
    const CodePoint cp = Decode(s, i);
    if (IsLineBreak(cp.c)) {
      Emit(s, start, i, out);
      i += cp.size;
      start = i;
      continue;
    }
    const bool period_ok = cp.c != '.' || PeriodEnds(s, start, i);
    if (IsTerminator(cp.c) && period_ok) {
      size_t j = i + cp.size;
      // "?!", "...", "!”" and "좋다!ㅋㅋ" stay with the sentence they close.
      while (j < s.size()) {
        const CodePoint next = Decode(s, j);
        if (!IsTerminator(next.c) && !IsCloser(next.c) && !IsTrailingJamo(next.c)) break;
        j += next.size;
      }
      Emit(s, start, j, out);
      i = start = j;
      continue;
    }
    if (IsSentenceEndingSyllable(cp.c)) {
      size_t j = i + cp.size;
      while (j < s.size() && IsKoreanCloser(Decode(s, j).c)) j += Decode(s, j).size;
      const bool closed = j > i + cp.size;
      if (closed && (j == s.size() || IsSpace(Decode(s, j).c))) {
        Emit(s, start, j, out);
        i = start = j;
        continue;
      }
    }
    i += cp.size;
  }
  Emit(s, start, s.size(), out);
  return out;
}

std::string ClipText(std::string_view text, size_t max_code_points) {
  size_t count = 0;
  size_t cut = 0;  // byte length of the first max_code_points - 1 code points
  size_t i = 0;
  while (i < text.size()) {
    if (count + 1 == max_code_points) cut = i;
    const size_t n = Decode(text, i).size;
    i += n;
    ++count;
    if (count > max_code_points) break;
  }
  if (count <= max_code_points) return std::string(text);
  if (max_code_points == 0) return "";
  // Room for the ellipsis: cut at a space when one lies in the second half, so no word is halved.
  size_t end = cut;
  const size_t space = text.substr(0, cut).find_last_of(" \t");
  if (space != std::string_view::npos && space * 2 >= cut) end = space;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == ',' || text[end - 1] == '\t')) {
    --end;
  }
  return std::string(text.substr(0, end)) + "\u2026";
}

}  // namespace dadly
