// Emotion scoring of the local AI provider: finds the emotion lexicon's cues in an entry's
// sentences and weighs them by negation and intensifiers (rules: AnalyseEntry in
// local_provider.h).
//
// Thread safety: an EmotionTally is a value for one entry, used by one thread; distinct tallies
// may be used from many threads at once.
#pragma once

#include <string_view>
#include <vector>

#include "ai/local_lexicon.h"
#include "model/insight.h"

namespace dadly::local_ai {

class EmotionTally {
 public:
  EmotionTally();

  // Adds the cues of one sentence: its words and the normalized text their offsets point into
  // (punctuation between words bounds the negation and intensifier windows). Returns how many
  // cues the sentence held, negated ones included.
  int AddSentence(const std::vector<Word>& words, std::string_view normalized);

  // Scores in 0..1, only those above 0, strongest first; ties in Emotions() order.
  std::vector<EmotionScore> Scores() const;

 private:
  std::vector<double> raw_;      // by index in Emotions()
  std::vector<int> emotion_of_;  // lexicon row → index in Emotions(), -1 when unknown
  int calm_ = -1;
  int sadness_ = -1;
  int crying_row_ = -1;  // the lexicon's row of tears, which are not an emotion of their own
  double crying_ = 0;    // weight of the tears, sadness when the entry names nothing else
};

}  // namespace dadly::local_ai
