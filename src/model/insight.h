// What Dadly understands of one version of an entry: a summary, topics, emotions and the
// language, made in the background by an AiProvider.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dadly {

// The fixed set of emotions (DESIGN.md), each with its Korean label.
struct EmotionName {
  const char* name;  // joy, love, gratitude, pride, excitement, calm, surprise, worry,
                     // sadness, anger, fear, tiredness, longing
  const char* label_ko;  // 기쁨, 사랑, 감사, 자부심, 설렘, 평온, 놀람, 걱정, 슬픔, 화남, 두려움,
                         // 피곤, 그리움
};
const std::vector<EmotionName>& Emotions();

struct EmotionScore {
  std::string name;  // one of Emotions()
  std::string label_ko;
  double score = 0;  // 0..1
};

// The emotion with this name, or nullptr.
inline const EmotionName* FindEmotion(std::string_view name) {
  for (const auto& e : Emotions()) {
    if (name == e.name) return &e;
  }
  return nullptr;
}

struct Analysis {
  std::string summary;                 // a sentence or two, in the entry's language
  std::vector<std::string> topics;     // normalized topic names, most relevant first, at most 8
  std::vector<EmotionScore> emotions;  // score > 0 only, strongest first
  std::string language;                // "ko", "en", or "mixed"
};

// The insight of one version of an entry, as stored.
struct Insight {
  int64_t version = 0;             // the entry version it was made for
  std::string status = "pending";  // pending | done | failed
  Analysis analysis;               // filled when done
  std::string provider;            // e.g. "local"
  std::string model;
  std::string error;  // why it failed, when it did
  int64_t updated_at = 0;
};

}  // namespace dadly
