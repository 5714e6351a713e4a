#include "service/citations.h"

#include <gtest/gtest.h>

namespace dadly {
namespace {

TEST(Cite, KeepsMarkersInOrderOfFirstUse) {
  const CitedText c = Cite("자전거를 탔다 [2]. 그리고 수영 [1]. 또 [2]", 3);
  EXPECT_EQ(c.text, "자전거를 탔다 [1]. 그리고 수영 [2]. 또 [1]");
  EXPECT_EQ(c.cited, (std::vector<size_t>{1, 0}));
}

TEST(Cite, DropsNumbersThatWereNotGiven) {
  const CitedText c = Cite("first [4] and second [0] and [2]", 2);
  EXPECT_EQ(c.text, "first and second and [1]");
  EXPECT_EQ(c.cited, (std::vector<size_t>{1}));
}

TEST(Cite, SplitsListsAndLeavesOtherBracketsAlone) {
  const CitedText c = Cite("both [1, 3] and [3,1] and [note] and [", 3);
  EXPECT_EQ(c.text, "both [1][2] and [2][1] and [note] and [");
  EXPECT_EQ(c.cited, (std::vector<size_t>{0, 2}));
}

TEST(Cite, NoPassagesMeansNoCitation) {
  const CitedText c = Cite("nothing [1]", 0);
  EXPECT_EQ(c.text, "nothing");
  EXPECT_TRUE(c.cited.empty());
}

}  // namespace
}  // namespace dadly
