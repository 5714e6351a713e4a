#include "core/text.h"

#include <gtest/gtest.h>

namespace dadly {
namespace {

TEST(TextTest, AsciiLowerLeavesEverythingButAsciiCapitalsAlone) {
  EXPECT_EQ(AsciiLower("Content-Type: Application/JSON"), "content-type: application/json");
  EXPECT_EQ(AsciiLower("Mom@Example.COM 서윤 Ä"), "mom@example.com 서윤 Ä");
  EXPECT_EQ(AsciiLower(""), "");
}

TEST(TextTest, StartsWithIgnoringCase) {
  EXPECT_TRUE(StartsWithIgnoringCase("bearer abc", "Bearer "));
  EXPECT_TRUE(StartsWithIgnoringCase("BEARER abc", "Bearer "));
  EXPECT_FALSE(StartsWithIgnoringCase("Bearer", "Bearer "));
  EXPECT_FALSE(StartsWithIgnoringCase("Basic abc", "Bearer "));
  EXPECT_TRUE(StartsWithIgnoringCase("anything", ""));
}

TEST(TextTest, TrimSpaceTakesBlanksOffBothEnds) {
  EXPECT_EQ(TrimSpace(" \t a b \r\n"), "a b");
  EXPECT_EQ(TrimSpace("ab"), "ab");
  EXPECT_EQ(TrimSpace(" \t\r\n"), "");
  EXPECT_EQ(TrimSpace(""), "");
}

}  // namespace
}  // namespace dadly
