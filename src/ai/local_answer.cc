// The local provider's extractive answers and chat replies. See AnswerFrom in local_provider.h.
#include "ai/local_provider.h"
#include "core/time.h"
#include "search/analyzer.h"
#include "search/snippet.h"

namespace dadly::local_ai {
namespace {

// The passage's sentence that matched the question best, or the start of the passage.
std::string Quote(const Passage& p, std::string_view question) {
  const search::Snippet snippet = search::MakeSnippet(p.text, question);
  return snippet.best_sentence ? snippet.best_sentence->text : search::PlainText(snippet);
}

}  // namespace

std::string AnswerFrom(std::string_view question, const std::vector<Passage>& passages, bool chat) {
  const bool korean = !AsksInEnglish(question);
  if (passages.empty()) {
    if (chat) {
      return korean ? "그 이야기는 기록에서 찾지 못했어요. 다른 말로 물어봐 주시겠어요?"
                    : "I couldn't find that in your entries. Could you ask another way?";
    }
    return NothingFoundAnswer(question);
  }
  std::string out;
  if (chat) out = korean ? "기록에서 찾은 내용이에요.\n" : "Here is what your entries say.\n";
  for (size_t i = 0; i < passages.size(); ++i) {
    if (i > 0) out += "\n";
    const auto day = ParseDate(passages[i].occurred_at);
    out += (day ? SpokenDate(*day, korean) : passages[i].occurred_at) + " — " +
           Quote(passages[i], question) + " [" + std::to_string(i + 1) + "]";
  }
  return out;
}

}  // namespace dadly::local_ai
