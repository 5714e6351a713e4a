#include <gtest/gtest.h>

#include "service/entry_service.h"

namespace dadly {
namespace {

TEST(BucketKey, GroupsByYearMonthAndAge) {
  const Date day{2026, 11, 26};
  EXPECT_EQ(BucketKey("year", day, std::nullopt), "2026");
  EXPECT_EQ(BucketKey("month", day, std::nullopt), "2026-11");
  const Date birth{2024, 3, 10};
  EXPECT_EQ(BucketKey("age", Date{2024, 3, 10}, birth), "m0");
  EXPECT_EQ(BucketKey("age", Date{2024, 5, 20}, birth), "m2");
  EXPECT_EQ(BucketKey("age", Date{2026, 2, 1}, birth), "m22");
  EXPECT_EQ(BucketKey("age", Date{2026, 3, 9}, birth), "m23");
  EXPECT_EQ(BucketKey("age", Date{2026, 3, 10}, birth), "y2");
  EXPECT_EQ(BucketKey("age", Date{2029, 3, 9}, birth), "y4");
  EXPECT_EQ(BucketKey("age", Date{2024, 3, 9}, birth), "prenatal");
}

TEST(BucketDays, HoldExactlyTheDaysOfTheirKey) {
  const Date birth{2024, 1, 31};
  for (const std::string group : {"year", "month", "age"}) {
    for (int64_t d = DaysFromCivil(Date{2023, 6, 1}); d < DaysFromCivil(Date{2029, 6, 1}); ++d) {
      const Date day = CivilFromDays(d);
      const std::string key = BucketKey(group, day, birth);
      const auto [first, last] = BucketDays(group, key, birth);
      ASSERT_LE(first, day) << group << " " << FormatDate(day) << " " << key;
      ASSERT_LE(day, last) << group << " " << FormatDate(day) << " " << key;
      ASSERT_EQ(BucketKey(group, first, birth), key) << group << " " << key;
      ASSERT_EQ(BucketKey(group, last, birth), key) << group << " " << key;
      if (key != "prenatal") {
        ASSERT_NE(BucketKey(group, AddDays(first, -1), birth), key) << group << " " << key;
      }
      ASSERT_NE(BucketKey(group, AddDays(last, 1), birth), key) << group << " " << key;
    }
  }
}

TEST(BucketLabel, SpeaksKoreanAndEnglish) {
  EXPECT_EQ(BucketLabel("year", "2026", "ko"), "2026년");
  EXPECT_EQ(BucketLabel("month", "2026-01", "ko"), "2026년 1월");
  EXPECT_EQ(BucketLabel("month", "2026-11", "en"), "November 2026");
  EXPECT_EQ(BucketLabel("age", "m14", "ko"), "생후 14개월");
  EXPECT_EQ(BucketLabel("age", "m1", "en"), "1 month");
  EXPECT_EQ(BucketLabel("age", "m14", "en"), "14 months");
  EXPECT_EQ(BucketLabel("age", "y3", "ko"), "3살");
  EXPECT_EQ(BucketLabel("age", "y3", "en"), "age 3");
  EXPECT_EQ(BucketLabel("age", "prenatal", "ko"), "태어나기 전");
}

}  // namespace
}  // namespace dadly
