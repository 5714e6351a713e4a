#include "search/family_index.h"

#include <gtest/gtest.h>

namespace dadly::search {
namespace {

std::vector<float> Unit(float x, float y) { return {x, y}; }

FamilyIndex Sample() {
  return FamilyIndex({
      {1, "e1", "2024-01-01", {"m1"}, "서윤이가 자전거를 탔다", Unit(1, 0)},
      {2, "e2", "2024-02-01", {"m2"}, "하준이 생일 파티", Unit(0, 1)},
      {3, "e3", "2024-03-01", {"m1"}, "공원에서 놀았다", Unit(0.8F, 0.6F)},
      {4, "e4", "2024-04-01", {}, "아직 분석 전", {}},
  });
}

TEST(FamilyIndex, WordsAndMeaningAreFused) {
  const FamilyIndex index = Sample();
  // Words find e1; the vector is nearest to e1, then e3 (0.8), not e2 (0).
  const auto hits = index.Search("자전거", Unit(1, 0), {}, 10);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].doc->key, "e1");
  EXPECT_GT(hits[0].bm25, 0);
  EXPECT_EQ(hits[1].doc->key, "e3");
  EXPECT_EQ(hits[1].bm25, 0);
  EXPECT_NEAR(hits[1].cosine, 0.8, 1e-6);
}

TEST(FamilyIndex, FiltersApplyBeforeRankingOnBothSides) {
  const FamilyIndex index = Sample();
  const auto hits = index.Search(
      "자전거", Unit(1, 0), [](const IndexedDoc& d) { return d.occurred_at >= "2024-02-01"; }, 10);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].doc->key, "e3");
}

TEST(FamilyIndex, FarVectorsAndUnknownWordsFindNothing) {
  const FamilyIndex index = Sample();
  EXPECT_TRUE(index.Search("우주선", Unit(-1, 0), {}, 10).empty());
  EXPECT_EQ(index.Search("분석", {}, {}, 10).size(), 1u);  // words alone, no vector
  EXPECT_EQ(index.size(), 4u);
  EXPECT_GT(index.MemoryBytes(), 0u);
}

}  // namespace
}  // namespace dadly::search
