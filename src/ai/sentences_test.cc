#include "ai/sentences.h"

#include <gtest/gtest.h>

#include "core/utf8.h"

namespace dadly {
namespace {

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> out;
  for (const SentenceSpan& s : SplitSentences(text)) {
    out.emplace_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

using Sentences = std::vector<std::string>;

TEST(Sentences, SplitsEnglishAtTerminators) {
  EXPECT_EQ(Split("We went to the park. It rained! Did you see?"),
            (Sentences{"We went to the park.", "It rained!", "Did you see?"}));
  EXPECT_EQ(Split("Wait...what?! \"Really.\" Yes"),
            (Sentences{"Wait...", "what?!", "\"Really.\"", "Yes"}));
}

TEST(Sentences, KeepsNumbersAbbreviationsAndListItemsWhole) {
  EXPECT_EQ(Split("She weighs 3.5 kg now. Mr. Kim came by."),
            (Sentences{"She weighs 3.5 kg now.", "Mr. Kim came by."}));
  EXPECT_EQ(Split("Dr. Lee said e.g. rest. J. K. Rowling!"),
            (Sentences{"Dr. Lee said e.g. rest.", "J. K. Rowling!"}));
  EXPECT_EQ(Split("1. 첫째 날\n2. 둘째 날"), (Sentences{"1. 첫째 날", "2. 둘째 날"}));
}

TEST(Sentences, SplitsKorean) {
  EXPECT_EQ(Split("오늘 공원에 갔다. 민준이가 자전거를 탔다!"),
            (Sentences{"오늘 공원에 갔다.", "민준이가 자전거를 탔다!"}));
  // Casual Korean ends sentences with ~, ㅋㅋ or ㅠㅠ instead of a period.
  EXPECT_EQ(Split("너무 재밌었어요~ 다음에 또 가요ㅋㅋ 아쉽다ㅠㅠ 끝"),
            (Sentences{"너무 재밌었어요~", "다음에 또 가요ㅋㅋ", "아쉽다ㅠㅠ", "끝"}));
  EXPECT_EQ(Split("비가 왔다.그래서 집에 있었다…"),
            (Sentences{"비가 왔다.", "그래서 집에 있었다…"}));
  // 다 inside a sentence (다가, 다 먹었다) is not an end.
  EXPECT_EQ(Split("밥을 다 먹었다가 또 먹었다"), (Sentences{"밥을 다 먹었다가 또 먹었다"}));
}

TEST(Sentences, LineBreaksEndSentencesAndMarkdownIsTrimmed) {
  EXPECT_EQ(Split("# 첫 눈\n\n- 눈사람을 만들었다\n  * 장갑이 젖었다  \r\n---\n"),
            (Sentences{"첫 눈", "눈사람을 만들었다", "장갑이 젖었다"}));
  EXPECT_TRUE(SplitSentences("").empty());
  EXPECT_TRUE(SplitSentences("  \n !! … \n").empty());
}

TEST(Sentences, SpansPointIntoTheText) {
  const std::string text = "  하나. 둘!";
  const auto spans = SplitSentences(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(text.substr(spans[0].begin, spans[0].end - spans[0].begin), "하나.");
  EXPECT_EQ(spans[1].end, text.size());
}

TEST(Sentences, InvalidUtf8IsCarriedNotSplit) {
  EXPECT_EQ(Split("ab\xff cd. ef"), (Sentences{"ab\xff cd.", "ef"}));
}

TEST(Sentences, ClipKeepsShortTextAndCutsLongTextOnCodePoints) {
  EXPECT_EQ(ClipText("짧은 글", 10), "짧은 글");
  const std::string long_ko = "가나다라마바사아자차카타파하 가나다라마바사아자차카타파하";
  for (size_t limit : {1u, 5u, 14u, 16u, 20u}) {
    const std::string clipped = ClipText(long_ko, limit);
    EXPECT_TRUE(IsValidUtf8(clipped)) << limit;
    EXPECT_LE(CodePointCount(clipped), limit) << limit;
    EXPECT_TRUE(clipped.ends_with("\u2026")) << limit;
  }
  // A space near the end is preferred to halving a word.
  EXPECT_EQ(ClipText("one two three four", 12), "one two…");
  EXPECT_EQ(ClipText("abc", 0), "");
}

}  // namespace
}  // namespace dadly
