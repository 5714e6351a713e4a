// Runs the Store's job queue: worker threads claim due jobs, hand each to the handler for its
// kind, and end it — done; queued again after an exponential backoff with jitter; or dead after
// the last attempt, when the handler hears of it. A job is leased, not owned: if this process
// dies mid-job, another worker takes it once the lease lapses, so handlers must be idempotent.
// Thread safety: Start, Stop and Wake may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/time.h"
#include "store/store.h"

namespace dadly {

class JobHandler {
 public:
  virtual ~JobHandler() = default;
  // Does the job's work. An error means "try again later" until the attempts run out.
  virtual Status Run(const Job& job) = 0;
  // The job failed for the last time with `error`.
  virtual void GaveUp(const Job& job, const std::string& error) = 0;
};

struct JobRunnerOptions {
  int threads = 1;
  int64_t lease_seconds = 120;  // longer than any one job should take
  int max_attempts = 5;
  int64_t first_backoff_seconds = 10;
  int64_t max_backoff_seconds = 3600;
  std::chrono::milliseconds idle_poll{500};  // how often an idle worker looks for due jobs
  std::string name;                          // this process's worker name prefix
};

class JobRunner {
 public:
  JobRunner(Store& store, const Clock& clock, std::map<std::string, JobHandler*> handlers,
            JobRunnerOptions options);
  ~JobRunner() { Stop(); }

  void Start();
  // Lets running jobs finish, then joins the threads.
  void Stop();
  // Work was just queued: look now rather than at the next poll.
  void Wake();
  // Runs due jobs on the calling thread until none is due; returns how many ran (tests and
  // `dadly worker --once`).
  int Drain();

  // Seconds to wait before attempt `attempts + 1`: first_backoff * 2^(attempts-1), capped, with
  // ±50% jitter so that failures of many jobs do not retry in step.
  static int64_t Backoff(const JobRunnerOptions& options, int attempts, double jitter);

 private:
  void Loop(const std::string& worker);
  // Claims and runs at most one job; false when none was due.
  bool RunOne(const std::string& worker);

  Store& store_;
  const Clock& clock_;
  std::map<std::string, JobHandler*> handlers_;
  JobRunnerOptions options_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  uint64_t wakeups_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace dadly
