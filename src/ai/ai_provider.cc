#include "ai/ai_provider.h"

#include "search/analyzer.h"

namespace dadly {

std::string NothingFoundAnswer(std::string_view question) {
  return search::HasHangul(question) ? "관련된 기록을 찾지 못했어요."
                                     : "No entry seems to be about that.";
}

}  // namespace dadly
