// The emotion map: how often each emotion was felt, per day or month and per child, from the
// insights of the entries the caller may read — data for a heat-map.
// Thread safety: safe to call from many threads at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace dadly {

struct EmotionQuery {
  std::optional<std::string> from;  // inclusive YYYY-MM-DD
  std::optional<std::string> to;
  std::optional<std::string> member_id;
  std::optional<std::string> bucket;  // day | month (default)
};

struct EmotionCell {
  std::string id;       // joy, love, ...
  std::string label;    // 기쁨, 사랑, ...
  int64_t entries = 0;  // entries in the period that carry it
  double score = 0;     // their scores summed
};

struct EmotionPeriod {
  std::string period;                    // YYYY-MM-DD or YYYY-MM
  std::optional<std::string> member_id;  // null: entries that tag no member
  int64_t entries = 0;                   // analysed entries in the period
  std::vector<EmotionCell> emotions;     // strongest (summed score) first
};

struct EmotionMap {
  std::string bucket;
  std::vector<EmotionPeriod> periods;  // by period, then member (null first)
};

class EmotionService {
 public:
  explicit EmotionService(Store& store) : store_(store) {}

  Result<EmotionMap> Map(const std::string& caller, const std::string& family_id,
                         const EmotionQuery& query);

 private:
  Store& store_;
};

}  // namespace dadly
