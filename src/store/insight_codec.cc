#include "store/insight_codec.h"

#include <charconv>
#include <cstring>

namespace dadly {
namespace {

// Calls `each` with every non-empty part of `text` between separators.
template <typename F>
void ForEachPart(std::string_view text, char sep, F each) {
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find(sep, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) each(text.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace

std::string EncodeTopics(const std::vector<std::string>& topics) {
  std::string out;
  for (const auto& t : topics) {
    if (t.empty() || t.find(',') != std::string::npos) continue;  // ids never hold commas
    if (!out.empty()) out += ',';
    out += t;
  }
  return out;
}

std::vector<std::string> DecodeTopics(std::string_view text) {
  std::vector<std::string> out;
  ForEachPart(text, ',', [&out](std::string_view t) { out.emplace_back(t); });
  return out;
}

std::string EncodeEmotions(const std::vector<EmotionScore>& emotions) {
  std::string out;
  for (const auto& e : emotions) {
    if (!FindEmotion(e.name)) continue;
    char score[16];
    auto [end, ec] =
        std::to_chars(score, score + sizeof score, e.score, std::chars_format::fixed, 3);
    if (ec != std::errc()) continue;
    if (!out.empty()) out += ',';
    out += e.name + ":" + std::string(score, end);
  }
  return out;
}

std::vector<EmotionScore> DecodeEmotions(std::string_view text) {
  std::vector<EmotionScore> out;
  ForEachPart(text, ',', [&out](std::string_view pair) {
    const auto colon = pair.find(':');
    if (colon == std::string_view::npos) return;
    const EmotionName* known = FindEmotion(pair.substr(0, colon));
    if (!known) return;
    double score = 0;
    const auto value = pair.substr(colon + 1);
    if (std::from_chars(value.data(), value.data() + value.size(), score).ec != std::errc()) {
      return;
    }
    out.push_back(EmotionScore{known->name, known->label_ko, score});
  });
  return out;
}

std::string EncodeVector(const std::vector<float>& vector) {
  static_assert(sizeof(float) == 4);
  std::string out(vector.size() * 4, '\0');
  for (size_t i = 0; i < vector.size(); ++i) {
    uint32_t bits;
    std::memcpy(&bits, &vector[i], 4);
    for (int b = 0; b < 4; ++b) out[i * 4 + b] = static_cast<char>((bits >> (8 * b)) & 0xff);
  }
  return out;
}

std::vector<float> DecodeVector(std::string_view bytes) {
  std::vector<float> out(bytes.size() / 4);
  for (size_t i = 0; i < out.size(); ++i) {
    uint32_t bits = 0;
    for (int b = 0; b < 4; ++b) {
      bits |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i * 4 + b])) << (8 * b);
    }
    std::memcpy(&out[i], &bits, 4);
  }
  return out;
}

std::optional<Insight> InsightOf(InsightColumns c) {
  if (!c.version) return std::nullopt;
  Insight i;
  i.version = *c.version;
  i.status = std::move(c.status);
  i.analysis.summary = std::move(c.summary);
  i.analysis.topics = DecodeTopics(c.topics);
  i.analysis.emotions = DecodeEmotions(c.emotions);
  i.analysis.language = std::move(c.language);
  i.provider = std::move(c.provider);
  i.model = std::move(c.model);
  i.error = std::move(c.error);
  i.updated_at = c.updated_at;
  return i;
}

}  // namespace dadly
