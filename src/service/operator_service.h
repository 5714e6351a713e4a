// What the instance's operators (DADLY_ADMIN_EMAILS) may see across families: the job queue,
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
  OperatorService(Store& store, std::set<std::string> admin_emails)
      : store_(store), admin_emails_(std::move(admin_emails)) {}

  // Jobs in `state` (default dead), most recently changed first, at most `limit` (default 50,
  // 1..200). kPermissionDenied unless the caller's email is an operator's.
  Result<std::vector<Job>> ListJobs(const std::string& caller,
                                    const std::optional<std::string>& state,
                                    const std::optional<std::string>& limit);

 private:
  Store& store_;
  const std::set<std::string> admin_emails_;
};

}  // namespace dadly
