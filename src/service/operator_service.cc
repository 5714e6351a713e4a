#include "service/operator_service.h"

#include "service/validate.h"

namespace dadly {

Result<std::vector<Job>> OperatorService::ListJobs(const std::string& caller,
                                                   const std::optional<std::string>& state,
                                                   const std::optional<std::string>& limit) {
  if (!admin_user_ids_.contains(caller)) {
    return Forbidden("only the operators of this Dadly may see its jobs");
  }
  Validator v;
  const auto parsed_state = ParseJobState(state.value_or("dead"));
  if (!parsed_state) v.Add("state", "must be queued, running, done or dead");
  const int max = v.Limit(limit, 50, 200);
  if (auto ok = v.Finish(); !ok) return tl::unexpected(ok.error());
  return store_.ListJobs(*parsed_state, max);
}

}  // namespace dadly
