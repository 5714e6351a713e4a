// Calendar dates and timestamps. Pure functions; no I/O besides reading the system clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dadly {

// A day in the proleptic Gregorian calendar (the day of a moment, a birthdate).
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;
  auto operator<=>(const Date&) const = default;
};

// Strict `YYYY-MM-DD` with a real calendar day (2026-02-30 is rejected).
std::optional<Date> ParseDate(std::string_view s);
std::string FormatDate(const Date& d);
// The month's English name, 1 → "January".
const char* EnglishMonthName(int month);
// A day as a sentence says it: "2025년 5월 5일", or "May 5, 2025" in English.
std::string SpokenDate(const Date& d, bool korean);
// Days since 1970-01-01 and back.
int64_t DaysFromCivil(const Date& d);
Date CivilFromDays(int64_t days);
Date DateOfUnix(int64_t unix_seconds);
// The latest calendar day anywhere at `unix_seconds`: the UTC day plus one, since clocks run up to
// 14 hours ahead of UTC. A day the client calls today is never later than this.
Date LatestTodayAnywhere(int64_t unix_seconds);
Date AddDays(const Date& d, int64_t days);
// Whole months completed from `from` to `to` (negative when `to` is earlier).
int MonthsBetween(const Date& from, const Date& to);
// The first day on which MonthsBetween(birth, day) reaches `months` (months >= 0): the same day
// of the month `months` later, or the 1st of the next month when that month is too short.
Date FirstDayAtMonths(const Date& birth, int months);
// RFC 3339 UTC with a Z, second precision.
std::string FormatTimestamp(int64_t unix_seconds);
// The same 20 characters in place, for a writer that copies them at once (no allocation).
struct TimestampText {
  char text[20];
  operator std::string_view() const { return {text, sizeof text}; }
};
TimestampText TimestampTextOf(int64_t unix_seconds);

// The source of "now", injected so that tests can move time (trash purge, token expiry).
// Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowSeconds() const = 0;
};

// The real wall clock.
const Clock& SystemClock();

}  // namespace dadly
