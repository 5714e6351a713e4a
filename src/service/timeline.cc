// Timeline buckets: by year, by month, or by a child's age (months under two, years after).
#include <map>

#include "core/ids.h"
#include "service/entry_service.h"
#include "service/family_service.h"

namespace dadly {

std::string BucketKey(const std::string& group, const Date& day,
                      const std::optional<Date>& birthdate) {
  const std::string text = FormatDate(day);
  if (group == "year") return text.substr(0, 4);
  if (group == "month") return text.substr(0, 7);
  if (day < *birthdate) return "prenatal";
  const int months = MonthsBetween(*birthdate, day);
  return months < 24 ? "m" + std::to_string(months) : "y" + std::to_string(months / 12);
}

std::pair<Date, Date> BucketDays(const std::string& group, const std::string& key,
                                 const std::optional<Date>& birthdate) {
  if (group == "year") {
    const int year = std::stoi(key);
    return {Date{year, 1, 1}, Date{year, 12, 31}};
  }
  if (group == "month") {
    const Date first = *ParseDate(key + "-01");
    return {first, AddDays(FirstDayAtMonths(first, 1), -1)};
  }
  if (key == "prenatal") return {Date{1, 1, 1}, AddDays(*birthdate, -1)};
  const int n = std::stoi(key.substr(1));
  const int from_months = key[0] == 'm' ? n : n * 12;
  const int to_months = key[0] == 'm' ? n + 1 : (n + 1) * 12;
  return {FirstDayAtMonths(*birthdate, from_months),
          AddDays(FirstDayAtMonths(*birthdate, to_months), -1)};
}

std::string BucketLabel(const std::string& group, const std::string& key,
                        const std::string& locale) {
  const bool ko = locale != "en";
  if (group == "year") return ko ? key + "년" : key;
  if (group == "month") {
    const int month = std::stoi(key.substr(5, 2));
    return ko ? key.substr(0, 4) + "년 " + std::to_string(month) + "월"
              : std::string(EnglishMonthName(month)) + " " + key.substr(0, 4);
  }
  if (key == "prenatal") return ko ? "태어나기 전" : "before birth";
  const std::string n = key.substr(1);
  if (key[0] == 'm') return ko ? "생후 " + n + "개월" : n + (n == "1" ? " month" : " months");
  return ko ? n + "살" : "age " + n;
}

Result<Timeline> EntryService::GetTimeline(const std::string& caller, const std::string& family_id,
                                           const std::string& group, const ListParams& params) {
  auto access = AccessFor(caller, family_id);
  if (!access) return tl::unexpected(access.error());
  if (group != "year" && group != "month" && group != "age") {
    return Invalid("group", "must be year, month or age");
  }
  auto query = PageQuery(*access, params);
  if (!query) return tl::unexpected(query.error());

  std::optional<Date> birthdate;
  if (group == "age") {
    if (!params.member_id) return Invalid("member_id", "is required to group by age");
    auto member = access->store->FindMember(family_id, *params.member_id);
    if (!member && member.error().code != ErrorCode::kNotFound) {
      return tl::unexpected(member.error());
    }
    if (!member) return Invalid("member_id", "must be a member of this family");
    if (!member->birthdate) return Invalid("member_id", "this member has no birthdate");
    birthdate = ParseDate(*member->birthdate);
  }
  auto user = access->store->FindUser(caller);
  if (!user) return tl::unexpected(user.error());

  auto page = FetchPage(*access, *query);
  if (!page) return tl::unexpected(page.error());

  Timeline timeline{group, {}, page->next_cursor};
  for (auto& entry : page->items) {
    const std::string key = BucketKey(group, *ParseDate(entry.occurred_at), birthdate);
    if (timeline.buckets.empty() || timeline.buckets.back().key != key) {
      timeline.buckets.push_back(TimelineBucket{key, BucketLabel(group, key, user->locale), 0, {}});
    }
    timeline.buckets.back().entries.push_back(std::move(entry));
  }
  // Count only the buckets on this page, each within its own days, so the cost follows the
  // page and not the size of the archive.
  for (auto& bucket : timeline.buckets) {
    auto [first, last] = BucketDays(group, bucket.key, birthdate);
    EntryFilter filter = query->filter;
    if (!filter.from || FormatDate(first) > *filter.from) filter.from = FormatDate(first);
    if (!filter.to || FormatDate(last) < *filter.to) filter.to = FormatDate(last);
    auto count = access->store->CountEntries(filter);
    if (!count) return tl::unexpected(count.error());
    bucket.count = *count;
  }
  return timeline;
}

}  // namespace dadly
