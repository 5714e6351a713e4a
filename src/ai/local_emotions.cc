#include "ai/local_emotions.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <string>

namespace dadly::local_ai {
namespace {

constexpr double kIntensifierStep = 0.6;  // 너무 기뻤다 is 1.6× 기뻤다; two intensifiers 2.2×
constexpr int kMaxIntensifiers = 2;
constexpr double kExclamation = 1.15;
constexpr double kNegatedHardToCalm = 0.4;
constexpr double kSaturation = 0.6;           // score = 1 - exp(-kSaturation × total weight)
constexpr size_t kEnglishNegationWindow = 3;  // "not at all scared", "didn't feel scared"

// Feelings whose absence, when a writer says so, tells of ease ("안 무서웠다" → a little calm).
bool IsHard(std::string_view emotion) {
  return emotion == "worry" || emotion == "sadness" || emotion == "anger" || emotion == "fear" ||
         emotion == "tiredness";
}

// Whether anything but whitespace (a comma, a period, a dash) separates two words: negation and
// intensity do not reach across it.
bool Separated(std::string_view normalized, const Word& left, const Word& right) {
  if (right.begin < left.end || right.begin > normalized.size()) return true;
  for (char c : normalized.substr(left.end, right.begin - left.end)) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return true;
  }
  return false;
}

bool IsClauseWord(std::string_view w) {
  return w == "but" || w == "and" || w == "or" || w == "하지만" || w == "그런데" || w == "그래도" ||
         w == "근데";
}

bool StartsWithAny(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [s](std::string_view p) { return s.starts_with(p); });
}

// 안 무서워, 못 즐겼다 (Korean negators sit right before the verb); not scared, never afraid,
// didn't feel scared (English ones a few words before, within the clause).
bool NegatedBefore(const std::vector<Word>& words, std::string_view normalized, size_t first) {
  if (first == 0) return false;
  if (IsKoreanNegator(words[first - 1].surface) &&
      !Separated(normalized, words[first - 1], words[first])) {
    return true;
  }
  for (size_t k = first; k-- > 0 && first - k <= kEnglishNegationWindow;) {
    if (Separated(normalized, words[k], words[k + 1]) || IsClauseWord(words[k].surface)) break;
    if (IsEnglishNegator(words[k].surface)) return true;
  }
  return false;
}

// 무섭지 않았다, 걱정 없이, 걱정은 안 했다, 걱정하지 마, 재미없었다: Korean negates after the cue.
bool NegatedAfter(const std::vector<Word>& words, std::string_view normalized, size_t last) {
  const std::string& cue = words[last].surface;
  // Written together: the negation is inside the cue word itself (skip its first syllable).
  if (cue.size() > 3 &&
      (cue.find("않", 3) != std::string::npos || cue.find("없", 3) != std::string::npos)) {
    return true;
  }
  if (last + 1 >= words.size() || Separated(normalized, words[last], words[last + 1])) {
    return false;
  }
  const std::string& next = words[last + 1].surface;
  if (StartsWithAny(next, {"않", "없"})) return true;
  if (cue.ends_with("지") && StartsWithAny(next, {"못", "마", "말"})) return true;
  if ((next == "안" || next == "못") && last + 2 < words.size() &&
      !Separated(normalized, words[last + 1], words[last + 2]) &&
      StartsWithAny(words[last + 2].surface, {"하", "했", "해", "되", "됐", "돼", "든"})) {
    return true;  // 걱정은 안 했다, 걱정 안 돼
  }
  return false;
}

int IntensifiersBefore(const std::vector<Word>& words, std::string_view normalized, size_t first) {
  int n = 0;
  for (size_t k = first; k-- > 0 && n < kMaxIntensifiers;) {
    if (Separated(normalized, words[k], words[k + 1]) || !IsIntensifier(words[k].surface)) break;
    ++n;
  }
  return n;
}

}  // namespace

EmotionTally::EmotionTally() : raw_(Emotions().size(), 0.0) {
  const Lexicon& lexicon = EmotionLexicon();
  for (int row = 0; row < lexicon.size(); ++row) {
    int index = -1;
    for (size_t e = 0; e < Emotions().size(); ++e) {
      if (lexicon.Id(row) == Emotions()[e].name) index = static_cast<int>(e);
    }
    emotion_of_.push_back(index);
    if (lexicon.Id(row) == "crying") crying_row_ = row;
  }
  for (size_t e = 0; e < Emotions().size(); ++e) {
    if (std::strcmp(Emotions()[e].name, "calm") == 0) calm_ = static_cast<int>(e);
    if (std::strcmp(Emotions()[e].name, "sadness") == 0) sadness_ = static_cast<int>(e);
  }
}

int EmotionTally::AddSentence(const std::vector<Word>& words, std::string_view normalized) {
  const bool exclaimed = normalized.find('!') != std::string_view::npos;
  int cues = 0;
  for (const Lexicon::Match& m : EmotionLexicon().Find(words)) {
    const int emotion = emotion_of_[static_cast<size_t>(m.row)];
    const bool crying = m.row == crying_row_;
    if (emotion < 0 && !crying) continue;
    ++cues;
    const size_t last = m.first_word + m.word_count - 1;
    if (NegatedBefore(words, normalized, m.first_word) || NegatedAfter(words, normalized, last)) {
      if (!crying && IsHard(Emotions()[static_cast<size_t>(emotion)].name) && calm_ >= 0) {
        raw_[static_cast<size_t>(calm_)] += kNegatedHardToCalm * m.weight;
      }
      continue;
    }
    double weight =
        m.weight * (1 + kIntensifierStep * IntensifiersBefore(words, normalized, m.first_word));
    if (exclaimed) weight *= kExclamation;
    (crying ? crying_ : raw_[static_cast<size_t>(emotion)]) += weight;
  }
  return cues;
}

std::vector<EmotionScore> EmotionTally::Scores() const {
  std::vector<double> raw = raw_;
  // Tears the entry explains with another feeling (fear, anger, tiredness, joy...) are that
  // feeling's; only unexplained ones tell of sadness.
  const bool explained = std::any_of(raw.begin(), raw.end(), [](double w) { return w > 0; });
  if (sadness_ >= 0 && (!explained || raw[static_cast<size_t>(sadness_)] > 0)) {
    raw[static_cast<size_t>(sadness_)] += crying_;
  }
  std::vector<EmotionScore> out;
  for (size_t e = 0; e < raw.size(); ++e) {
    // Rounded so that stored insights do not carry float noise into comparisons and snapshots.
    const double score = std::round((1 - std::exp(-kSaturation * raw[e])) * 1000) / 1000;
    if (score > 0) out.push_back({Emotions()[e].name, Emotions()[e].label_ko, score});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const EmotionScore& a, const EmotionScore& b) { return a.score > b.score; });
  return out;
}

}  // namespace dadly::local_ai
