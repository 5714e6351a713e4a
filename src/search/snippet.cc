#include "search/snippet.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "core/utf8.h"
#include "search/analyzer.h"

namespace dadly::search {
namespace {

constexpr std::string_view kReplacement = "\xef\xbf\xbd";  // U+FFFD
constexpr size_t kMaxQueryTerms = 64;                      // one bit each in a Match

std::string ReplaceInvalidUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t c;
    const auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                      static_cast<utf8proc_ssize_t>(s.size() - i), &c);
    if (len > 0 && IsValidUtf8(s.substr(i, static_cast<size_t>(len)))) {
      out.append(s.substr(i, static_cast<size_t>(len)));
      i += static_cast<size_t>(len);
    } else {
      out.append(kReplacement);
      ++i;
    }
  }
  return out;
}

struct CodePoints {
  std::vector<size_t> offsets;  // byte offset of each code point, then the text's size
  std::vector<char32_t> chars;
};

CodePoints Decode(std::string_view s) {
  CodePoints cps;
  size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t c;
    const auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                      static_cast<utf8proc_ssize_t>(s.size() - i), &c);
    cps.offsets.push_back(i);
    cps.chars.push_back(static_cast<char32_t>(c));
    i += static_cast<size_t>(std::max<utf8proc_ssize_t>(len, 1));
  }
  cps.offsets.push_back(s.size());
  return cps;
}

bool IsSpace(char32_t c) {
  if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return true;
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

// True for what belongs to the character before it: a window never ends just before one.
bool ContinuesPrevious(char32_t c) {
  // The vowel and final jamo of decomposed Hangul, old and modern.
  if ((c >= 0x1160 && c <= 0x11ff) || (c >= 0xd7b0 && c <= 0xd7ff)) return true;
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
}

// Normalize() applied piece by piece, remembering where each piece came from, so that matches
// found in the normalized text can be marked in the text as written ("Bike", not "bike"). A piece
// is a character with what continues it (combining marks, the vowel and final jamo of decomposed
// Hangul): nothing composes or reorders across that boundary, so the pieces normalize exactly as
// the whole text would.
class NormalizedText {
 public:
  explicit NormalizedText(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
      size_t j = i + 1;
      while (j < text.size() && (static_cast<uint8_t>(text[j]) & 0xc0) == 0x80) ++j;
      while (j < text.size() && !StartsPiece(text, j)) ++j;
      original_.push_back(i);
      normalized_.push_back(norm_.size());
      const std::string_view piece = text.substr(i, j - i);
      if (piece.size() == 1) {
        const char ch = piece[0];
        norm_.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch);
      } else if (IsOneSyllable(piece)) {  // already NFC, and Hangul has no case
        norm_.append(piece);
      } else {
        norm_.append(Normalize(piece));
      }
      i = j;
    }
    original_.push_back(text.size());
    normalized_.push_back(norm_.size());
  }

  const std::string& str() const { return norm_; }

  // The original span of the pieces that the normalized span [begin, end) touches.
  std::pair<size_t, size_t> ToOriginal(size_t begin, size_t end) const {
    end = std::clamp(end, begin + 1, norm_.size());
    const size_t first = PieceAt(begin);
    const size_t last = PieceAt(end - 1);
    return {original_[first], original_[last + 1]};
  }

 private:
  static bool StartsPiece(std::string_view text, size_t i) {
    const auto b = static_cast<uint8_t>(text[i]);
    if (b < 0x80) return true;
    if ((b & 0xc0) == 0x80) return false;
    utf8proc_int32_t c;
    utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                     static_cast<utf8proc_ssize_t>(text.size() - i), &c);
    return !ContinuesPrevious(static_cast<char32_t>(c));
  }

  static bool IsOneSyllable(std::string_view piece) {
    if (piece.size() != 3) return false;
    utf8proc_int32_t c;
    utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(piece.data()), 3, &c);
    return IsHangulSyllable(static_cast<char32_t>(c));
  }

  size_t PieceAt(size_t pos) const {
    const auto it = std::upper_bound(normalized_.begin(), normalized_.end() - 1, pos);
    return static_cast<size_t>(it - normalized_.begin()) - 1;
  }

  std::string norm_;
  std::vector<size_t> original_;    // where each piece starts in the text, then its size
  std::vector<size_t> normalized_;  // ... and in norm_
};

// A word of the text that shares terms with the query.
struct Match {
  size_t begin = 0;  // bytes in the text
  size_t end = 0;
  uint64_t terms = 0;  // bit i: query term i
};

std::string TermKey(const Token& token) {
  return (token.kind == Token::Kind::kWord ? "w" : "b") + token.term;
}

class QueryTerms {
 public:
  explicit QueryTerms(std::string_view query) {
    for (const Token& token : Analyze(query)) {
      if (weights_.size() == kMaxQueryTerms) break;
      if (index_.emplace(TermKey(token), weights_.size()).second) {
        weights_.push_back(token.kind == Token::Kind::kWord ? 1.0 : 0.5);
      }
    }
  }

  uint64_t Bit(const Token& token) const {
    const auto it = index_.find(TermKey(token));
    return it == index_.end() ? 0 : uint64_t{1} << it->second;
  }

  double Score(uint64_t terms) const {
    double score = 0;
    for (size_t i = 0; i < weights_.size(); ++i) {
      if (terms & (uint64_t{1} << i)) score += weights_[i];
    }
    return score;
  }

 private:
  std::unordered_map<std::string, size_t> index_;
  std::vector<double> weights_;
};

std::vector<Match> FindMatches(std::string_view text, const QueryTerms& query) {
  const NormalizedText normalized(text);
  std::vector<Match> matches;
  for (const Token& token : Analyze(normalized.str())) {
    const uint64_t bit = query.Bit(token);
    if (bit == 0) continue;
    const auto [begin, end] = normalized.ToOriginal(token.begin, token.end);
    if (!matches.empty() && matches.back().begin == begin) {
      matches.back().terms |= bit;  // another term of the same word
    } else {
      matches.push_back(Match{begin, end, bit});
    }
  }
  return matches;
}

std::optional<Sentence> BestSentence(std::string_view text, const CodePoints& cps,
                                     const std::vector<Match>& matches, const QueryTerms& query) {
  std::optional<Sentence> best;
  auto consider = [&](size_t first, size_t last) {  // code points [first, last)
    while (first < last && IsSpace(cps.chars[first])) ++first;
    while (last > first && IsSpace(cps.chars[last - 1])) --last;
    const size_t begin = cps.offsets[first];
    const size_t end = cps.offsets[last];
    uint64_t terms = 0;
    for (const Match& m : matches) {
      if (m.begin >= begin && m.begin < end) terms |= m.terms;
    }
    const double score = query.Score(terms);
    if (score > 0 && (!best || score > best->score)) {
      best = Sentence{std::string(text.substr(begin, end - begin)), begin, end, score};
    }
  };
  size_t first = 0;
  const size_t n = cps.chars.size();
  for (size_t i = 0; i < n; ++i) {
    const char32_t c = cps.chars[i];
    const bool terminal =
        c == '.' || c == '!' || c == '?' || c == U'。' || c == U'！' || c == U'？' || c == U'…';
    // "3.5" and "..." inside a sentence do not end it; a newline always does.
    if (c == '\n' || (terminal && (i + 1 == n || IsSpace(cps.chars[i + 1])))) {
      consider(first, i + 1);
      first = i + 1;
    }
  }
  if (first < n) consider(first, n);
  return best;
}

// Appends text to the segments, reading every run of whitespace as one space.
class SegmentWriter {
 public:
  void Write(std::string_view text, bool highlighted) {
    const CodePoints cps = Decode(text);
    for (size_t i = 0; i < cps.chars.size(); ++i) {
      const std::string_view ch = text.substr(cps.offsets[i], cps.offsets[i + 1] - cps.offsets[i]);
      if (IsSpace(cps.chars[i])) {
        pending_space_ = !segments_.empty();
        continue;
      }
      if (pending_space_) Append(" ", segments_.back().highlighted && highlighted);
      pending_space_ = false;
      Append(ch, highlighted);
    }
  }

  std::vector<SnippetSegment> Take() { return std::move(segments_); }

 private:
  void Append(std::string_view s, bool highlighted) {
    if (segments_.empty() || segments_.back().highlighted != highlighted) {
      segments_.push_back(SnippetSegment{std::string(), highlighted});
    }
    segments_.back().text.append(s);
  }

  std::vector<SnippetSegment> segments_;
  bool pending_space_ = false;
};

}  // namespace

Snippet MakeSnippet(std::string_view raw_text, std::string_view query_text, size_t max_chars) {
  const std::string text = ReplaceInvalidUtf8(raw_text);
  const QueryTerms query(query_text);
  const std::vector<Match> matches = FindMatches(text, query);
  const CodePoints cps = Decode(text);
  const size_t n = cps.chars.size();
  const size_t width = std::max<size_t>(max_chars, 1);

  Snippet snippet;
  snippet.best_sentence = BestSentence(text, cps, matches, query);

  auto cp_index = [&](size_t byte) {
    return static_cast<size_t>(std::lower_bound(cps.offsets.begin(), cps.offsets.end(), byte) -
                               cps.offsets.begin());
  };
  // A little context before the first match, starting after a space so no word is cut.
  auto start_before = [&](size_t match) {
    const size_t lead = width / 6;
    if (match <= lead) return size_t{0};
    for (size_t i = match - lead; i < match; ++i) {
      if (IsSpace(cps.chars[i])) return i + 1;
    }
    return match;
  };
  auto end_from = [&](size_t start) {
    size_t end = start + width;
    if (end >= n) return n;
    for (size_t i = end; i > start + width * 2 / 3; --i) {
      if (IsSpace(cps.chars[i])) return i;
    }
    while (end > start + 1 && ContinuesPrevious(cps.chars[end])) --end;
    return end;
  };

  size_t start = 0;
  if (n > width && !matches.empty()) {
    double best_score = -1;
    size_t best_count = 0;
    for (const Match& m : matches) {
      const size_t s = start_before(cp_index(m.begin));
      const size_t window_end = cps.offsets[std::min(n, s + width)];
      uint64_t terms = 0;
      size_t count = 0;
      for (const Match& other : matches) {
        if (other.begin >= cps.offsets[s] && other.end <= window_end) {
          terms |= other.terms;
          ++count;
        }
      }
      const double score = query.Score(terms);
      if (score > best_score || (score == best_score && count > best_count)) {
        best_score = score;
        best_count = count;
        start = s;
      }
    }
  }
  const size_t end = end_from(start);
  const size_t begin_byte = cps.offsets[start];
  const size_t end_byte = cps.offsets[end];

  SegmentWriter writer;
  size_t pos = begin_byte;
  for (const Match& m : matches) {
    const size_t b = std::max(m.begin, pos);
    const size_t e = std::min(m.end, end_byte);
    if (b >= e) continue;
    writer.Write(std::string_view(text).substr(pos, b - pos), false);
    writer.Write(std::string_view(text).substr(b, e - b), true);
    pos = e;
  }
  if (pos < end_byte) writer.Write(std::string_view(text).substr(pos, end_byte - pos), false);
  snippet.segments = writer.Take();

  auto blank = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      if (!IsSpace(cps.chars[i])) return false;
    }
    return true;
  };
  snippet.cut_before = !blank(0, start);
  snippet.cut_after = !blank(end, n);
  return snippet;
}

std::string PlainText(const Snippet& snippet) {
  std::string text = snippet.cut_before ? "…" : "";
  for (const auto& seg : snippet.segments) text += seg.text;
  if (snippet.cut_after) text += "…";
  return text;
}

}  // namespace dadly::search
