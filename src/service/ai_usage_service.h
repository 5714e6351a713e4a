// What a family's use of AI cost: its traced provider calls summed per operation and model over a
// span of days, for the family's owners.
// Thread safety: safe to call from many threads at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "store/store.h"

namespace dadly {

struct AiUsageReport {
  std::string from;  // inclusive YYYY-MM-DD (UTC)
  std::string to;    // inclusive
  std::vector<AiUsage> rows;
};

class AiUsageService {
 public:
  AiUsageService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // From `from` to `to` (inclusive days; default the last 30 days up to today).
  // kPermissionDenied unless the caller owns the family.
  Result<AiUsageReport> Usage(const std::string& caller, const std::string& family_id,
                              const std::optional<std::string>& from,
                              const std::optional<std::string>& to);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace dadly
