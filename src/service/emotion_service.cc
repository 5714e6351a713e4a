#include "service/emotion_service.h"

#include <algorithm>
#include <map>

#include "core/ids.h"
#include "service/family_service.h"
#include "service/validate.h"

namespace dadly {

Result<EmotionMap> EmotionService::Map(const std::string& caller, const std::string& family_id,
                                       const EmotionQuery& q) {
  auto store = store_.ActingFor(caller);
  auto reader = RequireReader(*store, family_id, caller);
  if (!reader) return tl::unexpected(reader.error());
  Validator v;
  const std::string bucket = q.bucket.value_or("month");
  if (bucket != "day" && bucket != "month") v.Add("bucket", "must be day or month");
  const Date far_future{9999, 12, 31};
  if (q.from) v.Day("from", *q.from, Date{1, 1, 1}, far_future);
  if (q.to) v.Day("to", *q.to, Date{1, 1, 1}, far_future);
  if (q.member_id && !IsUuid(*q.member_id)) v.Add("member_id", "must be a member id");
  if (auto ok = v.Finish(); !ok) return tl::unexpected(ok.error());

  EntryFilter filter = reader->filter;
  filter.member_id = q.member_id;
  filter.from = q.from;
  filter.to = q.to;
  auto entries = store->ListAllEntries(filter);
  if (!entries) return tl::unexpected(entries.error());

  // (period, member) -> emotion id -> cell; an entry about two children counts for each.
  using Key = std::pair<std::string, std::optional<std::string>>;
  std::map<Key, std::pair<int64_t, std::map<std::string, EmotionCell>>> cells;
  for (const Entry& e : *entries) {
    if (!e.insight || e.insight->status != "done") continue;
    const std::string period = bucket == "day" ? e.occurred_at : e.occurred_at.substr(0, 7);
    std::vector<std::optional<std::string>> members;
    for (const auto& m : e.member_ids) {
      if (!q.member_id || m == *q.member_id) members.emplace_back(m);
    }
    if (e.member_ids.empty()) members.emplace_back(std::nullopt);
    for (const auto& member : members) {
      auto& [count, emotions] = cells[{period, member}];
      ++count;
      for (const auto& score : e.insight->analysis.emotions) {
        EmotionCell& cell = emotions[score.name];
        cell.id = score.name;
        cell.label = score.label_ko;
        ++cell.entries;
        cell.score += score.score;
      }
    }
  }
  EmotionMap out{bucket, {}};
  for (auto& [key, value] : cells) {
    EmotionPeriod p{key.first, key.second, value.first, {}};
    for (auto& [id, cell] : value.second) p.emotions.push_back(cell);
    std::sort(p.emotions.begin(), p.emotions.end(), [](const auto& a, const auto& b) {
      return a.score != b.score ? a.score > b.score : a.id < b.id;
    });
    out.periods.push_back(std::move(p));
  }
  return out;
}

}  // namespace dadly
