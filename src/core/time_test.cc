#include "core/time.h"

#include <gtest/gtest.h>

namespace dadly {
namespace {

TEST(ParseDate, AcceptsRealDaysOnly) {
  EXPECT_TRUE(ParseDate("2024-02-29"));
  EXPECT_FALSE(ParseDate("2026-02-29"));
  EXPECT_FALSE(ParseDate("2026-02-30"));
  EXPECT_FALSE(ParseDate("26-1-1"));
  EXPECT_FALSE(ParseDate("2026-13-01"));
  EXPECT_FALSE(ParseDate("2026-1-01"));
  EXPECT_FALSE(ParseDate("2026-01-0a"));
}

TEST(CivilDays, RoundTrips) {
  for (int64_t d = -800000; d < 800000; d += 997) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(d)), d);
  }
  EXPECT_EQ(DaysFromCivil(Date{1970, 1, 1}), 0);
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(1795000000), "2026-11-18T11:06:40Z");
}

TEST(MonthsBetween, CountsCompletedMonths) {
  const Date birth{2024, 3, 10};
  EXPECT_EQ(MonthsBetween(birth, Date{2024, 3, 10}), 0);
  EXPECT_EQ(MonthsBetween(birth, Date{2024, 4, 9}), 0);
  EXPECT_EQ(MonthsBetween(birth, Date{2024, 4, 10}), 1);
  EXPECT_EQ(MonthsBetween(birth, Date{2026, 3, 9}), 23);
  EXPECT_EQ(MonthsBetween(birth, Date{2026, 3, 10}), 24);
  EXPECT_EQ(MonthsBetween(Date{2024, 1, 31}, Date{2024, 2, 29}), 0);
}

TEST(FirstDayAtMonths, IsWhereMonthsBetweenTicksOver) {
  for (const Date birth :
       {Date{2024, 1, 31}, Date{2023, 3, 10}, Date{2020, 2, 29}, Date{2021, 12, 31}}) {
    EXPECT_EQ(FirstDayAtMonths(birth, 0), birth);
    for (int months = 1; months < 40; ++months) {
      const Date first = FirstDayAtMonths(birth, months);
      EXPECT_EQ(MonthsBetween(birth, first), months) << FormatDate(birth) << " +" << months;
      EXPECT_EQ(MonthsBetween(birth, AddDays(first, -1)), months - 1)
          << FormatDate(birth) << " +" << months;
    }
  }
}

TEST(SpokenDate, ReadsAsASentenceSaysIt) {
  EXPECT_EQ(SpokenDate(Date{2025, 5, 5}, true), "2025년 5월 5일");
  EXPECT_EQ(SpokenDate(Date{2026, 12, 31}, true), "2026년 12월 31일");
  EXPECT_EQ(SpokenDate(Date{2025, 5, 5}, false), "May 5, 2025");
  EXPECT_STREQ(EnglishMonthName(1), "January");
  EXPECT_STREQ(EnglishMonthName(12), "December");
}

TEST(LatestTodayAnywhere, IsTheUtcDayPlusOne) {
  // 2026-11-27 16:30 UTC is already 2026-11-28 in Seoul (UTC+9) and on Kiritimati (UTC+14).
  const int64_t at = DaysFromCivil(Date{2026, 11, 27}) * 86400 + 16 * 3600 + 30 * 60;
  EXPECT_EQ(LatestTodayAnywhere(at), (Date{2026, 11, 28}));
  EXPECT_EQ(LatestTodayAnywhere(DaysFromCivil(Date{2026, 12, 31}) * 86400), (Date{2027, 1, 1}));
}

}  // namespace
}  // namespace dadly
