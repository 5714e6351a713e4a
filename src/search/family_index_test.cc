#include "search/family_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

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

TEST(FamilyIndex, VectorsKeptInEightBitsScoreAsTheirFloats) {
  // Dense unit vectors of the OpenAI size: the cosine from 8-bit rows stays within 0.01 of the
  // float one, and the ten nearest are still the ten found.
  std::mt19937 random(7);
  std::normal_distribution<float> normal;
  const auto unit = [&](size_t n) {
    std::vector<float> v(n);
    double norm = 0;
    for (float& x : v) {
      x = normal(random);
      norm += static_cast<double>(x) * x;
    }
    for (float& x : v) x = static_cast<float>(x / std::sqrt(norm));
    return v;
  };
  const std::vector<float> query = unit(1024);
  std::vector<IndexedDoc> docs;
  std::vector<double> exact;
  for (int64_t id = 1; id <= 200; ++id) {
    std::vector<float> v = unit(1024);
    // Mix in the query, more for lower ids, so the cosines spread over 0..1.
    const float share = static_cast<float>(200 - id) / 200;
    double norm = 0;
    for (size_t i = 0; i < v.size(); ++i) {
      v[i] = share * query[i] + (1 - share) * v[i];
      norm += static_cast<double>(v[i]) * v[i];
    }
    double dot = 0;
    for (size_t i = 0; i < v.size(); ++i) {
      v[i] = static_cast<float>(v[i] / std::sqrt(norm));
      dot += static_cast<double>(v[i]) * query[i];
    }
    exact.push_back(dot);
    docs.push_back({id, "e" + std::to_string(id), "2024-01-01", {}, "", v});
  }
  const FamilyIndex index(std::move(docs));
  const auto hits = index.Search("", query, {}, 10);
  ASSERT_EQ(hits.size(), 10u);
  std::vector<double> best = exact;
  std::sort(best.rbegin(), best.rend());
  for (const auto& hit : hits) {
    const double true_cosine = exact[static_cast<size_t>(hit.doc->id - 1)];
    EXPECT_NEAR(hit.cosine, true_cosine, 0.01) << hit.doc->id;
    EXPECT_GE(true_cosine, best[9] - 0.01) << hit.doc->id;  // one of the ten nearest, but for ties
  }
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

std::vector<std::string> Keys(const std::vector<DocHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.doc->key);
  return out;
}

TEST(FamilyIndex, AppliesChangesInPlace) {
  FamilyIndex index = Sample();
  // e1 edited (new words, new vector), e2 removed, e4 analysed at last, e5 new.
  ASSERT_TRUE(index.Apply({{1, "e1", "2024-01-01", {"m1"}, "서윤이가 수영을 배웠다", Unit(0, 1)},
                           {4, "e4", "2024-04-01", {}, "아직 분석 전", Unit(1, 0)},
                           {5, "e5", "2024-05-01", {"m2"}, "두발자전거 연습", Unit(0.6F, 0.8F)}},
                          {2}));
  EXPECT_EQ(index.size(), 4u);
  EXPECT_EQ(Keys(index.Search("자전거", {}, {}, 10)), (std::vector<std::string>{"e5"}));
  EXPECT_EQ(Keys(index.Search("수영", {}, {}, 10)), (std::vector<std::string>{"e1"}));
  EXPECT_TRUE(index.Search("생일", {}, {}, 10).empty());  // e2 is gone from words...
  for (const auto& hit : index.Search("", Unit(0, 1), {}, 10)) {
    EXPECT_NE(hit.doc->key, "e2");  // ... and from vectors
  }
  EXPECT_EQ(Keys(index.Search("", Unit(1, 0), {}, 1)), (std::vector<std::string>{"e4"}));
  // A removed entry comes back (restored from the trash) under its old id.
  ASSERT_TRUE(index.Apply({{2, "e2", "2024-02-01", {"m2"}, "하준이 생일 파티", Unit(0, 1)}}, {}));
  EXPECT_EQ(Keys(index.Search("생일", {}, {}, 10)), (std::vector<std::string>{"e2"}));
  EXPECT_EQ(index.size(), 5u);
}

TEST(FamilyIndex, RefusesChangesItCannotMakeInPlace) {
  FamilyIndex index = Sample();
  // A new entry older than the newest indexed one would break the document order.
  EXPECT_FALSE(index.Apply({{0, "e0", "2023-01-01", {}, "오래된 기록", {}}}, {}));
  EXPECT_EQ(index.size(), 4u);
  EXPECT_TRUE(index.Search("오래된", {}, {}, 10).empty());
  // Removing more than a quarter of a large index is a rebuild, not tombstones.
  std::vector<IndexedDoc> many;
  for (int64_t i = 1; i <= 400; ++i) many.push_back({i, "k", "2024-01-01", {}, "글", {}});
  FamilyIndex big(std::move(many));
  std::vector<int64_t> gone;
  for (int64_t i = 1; i <= 200; ++i) gone.push_back(i);
  EXPECT_FALSE(big.Apply({}, gone));
  EXPECT_EQ(big.size(), 400u);
}

}  // namespace
}  // namespace dadly::search
