#include "core/utf8.h"

#include <gtest/gtest.h>

namespace dadly {
namespace {

TEST(Utf8, ValidatesStrictly) {
  EXPECT_TRUE(IsValidUtf8("hello 서윤 🚲"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe1\x84"));          // cut short
}

TEST(Utf8, CountsCodePointsAndBlanks) {
  EXPECT_EQ(CodePointCount("서윤"), 2u);
  EXPECT_EQ(CodePointCount("a🚲"), 2u);
  EXPECT_TRUE(IsBlank(" \t\n\u3000"));
  EXPECT_FALSE(IsBlank(" 가 "));
}

}  // namespace
}  // namespace dadly
