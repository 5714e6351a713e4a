#include "service/operator_service.h"

#include "service/validate.h"

namespace dadly {

Result<std::vector<Job>> OperatorService::ListJobs(const std::string& caller,
                                                   const std::optional<std::string>& state,
                                                   const std::optional<std::string>& limit) {
  auto user = store_.ActingFor(caller)->FindUser(caller);
  if (!user) return tl::unexpected(user.error());
  if (!admin_emails_.contains(user->email)) {
    return Forbidden("only the operators of this Dadly may see its jobs");
  }
  Validator v;
  const auto parsed_state = ParseJobState(state.value_or("dead"));
  if (!parsed_state) v.Add("state", "must be queued, running, done or dead");
  int max = 50;
  if (limit) {
    const auto n = ParseInt64(*limit);
    if (!n || *n < 1 || *n > 200) {
      v.Add("limit", "must be a whole number from 1 to 200");
    } else {
      max = static_cast<int>(*n);
    }
  }
  if (auto ok = v.Finish(); !ok) return tl::unexpected(ok.error());
  return store_.ListJobs(*parsed_state, max);
}

}  // namespace dadly
