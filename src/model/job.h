// A job: work the server does in the background, durably queued in the Store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dadly {

enum class JobState { kQueued, kRunning, kDone, kDead };

const char* JobStateName(JobState state);
std::optional<JobState> ParseJobState(const std::string& name);

struct Job {
  int64_t id = 0;
  std::string kind;  // "insight": analyse and embed one entry version
  std::string family_id;
  std::string entry_id;    // what the job is about
  int64_t version = 0;     // the entry version it is for; a newer version makes it stale
  std::string acting_for;  // whose rights it runs with (the entry's author)
  JobState state = JobState::kQueued;
  int attempts = 0;                    // started runs so far
  int64_t run_after = 0;               // unix seconds: not before
  std::optional<int64_t> lease_until;  // while running: another worker may take it after
  std::string worker;                  // who holds the lease
  std::string last_error;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

}  // namespace dadly
