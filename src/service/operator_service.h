// What the instance's operators (DADLY_ADMIN_USER_IDS) may see across families: the job queue,
// to find dead jobs. Jobs carry ids and errors, never entry text.
// Thread safety: safe to call from many threads at once.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/store.h"

namespace dadly {

class OperatorService {
 public:
  OperatorService(Store& store, std::set<std::string> admin_user_ids)
      : store_(store), admin_user_ids_(std::move(admin_user_ids)) {}

  // Jobs in `state` (default dead), most recently changed first, at most `limit` (default 50,
  // 1..200). kPermissionDenied unless the caller is one of the operators.
  Result<std::vector<Job>> ListJobs(const std::string& caller,
                                    const std::optional<std::string>& state,
                                    const std::optional<std::string>& limit);

 private:
  Store& store_;
  const std::set<std::string> admin_user_ids_;
};

}  // namespace dadly
