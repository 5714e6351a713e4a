#include "ai/local_provider.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/utf8.h"

namespace dadly {
namespace {

using local_ai::AnalyseEntry;
using local_ai::DetectLanguage;
using local_ai::EmbedText;

double Score(const Analysis& a, std::string_view emotion) {
  for (const EmotionScore& e : a.emotions) {
    if (e.name == emotion) return e.score;
  }
  return 0;
}
double Emotion(std::string_view body, std::string_view emotion) {
  return Score(AnalyseEntry("", body), emotion);
}
bool HasTopic(std::string_view body, std::string_view topic) {
  const Analysis a = AnalyseEntry("", body);
  return std::find(a.topics.begin(), a.topics.end(), topic) != a.topics.end();
}

double Cosine(const std::vector<float>& a, const std::vector<float>& b) {
  double dot = 0;
  for (size_t i = 0; i < a.size(); ++i) dot += static_cast<double>(a[i]) * b[i];
  return dot;  // both have unit length
}
double Length(const std::vector<float>& v) {
  double sum = 0;
  for (float x : v) sum += static_cast<double>(x) * x;
  return std::sqrt(sum);
}

TEST(LocalInsight, EmotionTableIsTheFixedThirteen) {
  ASSERT_EQ(Emotions().size(), 13u);
  EXPECT_STREQ(Emotions()[0].name, "joy");
  EXPECT_STREQ(Emotions()[0].label_ko, "기쁨");
  EXPECT_STREQ(Emotions()[12].name, "longing");
  EXPECT_STREQ(Emotions()[12].label_ko, "그리움");
}

TEST(LocalInsight, TearsAreSadnessOnlyWhenNothingElseExplainsThem) {
  EXPECT_GT(Emotion("서윤이가 하루 종일 울었다.", "sadness"), 0);
  EXPECT_GT(Emotion("친구가 이사 가서 속상해서 울었다.", "sadness"),
            Emotion("친구가 이사 가서 속상했다.", "sadness"));
  // A child's tears in a parent's journal are often fear, anger or tiredness.
  EXPECT_GT(Emotion("천둥이 무서워서 울었다.", "fear"), 0);
  EXPECT_EQ(Emotion("천둥이 무서워서 울었다.", "sadness"), 0);
  EXPECT_EQ(Emotion("너무 피곤해서 울면서 잠들었다.", "sadness"), 0);
  EXPECT_EQ(Emotion("She cried because she was scared of the dog.", "sadness"), 0);
  EXPECT_EQ(Emotion("안 울었다.", "sadness"), 0);
}

TEST(LocalInsight, NegationCancelsFear) {
  EXPECT_GT(Emotion("밤에 천둥이 쳐서 무서웠다.", "fear"), 0);
  EXPECT_EQ(Emotion("안 무서워.", "fear"), 0);
  EXPECT_EQ(Emotion("주사를 맞았는데 무섭지 않았다.", "fear"), 0);
  EXPECT_EQ(Emotion("무섭지 않아!", "fear"), 0);
  EXPECT_EQ(Emotion("She was not scared of the dark.", "fear"), 0);
  EXPECT_EQ(Emotion("He didn't feel scared at all.", "fear"), 0);
  EXPECT_EQ(Emotion("이번에는 걱정 없이 잘 잤다.", "worry"), 0);
  EXPECT_EQ(Emotion("놀이공원은 재미없었다.", "joy"), 0);
  // A negated hard feeling says the moment was easy: a little calm, as documented.
  EXPECT_GT(Emotion("안 무서워.", "calm"), 0);
  // Negation stays in its clause.
  EXPECT_GT(Emotion("It was not easy, but she was scared.", "fear"), 0);
  EXPECT_GT(Emotion("not tired, but happy", "joy"), 0);
}

TEST(LocalInsight, IntensifiersRaiseTheScore) {
  const double plain = Emotion("기뻤다.", "joy");
  const double strong = Emotion("너무 기뻤다.", "joy");
  EXPECT_GT(plain, 0);
  EXPECT_GT(strong, plain);
  EXPECT_GT(Emotion("정말 너무 기뻤다.", "joy"), strong);
  EXPECT_GT(Emotion("We were so proud.", "pride"), Emotion("We were proud.", "pride"));
  EXPECT_LE(Emotion("너무너무 정말 기뻤다! 행복했다! 즐거웠다!", "joy"), 1.0);
}

TEST(LocalInsight, EmotionsAreSortedWithKoreanLabels) {
  const Analysis a =
      AnalyseEntry("", "처음으로 혼자 자전거를 탔다. 너무 뿌듯하고 기뻤다. 조금 무서웠다.");
  ASSERT_GE(a.emotions.size(), 3u);
  for (size_t i = 1; i < a.emotions.size(); ++i) {
    EXPECT_GE(a.emotions[i - 1].score, a.emotions[i].score);
  }
  for (const EmotionScore& e : a.emotions) {
    EXPECT_GT(e.score, 0);
    EXPECT_LE(e.score, 1);
    const auto it = std::find_if(Emotions().begin(), Emotions().end(),
                                 [&](const EmotionName& n) { return e.name == n.name; });
    ASSERT_NE(it, Emotions().end());
    EXPECT_EQ(e.label_ko, it->label_ko);
  }
  EXPECT_GT(Score(a, "pride"), 0);
  EXPECT_GT(Score(a, "fear"), 0);
}

TEST(LocalInsight, TopicsMatchWordsNotSubstrings) {
  EXPECT_TRUE(HasTopic("오늘은 민준이 생일 파티를 했다.", "birthday"));
  EXPECT_FALSE(HasTopic("비행기를 타고 제주도에 갔다.", "rain"));
  EXPECT_TRUE(HasTopic("비가 와서 집에 있었다.", "rain"));
  EXPECT_TRUE(HasTopic("감기에 걸려서 병원에 갔다.", "sick"));
  EXPECT_TRUE(HasTopic("감기에 걸려서 병원에 갔다.", "hospital"));
  EXPECT_FALSE(HasTopic("눈물이 났다.", "snow"));
  EXPECT_TRUE(HasTopic("첫눈이 왔다! 눈사람을 만들었다.", "snow"));
  EXPECT_TRUE(HasTopic("이가 빠졌다.", "tooth"));
  EXPECT_TRUE(HasTopic("We rode bikes at the park on her birthday.", "bike"));
  EXPECT_FALSE(HasTopic("첫째가 학교에 갔다.", "milestone"));
}

TEST(LocalInsight, CompoundsFindTheirHeadNoun) {
  EXPECT_TRUE(HasTopic("서윤이가 처음으로 두발자전거를 탔다.", "bike"));
  EXPECT_TRUE(HasTopic("주말에 실내수영장에 갔다.", "swimming"));
  EXPECT_FALSE(HasTopic("비행기를 타고 제주도에 갔다.", "rain"));
}

TEST(LocalInsight, TopicsRankByCountThenLexiconOrderAtMostEight) {
  const Analysis a = AnalyseEntry("", "공원에서 자전거를 탔다. 자전거를 또 탔다. 생일이었다.");
  ASSERT_GE(a.topics.size(), 3u);
  EXPECT_EQ(a.topics[0], "bike");
  EXPECT_EQ(a.topics[1], "birthday");  // ties with park; comes first in the lexicon
  EXPECT_EQ(a.topics[2], "park");
  const Analysis many = AnalyseEntry(
      "", "생일에 병원, 학교, 유치원, 바다, 수영장, 놀이터, 공원, 동물원, 캠핑, 피아노, 축구.");
  EXPECT_EQ(many.topics.size(), 8u);
}

TEST(LocalInsight, DetectsLanguage) {
  EXPECT_EQ(DetectLanguage("오늘 민준이가 자전거를 탔다."), "ko");
  EXPECT_EQ(DetectLanguage("Today Minjun rode his bike."), "en");
  EXPECT_EQ(DetectLanguage("오늘 park에 갔다. We had so much fun together"), "mixed");
  EXPECT_EQ(DetectLanguage("오늘 유치원에서 Halloween 파티를 했다"), "ko");
  EXPECT_EQ(DetectLanguage("123 !!"), "ko");
  EXPECT_EQ(AnalyseEntry("Our day", "We went to the beach.").language, "en");
}

TEST(LocalInsight, SummaryPicksAContentSentenceWithinTheLimit) {
  const Analysis a = AnalyseEntry(
      "첫 자전거", "안녕. 오늘 민준이가 처음으로 혼자 자전거를 탔다. 좋았다. 저녁은 카레였다.");
  EXPECT_NE(a.summary.find("자전거"), std::string::npos) << a.summary;
  EXPECT_EQ(a.summary.find("안녕"), std::string::npos) << a.summary;
  EXPECT_EQ(a.summary.find("첫 자전거"), std::string::npos) << a.summary;

  std::string long_body;
  for (int i = 0; i < 40; ++i)
    long_body += "아이들과 바닷가에서 모래성을 쌓고 파도를 피해 뛰어다녔다 ";
  for (const std::string& body : {long_body, long_body + ".", std::string(900, 'x')}) {
    const Analysis b = AnalyseEntry("", body);
    EXPECT_LE(CodePointCount(b.summary), kLocalSummaryMaxChars);
    EXPECT_TRUE(IsValidUtf8(b.summary));
    EXPECT_FALSE(b.summary.empty());
  }
}

TEST(LocalInsight, SummaryKeepsOriginalOrderAndFallsBackToTheTitle) {
  const Analysis a = AnalyseEntry(
      "", "We went to the beach with grandma. Grandma built a sandcastle at the beach. Bye.");
  EXPECT_EQ(a.summary,
            "We went to the beach with grandma. Grandma built a sandcastle at the beach.");
  EXPECT_EQ(AnalyseEntry("할머니 댁에 간 날", "").summary, "할머니 댁에 간 날");
  EXPECT_EQ(AnalyseEntry("", "").summary, "");
  EXPECT_TRUE(AnalyseEntry("", "").topics.empty());
}

TEST(LocalInsight, AnalyseIsDeterministic) {
  const std::string body =
      "오늘 할머니 댁에 갔다. 서윤이가 할머니를 꼭 안아 줬다. 너무 행복한 하루였다! "
      "We missed grandpa so much.";
  const Analysis a = AnalyseEntry("할머니", body);
  for (int i = 0; i < 3; ++i) {
    const Analysis b = AnalyseEntry("할머니", body);
    EXPECT_EQ(a.summary, b.summary);
    EXPECT_EQ(a.topics, b.topics);
    EXPECT_EQ(a.language, b.language);
    ASSERT_EQ(a.emotions.size(), b.emotions.size());
    for (size_t k = 0; k < a.emotions.size(); ++k) {
      EXPECT_EQ(a.emotions[k].name, b.emotions[k].name);
      EXPECT_EQ(a.emotions[k].score, b.emotions[k].score);
    }
  }
}

TEST(LocalEmbedding, UnitLengthDeterministicAndSized) {
  for (const char* text : {"bike", "자전거를 탔다", "", "   ", "!!!", "생일 케이크 🎂"}) {
    const std::vector<float> v = EmbedText(text, kLocalEmbeddingDimensions);
    ASSERT_EQ(v.size(), static_cast<size_t>(kLocalEmbeddingDimensions));
    EXPECT_NEAR(Length(v), 1.0, 1e-5) << text;
    EXPECT_EQ(v, EmbedText(text, kLocalEmbeddingDimensions)) << text;
  }
  EXPECT_EQ(EmbedText("", 64), EmbedText("  ", 64));  // every empty text shares one vector
  EXPECT_EQ(EmbedText("abc", 16).size(), 16u);
  EXPECT_EQ(EmbedText("abc", 0).size(), 1u);
}

TEST(LocalEmbedding, ConceptsMeetAcrossLanguages) {
  const auto bike = EmbedText("bike", kLocalEmbeddingDimensions);
  const auto rode = EmbedText("자전거를 탔다", kLocalEmbeddingDimensions);
  const auto cake = EmbedText("생일 케이크", kLocalEmbeddingDimensions);
  EXPECT_GT(Cosine(bike, rode), Cosine(bike, cake) + 0.2);
  const auto hospital = EmbedText("went to the hospital", kLocalEmbeddingDimensions);
  EXPECT_GT(Cosine(hospital, EmbedText("병원에 갔다", kLocalEmbeddingDimensions)),
            Cosine(hospital, EmbedText("바다에 갔다", kLocalEmbeddingDimensions)));
}

TEST(LocalEmbedding, IrregularVerbFormsMeetTheirNoun) {
  // 걷다 is irregular: "walked" as it describes a day is 걸은, not 걷은.
  const auto question = EmbedText("서준이가 처음 걸은 날은?", kLocalEmbeddingDimensions);
  const auto steps = EmbedText("서준이 첫 걸음을 뗐다", kLocalEmbeddingDimensions);
  const auto cake = EmbedText("서준이가 처음 케이크를 먹은 날", kLocalEmbeddingDimensions);
  EXPECT_GT(Cosine(question, steps), Cosine(question, cake));
}

TEST(LocalProvider, RepliesInEnglishOnlyToEnglish) {
  EXPECT_TRUE(AsksInEnglish("When did she first ride a bike?"));
  EXPECT_FALSE(AsksInEnglish("서윤이가 처음 두발자전거를 탄 게 언제였지?"));
  EXPECT_FALSE(AsksInEnglish("서윤 bike"));
  EXPECT_FALSE(AsksInEnglish("ㅋㅋㅋ lol"));
  EXPECT_FALSE(AsksInEnglish("🚲"));
  EXPECT_FALSE(AsksInEnglish("2025"));
  EXPECT_EQ(NothingFoundAnswer("🚲"), "관련된 기록을 찾지 못했어요.");
  EXPECT_EQ(local_ai::AnswerFrom("ㅋㅋ", {}, /*chat=*/true),
            "그 이야기는 기록에서 찾지 못했어요. 다른 말로 물어봐 주시겠어요?");
  // A withheld reply's notice follows the reply's language, Korean when it has no words.
  EXPECT_EQ(WithheldReplyNotice("👍 [1]"),
            "이 답변이 인용한 기록을 이제 볼 수 없어서 답변을 숨겼어요.");
  EXPECT_EQ(WithheldReplyNotice("2025년 5월 5일 — 자전거 [1]"),
            "이 답변이 인용한 기록을 이제 볼 수 없어서 답변을 숨겼어요.");
  EXPECT_EQ(WithheldReplyNotice("May 5, 2025 — she rode her bike [1]"),
            "This reply quoted an entry you can no longer see, so it is hidden.");
}

TEST(LocalProvider, AnswersSayTheDayAsTheQuestionsLanguageDoes) {
  const std::vector<Passage> bike = {{"2025-05-05", "서윤이가 처음으로 두발자전거를 탔다!"}};
  EXPECT_EQ(local_ai::AnswerFrom("서윤이가 처음 두발자전거를 탄 게 언제였지?", bike, false),
            "2025년 5월 5일 — 서윤이가 처음으로 두발자전거를 탔다! [1]");
  EXPECT_EQ(local_ai::AnswerFrom("When did she first ride a bike?", bike, false),
            "May 5, 2025 — 서윤이가 처음으로 두발자전거를 탔다! [1]");
}

TEST(LocalProvider, TopicsAreDadlysOwn) {
  EXPECT_TRUE(IsTopic("bike"));
  EXPECT_TRUE(IsTopic("birthday"));
  EXPECT_FALSE(IsTopic("health"));
  EXPECT_FALSE(IsTopic("Bike"));
  EXPECT_FALSE(IsTopic("%"));
  EXPECT_FALSE(IsTopic(""));
}

TEST(LocalProvider, ImplementsThePort) {
  const auto provider = NewLocalAiProvider(128);
  EXPECT_EQ(provider->Name(), "local");
  EXPECT_EQ(provider->Model(), kLocalModel);
  EXPECT_EQ(provider->Dimensions(), 128);
  AiCall call{"family", "embed"};
  const auto vectors = provider->Embed(call, {"하나", "two", ""});
  ASSERT_TRUE(vectors.has_value());
  ASSERT_EQ(vectors->size(), 3u);
  for (const auto& v : *vectors) EXPECT_EQ(v.size(), 128u);
  const auto analysis = provider->Analyse(call, "", "수영장에서 처음 수영을 배웠다.");
  ASSERT_TRUE(analysis.has_value());
  EXPECT_EQ(analysis->language, "ko");
  EXPECT_EQ(NewLocalAiProvider()->Dimensions(), kLocalEmbeddingDimensions);
}

// Prints throughput; asserts nothing about time (see DESIGN.md: benchmarks, not timed tests).
TEST(LocalProvider, PrintsThroughput) {
  const std::vector<std::string> bodies = {
      "오늘 민준이가 처음으로 보조바퀴 없이 자전거를 탔다. 공원을 세 바퀴나 돌았다. 넘어질까 봐 "
      "걱정했는데 한 번도 안 넘어졌다! 너무 뿌듯해서 꼭 안아 줬다. 저녁에는 할머니께 전화해서 "
      "자랑했다.",
      "Seoyun lost her first tooth today. She was not scared at all and laughed when it came "
      "out. We put it under her pillow. She asked if the tooth fairy speaks Korean.",
      "감기에 걸려서 열이 39도까지 올랐다. 밤새 잠을 못 자서 나도 아내도 너무 피곤했다. 아침에 "
      "소아과에 갔더니 다행히 폐렴은 아니라고 했다. 약 먹고 푹 자고 일어나니 조금 나아졌다.",
      "첫눈이 왔다! 아이들과 눈사람을 만들고 눈싸움을 했다. We came home cold and happy, and "
      "drank hot chocolate. 오늘 하루가 정말 행복했다.",
  };
  const auto provider = NewLocalAiProvider();
  AiCall call{"bench", "analyse"};
  size_t n = 0;
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(300)) {
    for (const std::string& body : bodies) {
      const auto a = provider->Analyse(call, "", body);
      const auto v = provider->Embed(call, {body});
      ASSERT_TRUE(a && v);
      ++n;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("local provider: %.0f entries/s (Analyse + Embed, one thread)\n", n / seconds);
}

}  // namespace
}  // namespace dadly
