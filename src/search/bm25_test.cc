#include "search/bm25.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dadly::search {
namespace {

std::vector<int64_t> Ids(const std::vector<Bm25Hit>& hits) {
  std::vector<int64_t> ids;
  for (const Bm25Hit& h : hits) ids.push_back(h.id);
  return ids;
}

TEST(Bm25, FindsKoreanEntriesByNoun) {
  Bm25Index index;
  index.Add(1, "어제 아빠랑 한강에서 자전거를 탔다.");
  index.Add(2, "병원에 갔다. 감기가 심했다.");
  index.Add(3, "서윤이 생일 파티를 했다. 케이크가 맛있었다.");
  index.Add(4, "수영을 배우기 시작했다.");
  EXPECT_EQ(Ids(index.Search("자전거", 10)), std::vector<int64_t>{1});
  EXPECT_EQ(Ids(index.Search("병원", 10)), std::vector<int64_t>{2});
  EXPECT_EQ(Ids(index.Search("생일", 10)), std::vector<int64_t>{3});
  EXPECT_EQ(Ids(index.Search("수영장", 10)).front(), 4);  // through the bigram 수영
  EXPECT_EQ(Ids(index.Search("자전거 타고", 10)).front(), 1);
  EXPECT_TRUE(index.Search("비행기", 10).empty());
}

TEST(Bm25, ExactWordOutranksSharedBigram) {
  Bm25Index index;
  index.Add(1, "생일파티 준비");
  index.Add(2, "생일 파티 준비");
  EXPECT_EQ(Ids(index.Search("생일", 10)), (std::vector<int64_t>{2, 1}));
}

TEST(Bm25, TermTwiceRanksAboveOnce) {
  Bm25Index index;
  index.Add(1, "bike park tree");
  index.Add(2, "bike bike park");
  index.Add(3, "river lake tree");
  const std::vector<Bm25Hit> hits = index.Search("bike", 10);
  ASSERT_EQ(Ids(hits), (std::vector<int64_t>{2, 1}));
  EXPECT_GT(hits[0].score, hits[1].score);
}

TEST(Bm25, RareTermsWeighMore) {
  Bm25Index index;
  for (int64_t id = 1; id <= 5; ++id) index.Add(id, "apple filler");
  index.Add(6, "cherry filler");
  const std::vector<Bm25Hit> hits = index.Search("apple cherry", 10);
  ASSERT_EQ(hits.size(), 6u);
  EXPECT_EQ(hits.front().id, 6);
}

TEST(Bm25, ShorterDocumentWinsAtEqualFrequency) {
  Bm25Index index;
  index.Add(1, "bike and a long walk along the river to the old bridge");
  index.Add(2, "bike ride");
  EXPECT_EQ(Ids(index.Search("bike", 10)), (std::vector<int64_t>{2, 1}));
}

TEST(Bm25, TiesGoToTheNewerId) {
  Bm25Index index;
  for (int64_t id : {5, 9, 7}) index.Add(id, "같은 문장");
  EXPECT_EQ(Ids(index.Search("문장", 10)), (std::vector<int64_t>{9, 7, 5}));
  EXPECT_EQ(Ids(index.Search("문장", 2)), (std::vector<int64_t>{9, 7}));
  EXPECT_TRUE(index.Search("문장", 0).empty());
}

TEST(Bm25, RemoveTakesADocumentOut) {
  Bm25Index index;
  index.Add(1, "bike ride");
  index.Add(2, "bike park");
  ASSERT_EQ(index.Size(), 2u);
  EXPECT_TRUE(index.Remove(1));
  EXPECT_FALSE(index.Remove(1));
  EXPECT_FALSE(index.Contains(1));
  EXPECT_TRUE(index.Contains(2));
  EXPECT_EQ(index.Size(), 1u);
  EXPECT_EQ(Ids(index.Search("bike", 10)), std::vector<int64_t>{2});
  EXPECT_TRUE(index.Search("ride", 10).empty());
  index.Add(1, "ride again");  // reuses the freed slot
  EXPECT_EQ(Ids(index.Search("ride", 10)), std::vector<int64_t>{1});
}

TEST(Bm25, RemovedDocumentsLeaveNoTraceInScores) {
  Bm25Index churned;
  Bm25Index fresh;
  churned.Add(1, "자전거를 탔다");
  churned.Add(2, "자전거 가게에 갔다");
  churned.Add(3, "공원에서 산책");
  churned.Remove(2);
  fresh.Add(1, "자전거를 탔다");
  fresh.Add(3, "공원에서 산책");
  const std::vector<Bm25Hit> a = churned.Search("자전거 공원", 10);
  const std::vector<Bm25Hit> b = fresh.Search("자전거 공원", 10);
  ASSERT_EQ(Ids(a), Ids(b));
  for (size_t i = 0; i < a.size(); ++i) EXPECT_DOUBLE_EQ(a[i].score, b[i].score);
}

TEST(Bm25, AddAndUpdateReplaceTheText) {
  Bm25Index index;
  index.Add(1, "bike");
  index.Update(1, "swim");
  index.Add(1, "hike");
  EXPECT_EQ(index.Size(), 1u);
  EXPECT_TRUE(index.Search("bike", 10).empty());
  EXPECT_TRUE(index.Search("swim", 10).empty());
  EXPECT_EQ(Ids(index.Search("hiking", 10)), std::vector<int64_t>{1});
}

TEST(Bm25, AllowFiltersBeforeTopK) {
  Bm25Index index;
  // Higher ids mention the bike more often, so they rank first.
  for (int64_t id = 1; id <= 20; ++id) {
    std::string text;
    for (int64_t i = 0; i < id; ++i) text += "자전거 ";
    index.Add(id, text);
  }
  const auto odd = [](int64_t id) { return id % 2 == 1; };
  const std::vector<Bm25Hit> hits = index.Search("자전거", 3, odd);
  EXPECT_EQ(Ids(hits), (std::vector<int64_t>{19, 17, 15}));
  const auto none = [](int64_t) { return false; };
  EXPECT_TRUE(index.Search("자전거", 3, none).empty());
}

TEST(Bm25, ManyDocumentsSurviveChurn) {
  Bm25Index index;
  for (int64_t id = 0; id < 2000; ++id) index.Add(id, "entry " + std::to_string(id) + " 일기");
  for (int64_t id = 0; id < 2000; id += 3) ASSERT_TRUE(index.Remove(id));
  for (int64_t id = 0; id < 2000; ++id) {
    ASSERT_EQ(index.Contains(id), id % 3 != 0) << id;
  }
  EXPECT_EQ(Ids(index.Search("1999", 5)), std::vector<int64_t>{1999});
  EXPECT_EQ(Ids(index.Search("1997", 5)), std::vector<int64_t>{1997});
  EXPECT_TRUE(index.Search("1998", 5).empty());  // removed
  EXPECT_EQ(index.Search("일기", 5000).size(), index.Size());
}

TEST(Bm25, ReportsMemory) {
  Bm25Index index;
  const size_t empty = index.MemoryBytes();
  for (int64_t id = 0; id < 100; ++id)
    index.Add(id, "오늘 가족과 바다에 갔다 " + std::to_string(id));
  EXPECT_GT(index.MemoryBytes(), empty);
}

}  // namespace
}  // namespace dadly::search
