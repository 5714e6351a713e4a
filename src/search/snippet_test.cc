#include "search/snippet.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/utf8.h"

namespace dadly::search {
namespace {

std::vector<std::string> Highlighted(const Snippet& s) {
  std::vector<std::string> marked;
  for (const SnippetSegment& seg : s.segments) {
    if (seg.highlighted) marked.push_back(seg.text);
  }
  return marked;
}

std::string Joined(const Snippet& s) {
  std::string text;
  for (const SnippetSegment& seg : s.segments) text += seg.text;
  return text;
}

TEST(Snippet, MarksMatchedKoreanWords) {
  const Snippet s = MakeSnippet("어제 자전거를 탔다. 오늘은 비가 왔다.", "자전거 타기");
  EXPECT_EQ(Joined(s), "어제 자전거를 탔다. 오늘은 비가 왔다.");
  EXPECT_EQ(Highlighted(s), (std::vector<std::string>{"자전거를"}));
  EXPECT_FALSE(s.cut_before);
  EXPECT_FALSE(s.cut_after);
  ASSERT_TRUE(s.best_sentence.has_value());
  EXPECT_EQ(s.best_sentence->text, "어제 자전거를 탔다.");
  EXPECT_EQ(s.best_sentence->begin, 0u);
}

TEST(Snippet, MarksWordsAsWrittenAndSharesStems) {
  const Snippet s = MakeSnippet("We went Riding in the park. Then ice cream!", "ride");
  EXPECT_EQ(Highlighted(s), (std::vector<std::string>{"Riding"}));
  const Snippet t = MakeSnippet("공원에서 탔다. 그리고 타고 왔다", "타고");
  EXPECT_EQ(Highlighted(t), (std::vector<std::string>{"탔다", "타고"}));
}

TEST(Snippet, SegmentsAlternateAndWhitespaceCollapses) {
  const Snippet s = MakeSnippet("  bike\n\n  bike ride\tand   more  ", "bike ride");
  EXPECT_EQ(Joined(s), "bike bike ride and more");
  ASSERT_EQ(s.segments.size(), 2u);
  EXPECT_TRUE(s.segments[0].highlighted);
  EXPECT_EQ(s.segments[0].text, "bike bike ride");
  EXPECT_FALSE(s.segments[1].highlighted);
  for (size_t i = 1; i < s.segments.size(); ++i) {
    EXPECT_NE(s.segments[i].highlighted, s.segments[i - 1].highlighted);
  }
}

TEST(Snippet, PicksTheWindowWithTheMatches) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "평범한 하루였다. ";
  text += "오늘 처음으로 바다에서 수영을 했다. ";
  for (int i = 0; i < 40; ++i) text += "평범한 하루였다. ";
  const Snippet s = MakeSnippet(text, "수영 바다");
  EXPECT_TRUE(s.cut_before);
  EXPECT_TRUE(s.cut_after);
  // Neighbouring matches share one highlighted segment.
  EXPECT_EQ(Highlighted(s), (std::vector<std::string>{"바다에서 수영을"}));
  EXPECT_LE(CodePointCount(Joined(s)), kSnippetChars);
  ASSERT_TRUE(s.best_sentence.has_value());
  EXPECT_EQ(s.best_sentence->text, "오늘 처음으로 바다에서 수영을 했다.");
  EXPECT_EQ(text.substr(s.best_sentence->begin, s.best_sentence->end - s.best_sentence->begin),
            s.best_sentence->text);
}

TEST(Snippet, NeverSplitsAMultibyteCharacter) {
  std::string text;  // no spaces at all, so every cut falls between characters
  for (int i = 0; i < 100; ++i) text += "가나다라마바사🚲é";
  text += "자전거";
  for (int i = 0; i < 100; ++i) text += "아자차카타파하";
  for (size_t width : {1, 2, 3, 7, 50, 120}) {
    const Snippet s = MakeSnippet(text, "자전거", width);
    for (const SnippetSegment& seg : s.segments) {
      EXPECT_TRUE(IsValidUtf8(seg.text)) << width;
      EXPECT_FALSE(seg.text.empty());
    }
    EXPECT_LE(CodePointCount(Joined(s)), width);
  }
  const Snippet s = MakeSnippet(text, "없는말");
  EXPECT_TRUE(IsValidUtf8(Joined(s)));
  EXPECT_TRUE(Highlighted(s).empty());
  EXPECT_FALSE(s.best_sentence.has_value());
}

TEST(Snippet, KeepsDecomposedTextIntact) {
  // "자전거를 탔다" as its jamo, as macOS sometimes stores Korean.
  const std::string nfd =
      "\u110c\u1161\u110c\u1165\u11ab\u1100\u1165\u1105\u1173\u11af \u1110\u1161\u11bb\u1103\u1161";
  const Snippet s = MakeSnippet(nfd, "자전거");
  EXPECT_EQ(Joined(s), nfd);
  EXPECT_EQ(
      Highlighted(s),
      (std::vector<std::string>{"\u110c\u1161\u110c\u1165\u11ab\u1100\u1165\u1105\u1173\u11af"}));
  // A window too short for the word ends between syllables, not between jamo.
  const Snippet cut = MakeSnippet(nfd, "자전거", 3);
  EXPECT_EQ(Joined(cut), "\u110c\u1161");
}

TEST(Snippet, WithoutMatchesShowsTheStart) {
  const Snippet s = MakeSnippet("짧은 글", "바다");
  EXPECT_EQ(Joined(s), "짧은 글");
  EXPECT_TRUE(Highlighted(s).empty());
  EXPECT_TRUE(MakeSnippet("", "바다").segments.empty());
  EXPECT_TRUE(MakeSnippet("   ", "바다").segments.empty());
}

TEST(Snippet, ReplacesInvalidUtf8) {
  const Snippet s = MakeSnippet("bike\xff ride", "bike");
  EXPECT_TRUE(IsValidUtf8(Joined(s)));
  EXPECT_EQ(Highlighted(s), (std::vector<std::string>{"bike"}));
}

}  // namespace
}  // namespace dadly::search
