#include "model/job.h"

namespace dadly {

const char* JobStateName(JobState state) {
  switch (state) {
    case JobState::kQueued:
      return "queued";
    case JobState::kRunning:
      return "running";
    case JobState::kDone:
      return "done";
    case JobState::kDead:
      return "dead";
  }
  return "queued";
}

std::optional<JobState> ParseJobState(const std::string& name) {
  for (auto s : {JobState::kQueued, JobState::kRunning, JobState::kDone, JobState::kDead}) {
    if (name == JobStateName(s)) return s;
  }
  return std::nullopt;
}

}  // namespace dadly
