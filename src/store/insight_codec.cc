#include "store/insight_codec.h"

#include <charconv>
#include <cstring>

namespace dadly {
namespace {

std::vector<std::string_view> Split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find(sep, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
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
  for (auto t : Split(text, ',')) out.emplace_back(t);
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
  for (auto pair : Split(text, ',')) {
    const auto colon = pair.find(':');
    if (colon == std::string_view::npos) continue;
    const EmotionName* known = FindEmotion(pair.substr(0, colon));
    if (!known) continue;
    double score = 0;
    const auto value = pair.substr(colon + 1);
    if (std::from_chars(value.data(), value.data() + value.size(), score).ec != std::errc()) {
      continue;
    }
    out.push_back(EmotionScore{known->name, known->label_ko, score});
  }
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

std::optional<Insight> InsightOf(const InsightColumns& c) {
  if (!c.version) return std::nullopt;
  Insight i;
  i.version = *c.version;
  i.status = c.status;
  i.analysis.summary = c.summary;
  i.analysis.topics = DecodeTopics(c.topics);
  i.analysis.emotions = DecodeEmotions(c.emotions);
  i.analysis.language = c.language;
  i.provider = c.provider;
  i.model = c.model;
  i.error = c.error;
  i.updated_at = c.updated_at;
  return i;
}

}  // namespace dadly
