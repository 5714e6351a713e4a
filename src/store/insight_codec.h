// How both backends keep an insight's lists and an embedding in plain columns: topics as ids
// joined by commas, emotions as name:score pairs, vectors as little-endian float32 bytes.
// Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/insight.h"

namespace dadly {

std::string EncodeTopics(const std::vector<std::string>& topics);
std::vector<std::string> DecodeTopics(std::string_view text);
std::string EncodeEmotions(const std::vector<EmotionScore>& emotions);
// Unknown names are skipped; labels come from Emotions().
std::vector<EmotionScore> DecodeEmotions(std::string_view text);
std::string EncodeVector(const std::vector<float>& vector);
std::vector<float> DecodeVector(std::string_view bytes);

// The insight columns of an entry row (LEFT JOIN insights; `version` null when there is none).
// The encoded lists are only read, during the call to InsightOf.
struct InsightColumns {
  std::optional<int64_t> version;
  std::string status, summary;
  std::string_view topics, emotions;
  std::string language, provider, model, error;
  int64_t updated_at = 0;
};
std::optional<Insight> InsightOf(InsightColumns columns);

}  // namespace dadly
