#include "search/fusion.h"

#include <gtest/gtest.h>

namespace dadly::search {
namespace {

std::vector<int64_t> Ids(const std::vector<FusedHit>& hits) {
  std::vector<int64_t> ids;
  for (const FusedHit& h : hits) ids.push_back(h.id);
  return ids;
}

TEST(Fusion, IdRankedWellInBothListsWins) {
  const std::vector<FusedHit> hits = ReciprocalRankFusion({{{1, 2, 3}, 1.0}, {{4, 2, 5}, 1.0}});
  ASSERT_EQ(hits.size(), 5u);
  EXPECT_EQ(hits.front().id, 2);
  EXPECT_DOUBLE_EQ(hits.front().score, 2.0 / 62.0);
}

TEST(Fusion, ScoresAreReciprocalRanks) {
  const std::vector<FusedHit> hits = ReciprocalRankFusion({{{7, 8}, 1.0}}, 10, 60.0);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_DOUBLE_EQ(hits[0].score, 1.0 / 61.0);
  EXPECT_DOUBLE_EQ(hits[1].score, 1.0 / 62.0);
}

TEST(Fusion, TiesAreBrokenByIdDescending) {
  EXPECT_EQ(Ids(ReciprocalRankFusion({{{1}, 1.0}, {{2}, 1.0}})), (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(Ids(ReciprocalRankFusion({{{1, 2}, 1.0}, {{2, 1}, 1.0}})),
            (std::vector<int64_t>{2, 1}));
}

TEST(Fusion, HonoursLimitWeightsAndDuplicates) {
  EXPECT_EQ(Ids(ReciprocalRankFusion({{{1, 2, 3}, 1.0}}, 2)), (std::vector<int64_t>{1, 2}));
  // A heavier second list decides.
  EXPECT_EQ(Ids(ReciprocalRankFusion({{{1, 2}, 1.0}, {{2, 1}, 2.0}})),
            (std::vector<int64_t>{2, 1}));
  // A repeat within one list counts once.
  const std::vector<FusedHit> hits = ReciprocalRankFusion({{{5, 5, 5}, 1.0}});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_DOUBLE_EQ(hits[0].score, 1.0 / 61.0);
  EXPECT_TRUE(ReciprocalRankFusion({}).empty());
}

}  // namespace
}  // namespace dadly::search
