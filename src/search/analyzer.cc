#include "search/analyzer.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>

#include "core/utf8.h"
#include "search/english_stem.h"

namespace dadly::search {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

void AppendUtf8(std::string& out, char32_t c) {
  utf8proc_uint8_t buf[4];
  const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

// Decodes the code point at s[i] of well-formed UTF-8 and returns its length in bytes.
size_t Decode(std::string_view s, size_t i, char32_t& c) {
  const auto b = static_cast<uint8_t>(s[i]);
  size_t len = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
  if (i + len > s.size()) len = s.size() - i;
  static constexpr uint8_t kLeadMask[] = {0, 0x7f, 0x1f, 0x0f, 0x07};
  c = b & kLeadMask[len];
  for (size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<uint8_t>(s[i + k]) & 0x3f);
  return len;
}

// Replaces every byte that does not start a well-formed sequence with U+FFFD, so that utf8proc
// (which rejects the whole string otherwise) and Decode() can trust their input.
std::string Sanitize(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<uint8_t>(s[i]);
    const size_t len = b < 0x80 ? 1 : (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : 4;
    if (len <= s.size() - i && IsValidUtf8(s.substr(i, len))) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      AppendUtf8(out, kReplacement);
      ++i;
    }
  }
  return out;
}

enum class CharClass { kSeparator, kHangul, kJamo, kCjk, kDigit, kLetter, kMark };

bool InRange(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

CharClass Classify(char32_t c) {
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::kLetter;
    if (c >= '0' && c <= '9') return CharClass::kDigit;
    return CharClass::kSeparator;
  }
  if (IsHangulSyllable(c)) return CharClass::kHangul;
  if (InRange(c, 0x1100, 0x11ff) || InRange(c, 0x3130, 0x318f) || InRange(c, 0xa960, 0xa97f) ||
      InRange(c, 0xd7b0, 0xd7ff) || InRange(c, 0xffa0, 0xffdc)) {
    return CharClass::kJamo;
  }
  if (InRange(c, 0x3040, 0x30ff) || InRange(c, 0x31f0, 0x31ff) || InRange(c, 0x3400, 0x4dbf) ||
      InRange(c, 0x4e00, 0x9fff) || InRange(c, 0xf900, 0xfaff) || InRange(c, 0x20000, 0x3134f)) {
    return CharClass::kCjk;
  }
  const utf8proc_category_t cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) || cat == UTF8PROC_CATEGORY_NL) {
    return CharClass::kLetter;
  }
  if (cat == UTF8PROC_CATEGORY_ND) return CharClass::kDigit;
  if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) return CharClass::kMark;
  return CharClass::kSeparator;
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

bool IsLatinScript(std::string_view word) {
  size_t i = 0;
  while (i < word.size()) {
    char32_t c;
    i += Decode(word, i, c);
    if (c >= 0x80 && !InRange(c, 0xc0, 0x24f) && !InRange(c, 0x1e00, 0x1eff) &&
        Classify(c) != CharClass::kMark) {
      return false;
    }
  }
  return true;
}

// --- Hangul ------------------------------------------------------------------------------------

// What the stem's last syllable must look like for a suffix to be the particle or ending it seems
// to be: 을/이/과/으로 follow a final consonant, 를/가/와/로 a vowel. The check is what keeps
// 사과 (apple), 오이 and 아이랑 whole.
enum class Needs { kAny, kConsonant, kVowel, kVowelOrRieul, kConsonantNotRieul };

// Particles, copulas and common verb endings, grouped by what must precede them. Deliberately
// missing: endings that are also the last syllable of everyday nouns (게 as in 가게, 지 as in
// 아버지, 해 as in 올해, 면 as in 라면).
struct SuffixGroup {
  Needs needs;
  std::string_view suffixes;  // space-separated
};
constexpr SuffixGroup kSuffixGroups[] = {
    {Needs::kConsonant,
     "이 은 을 과 이랑 아 어 이야 이나 이라도 과는 과도 은요 이다 이에요 이었다 이었어요 이고 "
     "이라서 이라고 이라는 이지만 이죠 이네요 은데 으니까 으면 으며 습니다"},
    {Needs::kVowel, "가 를 와 랑 야 나 라도 와는 와도 예요 였다 였어요 라서 라고 라는 니까"},
    {Needs::kConsonantNotRieul, "으로 으로서 으로써 으로는 으로도"},
    {Needs::kVowelOrRieul, "로 로서 로써 로는 로도"},
    {Needs::kAny,
     // particles that follow anything
     "는 의 에 에서 에게 에게서 께 께서 한테 한테서 하고 도 만 까지 부터 처럼 보다 마다 만큼 "
     "밖에 조차 마저 같이 에는 에도 에서는 에서도 에게는 에게도 까지는 까지도 부터는 는요 입니다 "
     // verb and adjective endings, with the past tense and 하다 forms people write most
     "다 요 고 서 는데 지만 어서 아서 해서 어요 아요 해요 었다 았다 했다 었어 았어 했어 었어요 "
     "았어요 했어요 었고 았고 했고 었는데 았는데 했는데 었지만 았지만 했지만 었던 았던 했던 던 "
     "었습니다 았습니다 했습니다 겠다 겠어요 네요 군요 구나 죠 지요 잖아 잖아요 거든요 하다 하는 "
     "한 하면 합니다"},
};

std::optional<Needs> LookUpSuffix(std::string_view suffix) {
  static const auto* const kSuffixes = [] {
    auto* map = new std::unordered_map<std::string_view, Needs>();
    for (const SuffixGroup& group : kSuffixGroups) {
      std::string_view rest = group.suffixes;
      while (!rest.empty()) {
        const size_t space = rest.find(' ');
        map->emplace(rest.substr(0, space), group.needs);
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      }
    }
    return map;
  }();
  const auto it = kSuffixes->find(suffix);
  if (it == kSuffixes->end()) return std::nullopt;
  return it->second;
}

constexpr size_t kMaxSuffixSyllables = 4;

constexpr size_t kSyllableBytes = 3;  // every precomposed syllable is three bytes in UTF-8

char32_t SyllableAt(std::string_view word, size_t index) {
  char32_t c;
  Decode(word, index * kSyllableBytes, c);
  return c;
}

int FinalConsonant(char32_t syllable) { return static_cast<int>((syllable - 0xac00) % 28); }

bool Allows(Needs needs, char32_t last_syllable) {
  constexpr int kRieul = 8;
  const int final = FinalConsonant(last_syllable);
  switch (needs) {
    case Needs::kAny:
      return true;
    case Needs::kConsonant:
      return final != 0;
    case Needs::kVowel:
      return final == 0;
    case Needs::kVowelOrRieul:
      return final == 0 || final == kRieul;
    case Needs::kConsonantNotRieul:
      return final != 0 && final != kRieul;
  }
  return false;
}

// The word without its longest known particle or ending, or "" when none applies. At least one
// syllable always remains.
std::string StripKoreanSuffix(std::string_view word) {
  const size_t syllables = word.size() / kSyllableBytes;
  for (size_t len = std::min(syllables - 1, kMaxSuffixSyllables); len >= 1; --len) {
    const size_t stem_len = syllables - len;
    const auto needs = LookUpSuffix(word.substr(stem_len * kSyllableBytes));
    if (!needs || !Allows(*needs, SyllableAt(word, stem_len - 1))) continue;
    std::string stem(word.substr(0, stem_len * kSyllableBytes));
    // Tense markers left in front of the ending ("먹었" + "고", "가겠" + "다") go too.
    while (stem.size() > kSyllableBytes) {
      const std::string_view tail = std::string_view(stem).substr(stem.size() - kSyllableBytes);
      if (tail != "었" && tail != "았" && tail != "였" && tail != "겠") break;
      stem.resize(stem.size() - kSyllableBytes);
    }
    // A past tense fused into the stem's last syllable ("탔" = 타 + 았, "갔" = 가 + 았) loses its
    // ㅆ so that 탔다 and 타고 share 타; 있 is a verb of its own and keeps it.
    constexpr int kSsangSiot = 20;
    const char32_t last = SyllableAt(stem, stem.size() / kSyllableBytes - 1);
    if (FinalConsonant(last) == kSsangSiot && last != U'있') {
      stem.resize(stem.size() - kSyllableBytes);
      AppendUtf8(stem, last - kSsangSiot);
    }
    return stem;
  }
  return {};
}

// --- Words -------------------------------------------------------------------------------------

class TokenSink {
 public:
  explicit TokenSink(std::vector<Token>& out) : out_(out) {}

  void Emit(std::string term, Token::Kind kind, size_t begin, size_t end) {
    out_.push_back(
        Token{std::move(term), kind, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
  }

  // Adjacent code-point pairs: Hangul syllables, or CJK characters that have no spaces to split.
  void EmitBigrams(std::string_view word, size_t begin, size_t end) {
    size_t prev = 0;
    char32_t c;
    size_t cur = Decode(word, 0, c);
    while (cur < word.size()) {
      const size_t next = cur + Decode(word, cur, c);
      Emit(std::string(word.substr(prev, next - prev)), Token::Kind::kBigram, begin, end);
      prev = cur;
      cur = next;
    }
  }

 private:
  std::vector<Token>& out_;
};

void AnalyzeWord(std::string_view text, size_t begin, size_t end, CharClass cls, TokenSink& sink) {
  const std::string_view word = text.substr(begin, end - begin);
  switch (cls) {
    case CharClass::kHangul: {
      sink.Emit(std::string(word), Token::Kind::kWord, begin, end);
      if (word.size() > kSyllableBytes) {
        if (std::string stem = StripKoreanSuffix(word); !stem.empty()) {
          sink.Emit(std::move(stem), Token::Kind::kWord, begin, end);
        }
      }
      sink.EmitBigrams(word, begin, end);
      return;
    }
    case CharClass::kCjk:
      sink.Emit(std::string(word), Token::Kind::kWord, begin, end);
      sink.EmitBigrams(word, begin, end);
      return;
    case CharClass::kLetter: {
      if (!IsLatinScript(word)) break;
      std::string w;
      w.reserve(word.size());
      size_t i = 0;
      while (i < word.size()) {
        char32_t c;
        const size_t len = Decode(word, i, c);
        // "dad's" is dad; "don't" is "dont", as people also type it.
        if (IsApostrophe(c)) {
          if (word.substr(i + len) == "s") break;
        } else {
          w.append(word.substr(i, len));
        }
        i += len;
      }
      sink.Emit(StemLatin(std::move(w)), Token::Kind::kWord, begin, end);
      return;
    }
    default:
      break;
  }
  sink.Emit(std::string(word), Token::Kind::kWord, begin, end);
}

}  // namespace

bool IsHangulSyllable(char32_t c) { return c >= 0xac00 && c <= 0xd7a3; }

bool HasHangul(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0xEA && b <= 0xED;
  });
}

std::string Normalize(std::string_view text) {
  std::string clean = Sanitize(text);
  bool ascii = true;
  for (char& ch : clean) {
    if (static_cast<uint8_t>(ch) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {  // the common English case needs neither composition nor full case folding
    for (char& ch : clean) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    return clean;
  }
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(clean.data()),
      static_cast<utf8proc_ssize_t>(clean.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
  if (n < 0) return clean;  // only out of memory is possible once the input is well-formed
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
}

std::vector<Token> Analyze(std::string_view text) {
  const std::string norm = Normalize(text);
  std::vector<Token> tokens;
  TokenSink sink(tokens);

  CharClass run = CharClass::kSeparator;
  CharClass before_run = CharClass::kSeparator;  // the run this one touches, if any
  size_t run_begin = 0;
  auto flush = [&](size_t end) {
    if (run == CharClass::kSeparator) return;
    const std::string_view word = std::string_view(norm).substr(run_begin, end - run_begin);
    // "bike를", "BTS가", "5km를": a particle glued to a non-Hangul word is not a word itself.
    const bool glued_particle =
        run == CharClass::kHangul &&
        (before_run == CharClass::kLetter || before_run == CharClass::kDigit) &&
        LookUpSuffix(word).has_value();
    if (!glued_particle) AnalyzeWord(norm, run_begin, end, run, sink);
  };

  size_t i = 0;
  while (i < norm.size()) {
    char32_t c;
    const size_t len = Decode(norm, i, c);
    CharClass cls = Classify(c);
    if (cls == CharClass::kMark && run != CharClass::kSeparator) cls = run;  // stays in the word
    if (cls == CharClass::kMark) cls = CharClass::kSeparator;
    if (IsApostrophe(c) && run == CharClass::kLetter && i + len < norm.size()) {
      char32_t next;
      Decode(norm, i + len, next);
      if (Classify(next) == CharClass::kLetter) cls = CharClass::kLetter;
    }
    if (cls != run) {
      flush(i);
      before_run = run;
      run = cls;
      run_begin = i;
    }
    i += len;
  }
  flush(norm.size());
  return tokens;
}

}  // namespace dadly::search
