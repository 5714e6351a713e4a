#include "service/ai_usage_service.h"

#include "service/family_service.h"
#include "service/validate.h"

namespace dadly {

Result<AiUsageReport> AiUsageService::Usage(const std::string& caller, const std::string& family_id,
                                            const std::optional<std::string>& from,
                                            const std::optional<std::string>& to) {
  auto store = store_.ActingFor(caller);
  auto membership = RequireMembership(*store, family_id, caller);
  if (!membership) return tl::unexpected(membership.error());
  if (membership->role != Role::kOwner) return Forbidden("only an owner sees the family's AI use");
  const Date today = DateOfUnix(clock_.NowSeconds());
  Validator v;
  const Date far_future{9999, 12, 31};
  if (from) v.Day("from", *from, Date{1970, 1, 1}, far_future);
  if (to) v.Day("to", *to, Date{1970, 1, 1}, far_future);
  if (auto ok = v.Finish(); !ok) return tl::unexpected(ok.error());
  const Date last = to ? *ParseDate(*to) : today;
  const Date first = from ? *ParseDate(*from) : AddDays(last, -29);
  const int64_t begin = DaysFromCivil(first) * 86400;
  const int64_t end = (DaysFromCivil(last) + 1) * 86400;
  auto rows = store->SumAiRuns(family_id, begin, end);
  if (!rows) return tl::unexpected(rows.error());
  return AiUsageReport{FormatDate(first), FormatDate(last), std::move(*rows)};
}

}  // namespace dadly
