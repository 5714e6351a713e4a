#include "core/time.h"

#include <chrono>
#include <cstdio>

namespace dadly {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

class RealClock final : public Clock {
 public:
  int64_t NowSeconds() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace

std::optional<Date> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto digits = [&](size_t pos, size_t n) -> int {
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  Date d{digits(0, 4), digits(5, 2), digits(8, 2)};
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
  if (d.day > DaysInMonth(d.year, d.month)) return std::nullopt;
  return d;
}

std::string FormatDate(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

const char* EnglishMonthName(int month) {
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  return kMonths[month - 1];
}

std::string SpokenDate(const Date& d, bool korean) {
  const std::string day = std::to_string(d.day);
  const std::string year = std::to_string(d.year);
  if (korean) return year + "년 " + std::to_string(d.month) + "월 " + day + "일";
  return std::string(EnglishMonthName(d.month)) + " " + day + ", " + year;
}

// Howard Hinnant's civil-date algorithms.
int64_t DaysFromCivil(const Date& d) {
  const int64_t y = d.month <= 2 ? d.year - 1 : d.year;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (d.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return Date{y, m, d};
}

Date DateOfUnix(int64_t unix_seconds) {
  int64_t days = unix_seconds / 86400;
  if (unix_seconds % 86400 < 0) --days;
  return CivilFromDays(days);
}

Date LatestTodayAnywhere(int64_t unix_seconds) { return AddDays(DateOfUnix(unix_seconds), 1); }

Date AddDays(const Date& d, int64_t days) { return CivilFromDays(DaysFromCivil(d) + days); }

int MonthsBetween(const Date& from, const Date& to) {
  int months = (to.year - from.year) * 12 + (to.month - from.month);
  if (months > 0 && to.day < from.day) --months;
  if (months < 0 && to.day > from.day) ++months;
  return months;
}

Date FirstDayAtMonths(const Date& birth, int months) {
  const int index = birth.year * 12 + (birth.month - 1) + months;
  const int year = index / 12;
  const int month = index % 12 + 1;
  if (birth.day <= DaysInMonth(year, month)) return Date{year, month, birth.day};
  return month == 12 ? Date{year + 1, 1, 1} : Date{year, month + 1, 1};
}

std::string FormatTimestamp(int64_t unix_seconds) {
  return std::string(TimestampTextOf(unix_seconds));
}

TimestampText TimestampTextOf(int64_t unix_seconds) {
  // Written digit by digit: this runs several times for every entry of every list response.
  const Date d = DateOfUnix(unix_seconds);
  int64_t secs = unix_seconds % 86400;
  if (secs < 0) secs += 86400;
  TimestampText out{{'0', '0', '0', '0', '-', '0', '0', '-', '0', '0',
                     'T', '0', '0', ':', '0', '0', ':', '0', '0', 'Z'}};
  auto put = [&out](size_t pos, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10)
      out.text[pos + i] = static_cast<char>('0' + value % 10);
  };
  put(0, d.year, 4);
  put(5, d.month, 2);
  put(8, d.day, 2);
  put(11, static_cast<int>(secs / 3600), 2);
  put(14, static_cast<int>(secs / 60 % 60), 2);
  put(17, static_cast<int>(secs % 60), 2);
  return out;
}

const Clock& SystemClock() {
  static const RealClock clock;
  return clock;
}

}  // namespace dadly
