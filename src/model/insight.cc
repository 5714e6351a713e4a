#include "model/insight.h"

namespace dadly {

const std::vector<EmotionName>& Emotions() {
  static const std::vector<EmotionName> kEmotions = {
      {"joy", "기쁨"},        {"love", "사랑"},  {"gratitude", "감사"}, {"pride", "자부심"},
      {"excitement", "설렘"}, {"calm", "평온"},  {"surprise", "놀람"},  {"worry", "걱정"},
      {"sadness", "슬픔"},    {"anger", "화남"}, {"fear", "두려움"},    {"tiredness", "피곤"},
      {"longing", "그리움"},
  };
  return kEmotions;
}

}  // namespace dadly
