// The local provider's extractive answers and chat replies. See AnswerFrom in local_provider.h.
#include <algorithm>

#include "ai/local_provider.h"
#include "search/snippet.h"

namespace dadly::local_ai {
namespace {

bool HasHangul(std::string_view text) {
  // Hangul syllables are U+AC00..U+D7A3: three-byte sequences led by 0xEA..0xED.
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0xEA && b <= 0xED;
  });
}

// The passage's sentence that matched the question best, or the start of the passage.
std::string Quote(const Passage& p, std::string_view question) {
  const search::Snippet snippet = search::MakeSnippet(p.text, question);
  if (snippet.best_sentence) return snippet.best_sentence->text;
  std::string text;
  for (const auto& seg : snippet.segments) text += seg.text;
  if (snippet.cut_after) text += "…";
  return text;
}

}  // namespace

std::string AnswerFrom(std::string_view question, const std::vector<Passage>& passages, bool chat) {
  const bool korean = HasHangul(question);
  if (passages.empty()) {
    if (chat) {
      return korean ? "그 이야기는 기록에서 찾지 못했어요. 다른 말로 물어봐 주시겠어요?"
                    : "I couldn't find that in your entries. Could you ask another way?";
    }
    return korean ? "관련된 기록을 찾지 못했어요." : "No entry seems to be about that.";
  }
  std::string out;
  if (chat) out = korean ? "기록에서 찾은 내용이에요.\n" : "Here is what your entries say.\n";
  for (size_t i = 0; i < passages.size(); ++i) {
    if (i > 0) out += "\n";
    out += passages[i].occurred_at + " — " + Quote(passages[i], question) + " [" +
           std::to_string(i + 1) + "]";
  }
  return out;
}

}  // namespace dadly::local_ai
