#include "ai/ai_provider.h"

#include <algorithm>

#include "ai/local_lexicon.h"
#include "search/analyzer.h"

namespace dadly {

bool AsksInEnglish(std::string_view question) {
  // Hangul compatibility jamo (ㄱ-ㆎ, as in ㅋㅋ) are U+3131-U+318E: E3 84 B1 to E3 86 8E.
  const bool jamo = question.find("\xE3\x84") != std::string_view::npos ||
                    question.find("\xE3\x85") != std::string_view::npos ||
                    question.find("\xE3\x86") != std::string_view::npos;
  const bool latin = std::any_of(question.begin(), question.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  return latin && !jamo && !search::HasHangul(question);
}

std::string NothingFoundAnswer(std::string_view question) {
  return AsksInEnglish(question) ? "No entry seems to be about that."
                                 : "관련된 기록을 찾지 못했어요.";
}

bool IsTopic(std::string_view id) {
  const auto rows = local_ai::TopicRows();
  return std::any_of(rows.begin(), rows.end(),
                     [&](const local_ai::LexiconRow& r) { return id == r.id; });
}

std::string WithheldReplyNotice(std::string_view reply) {
  return AsksInEnglish(reply) ? "This reply quoted an entry you can no longer see, so it is hidden."
                              : "이 답변이 인용한 기록을 이제 볼 수 없어서 답변을 숨겼어요.";
}

}  // namespace dadly
