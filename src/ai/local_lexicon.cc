#include "ai/local_lexicon.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <unordered_set>
#include <utility>

#include "core/text.h"

namespace dadly::local_ai {
namespace {

constexpr size_t kSyllableBytes = 3;  // every precomposed Hangul syllable is 3 bytes of UTF-8

// The Hangul syllable that ends at `end` in `s`, or 0 when there is none.
char32_t SyllableBefore(std::string_view s, size_t end) {
  if (end < kSyllableBytes) return 0;
  const auto b0 = static_cast<unsigned char>(s[end - 3]);
  const auto b1 = static_cast<unsigned char>(s[end - 2]);
  const auto b2 = static_cast<unsigned char>(s[end - 1]);
  if ((b0 & 0xf0) != 0xe0 || (b1 & 0xc0) != 0x80 || (b2 & 0xc0) != 0x80) return 0;
  const char32_t c = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
  return search::IsHangulSyllable(c) ? c : 0;
}

// Korean particles pick their form by whether the noun ends in a final consonant (batchim):
// 책을 but 자전거를, 동생이랑 but 아이랑. Checking it keeps 아이 (child) from losing its 이.
enum class After { kAny, kBatchim, kNoBatchim, kNoBatchimOrRieul };
struct Particle {
  std::string_view text;
  After after;
};
// Longest first, so 에서는 is taken before 는.
constexpr Particle kParticles[] = {
    {"에서는", After::kAny},
    {"에서도", After::kAny},
    {"에게서", After::kAny},
    {"한테서", After::kAny},
    {"까지는", After::kAny},
    {"부터는", After::kAny},
    {"으로는", After::kBatchim},
    {"으로도", After::kBatchim},
    {"이랑은", After::kBatchim},
    {"에서", After::kAny},
    {"에게", After::kAny},
    {"한테", After::kAny},
    {"께서", After::kAny},
    {"까지", After::kAny},
    {"부터", After::kAny},
    {"하고", After::kAny},
    {"처럼", After::kAny},
    {"보다", After::kAny},
    {"마다", After::kAny},
    {"만큼", After::kAny},
    {"에는", After::kAny},
    {"에도", After::kAny},
    {"으로", After::kBatchim},
    {"이랑", After::kBatchim},
    {"이나", After::kBatchim},
    {"이도", After::kBatchim},
    {"로는", After::kNoBatchimOrRieul},
    {"로도", After::kNoBatchimOrRieul},
    {"랑은", After::kNoBatchim},
    {"은", After::kBatchim},
    {"을", After::kBatchim},
    {"이", After::kBatchim},
    {"과", After::kBatchim},
    {"는", After::kNoBatchim},
    {"를", After::kNoBatchim},
    {"가", After::kNoBatchim},
    {"와", After::kNoBatchim},
    {"랑", After::kNoBatchim},
    {"로", After::kNoBatchimOrRieul},
    {"에", After::kAny},
    {"도", After::kAny},
    {"만", After::kAny},
    {"의", After::kAny},
    {"께", After::kAny},
};

bool Allows(After after, std::string_view stem) {
  if (after == After::kAny) return true;
  const char32_t last = SyllableBefore(stem, stem.size());
  if (last == 0) return after == After::kNoBatchim || after == After::kNoBatchimOrRieul;
  const int batchim = static_cast<int>((last - 0xac00) % 28);
  switch (after) {
    case After::kBatchim:
      return batchim != 0;
    case After::kNoBatchim:
      return batchim == 0;
    case After::kNoBatchimOrRieul:
      return batchim == 0 || batchim == 8;  // ㄹ: 교실로, 지하철로
    case After::kAny:
      break;
  }
  return true;
}

size_t FirstCodePointSize(std::string_view s) {
  if (s.empty()) return 0;
  const auto b = static_cast<unsigned char>(s[0]);
  const size_t n = b < 0x80 ? 1 : (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : 4;
  return std::min(n, s.size());
}

}  // namespace

std::string_view StripParticle(std::string_view word) {
  if (SyllableBefore(word, word.size()) == 0) return word;
  for (const Particle& p : kParticles) {
    if (word.size() <= p.text.size() || !word.ends_with(p.text)) continue;
    const std::string_view stem = word.substr(0, word.size() - p.text.size());
    if (Allows(p.after, stem)) return stem;
  }
  return word;
}

namespace {

// Korean compounds put their head noun last (두발자전거 is a kind of 자전거, 수영장 of 장): a
// Hangul form of three or more syllables also offers its endings of two syllables or more as
// forms, so 두발자전거를 finds 자전거. One-syllable endings are left out (비행기 is not 기).
void AddCompoundHeads(Word& w) {
  const size_t existing = w.forms.size();
  for (size_t f = 0; f < existing; ++f) {
    const std::string form = w.forms[f];
    // Precomposed Hangul syllables take three bytes each in UTF-8.
    if (form.size() < 9 || form.size() % 3 != 0) continue;
    bool hangul = true;
    for (size_t i = 0; i < form.size() && hangul; i += 3) {
      const auto b = [&](size_t k) { return static_cast<char32_t>(form[i + k] & 0x3F); };
      const char32_t lead = static_cast<unsigned char>(form[i]);
      hangul = (lead & 0xF0) == 0xE0 &&
               search::IsHangulSyllable(((lead & 0x0F) << 12) | (b(1) << 6) | b(2));
    }
    if (!hangul) continue;
    for (size_t start = 3; start + 6 <= form.size(); start += 3) {
      std::string head = form.substr(start);
      if (std::find(w.forms.begin(), w.forms.end(), head) == w.forms.end()) {
        w.forms.push_back(std::move(head));
      }
    }
  }
}

}  // namespace

std::vector<Word> WordsOf(std::string_view normalized, const std::vector<search::Token>& tokens) {
  std::vector<Word> words;
  for (const search::Token& t : tokens) {
    if (t.kind != search::Token::Kind::kWord || t.end > normalized.size() || t.begin >= t.end) {
      continue;
    }
    if (words.empty() || words.back().begin != t.begin || words.back().end != t.end) {
      Word w;
      w.surface = std::string(normalized.substr(t.begin, t.end - t.begin));
      w.forms.push_back(w.surface);
      w.begin = t.begin;
      w.end = t.end;
      words.push_back(std::move(w));
    }
    std::vector<std::string>& forms = words.back().forms;
    if (std::find(forms.begin(), forms.end(), t.term) == forms.end()) forms.push_back(t.term);
  }
  for (Word& w : words) {
    const std::string_view stripped = StripParticle(w.surface);
    if (std::find(w.forms.begin(), w.forms.end(), stripped) == w.forms.end()) {
      w.forms.emplace_back(stripped);
    }
    AddCompoundHeads(w);
  }
  return words;
}

Lexicon::Lexicon(std::span<const LexiconRow> rows) {
  for (const LexiconRow& row : rows) {
    const int index = static_cast<int>(ids_.size());
    ids_.emplace_back(row.id);
    std::string_view rest = row.triggers;
    while (!rest.empty()) {
      const size_t bar = rest.find('|');
      std::string_view alt = TrimSpace(rest.substr(0, bar));
      rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
      Alternative a;
      a.row = index;
      if (alt.starts_with('!')) {
        a.exception = true;
        alt.remove_prefix(1);
      }
      if (const size_t at = alt.rfind('@'); at != std::string_view::npos) {
        a.weight = std::strtod(std::string(alt.substr(at + 1)).c_str(), nullptr);
        alt = TrimSpace(alt.substr(0, at));
      }
      while (!alt.empty()) {
        const size_t space = alt.find(' ');
        std::string_view part = alt.substr(0, space);
        alt = space == std::string_view::npos ? std::string_view() : TrimSpace(alt.substr(space));
        Part p;
        p.prefix = part.ends_with('*');
        if (p.prefix) part.remove_suffix(1);
        p.text = std::string(part);
        if (!p.text.empty()) a.parts.push_back(std::move(p));
      }
      if (a.parts.empty()) continue;
      const Part& first = a.parts.front();
      const std::string key =
          first.prefix ? first.text.substr(0, FirstCodePointSize(first.text)) : first.text;
      (first.prefix ? by_first_char_ : by_exact_)[key].push_back(alternatives_.size());
      alternatives_.push_back(std::move(a));
    }
  }
}

bool Lexicon::PartMatches(const Part& part, const Word& word) const {
  for (const std::string& form : word.forms) {
    if (part.prefix ? std::string_view(form).starts_with(part.text) : form == part.text) {
      return true;
    }
  }
  return false;
}

std::vector<Lexicon::Match> Lexicon::Find(const std::vector<Word>& words) const {
  std::vector<Match> out;
  std::vector<size_t> candidates;
  std::map<int, Match> best;  // by row, so matches at one word come out in lexicon order
  std::vector<int> excepted;
  for (size_t i = 0; i < words.size(); ++i) {
    candidates.clear();
    for (const std::string& form : words[i].forms) {
      if (auto it = by_exact_.find(form); it != by_exact_.end()) {
        candidates.insert(candidates.end(), it->second.begin(), it->second.end());
      }
      const std::string first = form.substr(0, FirstCodePointSize(form));
      if (auto it = by_first_char_.find(first); it != by_first_char_.end()) {
        candidates.insert(candidates.end(), it->second.begin(), it->second.end());
      }
    }
    if (candidates.empty()) continue;
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    best.clear();
    excepted.clear();
    for (size_t c : candidates) {
      const Alternative& a = alternatives_[c];
      if (i + a.parts.size() > words.size()) continue;
      bool all = true;
      for (size_t k = 0; k < a.parts.size() && all; ++k) {
        all = PartMatches(a.parts[k], words[i + k]);
      }
      if (!all) continue;
      if (a.exception) {
        excepted.push_back(a.row);
        continue;
      }
      const Match m{a.row, i, a.parts.size(), a.weight};
      auto [it, inserted] = best.emplace(a.row, m);
      if (!inserted && (m.weight > it->second.weight ||
                        (m.weight == it->second.weight && m.word_count > it->second.word_count))) {
        it->second = m;
      }
    }
    for (const auto& [row, m] : best) {
      if (std::find(excepted.begin(), excepted.end(), row) == excepted.end()) out.push_back(m);
    }
  }
  return out;
}

const Lexicon& TopicLexicon() {
  static const Lexicon lexicon(TopicRows());
  return lexicon;
}

const Lexicon& EmotionLexicon() {
  static const Lexicon lexicon(EmotionRows());
  return lexicon;
}

const Lexicon& ConceptLexicon() {
  static const Lexicon lexicon(ConceptRows());
  return lexicon;
}

namespace {

using WordSet = std::unordered_set<std::string_view>;

const WordSet& Stopwords() {
  static const WordSet kWords = {
      // Korean: time words, conjunctions, pronouns, light verbs and adverbs that every entry has.
      "오늘", "어제", "내일", "그리고", "그래서", "그런데", "근데", "하지만", "그러나", "그래도",
      "그러다", "그러더니", "너무", "정말", "진짜", "아주", "매우", "엄청", "우리", "나", "내",
      "저", "제", "나도", "그", "이", "저", "것", "거", "수", "좀", "더", "또", "다", "안", "못",
      "그냥", "많이", "함께", "같이", "때", "때문에", "다시", "이제", "벌써", "아직", "조금", "잘",
      "정도", "한", "두", "했다", "했어", "했고", "했는데", "했어요", "해서", "하고", "하는",
      "하며", "했다가", "있었다", "있다", "있는", "있어", "있었는데", "없다", "된", "됐다",
      "되었다", "같다", "같은", "보니", "지금", "모두", "아주", "참", "그날", "이날",
      // English function words.
      "a", "an", "the", "and", "or", "but", "so", "to", "of", "in", "on", "at", "for", "with", "by",
      "from", "as", "is", "was", "were", "are", "be", "been", "am", "i", "me", "my", "we", "our",
      "us", "you", "your", "he", "him", "his", "she", "her", "they", "them", "their", "it", "its",
      "this", "that", "these", "those", "there", "here", "then", "than", "too", "very", "really",
      "just", "not", "no", "do", "did", "does", "have", "has", "had", "will", "would", "can",
      "could", "about", "into", "after", "before", "up", "down", "out", "again", "when", "while",
      "what", "which", "who", "how", "all", "some", "more", "much", "also", "only", "even", "still",
      "today", "yesterday", "got", "get", "went", "go", "s", "t"};
  return kWords;
}

}  // namespace

bool IsStopword(std::string_view form) { return Stopwords().contains(form); }

bool IsIntensifier(std::string_view surface) {
  static const WordSet kWords = {
      "너무",     "너무너무",   "넘",       "정말",       "정말로",     "진짜",
      "진짜로",   "엄청",       "엄청나게", "아주",       "매우",       "무척",
      "몹시",     "굉장히",     "완전",     "되게",       "참",         "대단히",
      "많이",     "제일",       "so",       "very",       "really",     "extremely",
      "super",    "incredibly", "truly",    "totally",    "absolutely", "awfully",
      "terribly", "deeply",     "utterly",  "completely", "such",       "too"};
  return kWords.contains(surface);
}

bool IsEnglishNegator(std::string_view surface) {
  // The analyzer keeps a contraction whole ("didn't"); people also type it without the apostrophe.
  static const WordSet kWords = {
      "not",      "never",    "no",     "without", "hardly",  "nor",     "neither", "don't",
      "didn't",   "wasn't",   "isn't",  "aren't",  "weren't", "doesn't", "won't",   "can't",
      "couldn't", "wouldn't", "hasn't", "haven't", "hadn't",  "don’t",   "didn’t",  "wasn’t",
      "isn’t",    "dont",     "didnt",  "wasnt",   "isnt",    "cant",    "doesnt",  "wouldnt"};
  return kWords.contains(surface);
}

bool IsKoreanNegator(std::string_view surface) {
  return surface == "안" || surface == "못" || surface == "전혀안" || surface == "별로안";
}

}  // namespace dadly::local_ai
