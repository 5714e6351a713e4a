#include "jobs/job_runner.h"

#include <algorithm>
#include <random>

#include "core/log.h"

namespace dadly {

JobRunner::JobRunner(Store& store, const Clock& clock, std::map<std::string, JobHandler*> handlers,
                     JobRunnerOptions options)
    : store_(store), clock_(clock), handlers_(std::move(handlers)), options_(std::move(options)) {}

void JobRunner::Start() {
  std::lock_guard lock(mu_);
  stopping_ = false;
  for (int i = 0; i < options_.threads; ++i) {
    threads_.emplace_back([this, i] { Loop(options_.name + "/" + std::to_string(i)); });
  }
}

void JobRunner::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void JobRunner::Wake() {
  {
    std::lock_guard lock(mu_);
    ++wakeups_;
  }
  wake_.notify_one();
}

int JobRunner::Drain() {
  int ran = 0;
  while (RunOne(options_.name + "/drain")) ++ran;
  return ran;
}

int64_t JobRunner::Backoff(const JobRunnerOptions& o, int attempts, double jitter) {
  const int doublings = std::clamp(attempts - 1, 0, 30);
  const double base = std::min<double>(
      static_cast<double>(o.max_backoff_seconds),
      static_cast<double>(o.first_backoff_seconds) * static_cast<double>(int64_t{1} << doublings));
  return std::max<int64_t>(1, static_cast<int64_t>(base * (0.5 + jitter)));
}

void JobRunner::Loop(const std::string& worker) {
  while (true) {
    uint64_t seen;
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      seen = wakeups_;
    }
    if (RunOne(worker)) continue;  // there may be more
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, options_.idle_poll, [&] { return stopping_ || wakeups_ != seen; });
  }
}

bool JobRunner::RunOne(const std::string& worker) {
  auto claimed = store_.ClaimJobs(worker, 1, clock_.NowSeconds(), options_.lease_seconds);
  if (!claimed) {
    Log(Severity::kError, "job queue unavailable", {{"error", claimed.error().message}});
    return false;
  }
  if (claimed->empty()) return false;
  const Job& job = claimed->front();
  auto handler = handlers_.find(job.kind);
  Status result = handler == handlers_.end()
                      ? Fail(ErrorCode::kInternal, "no handler for jobs of kind " + job.kind)
                      : handler->second->Run(job);
  const int64_t now = clock_.NowSeconds();
  if (result) {
    if (auto ok = store_.EndJob(job.id, worker, std::nullopt, std::nullopt, now); !ok) {
      Log(Severity::kWarning, "job finished after its lease was lost",
          {{"job_id", job.id}, {"error", ok.error().message}});
    }
    return true;
  }
  const std::string error = result.error().message;
  std::optional<int64_t> retry_at;
  if (job.attempts < options_.max_attempts) {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    const double jitter = std::uniform_real_distribution<double>(0, 1)(rng);
    int64_t wait = Backoff(options_, job.attempts, jitter);
    wait = std::max<int64_t>(wait, result.error().retry_after_seconds);
    retry_at = now + wait;
  }
  Log(retry_at ? Severity::kWarning : Severity::kError,
      retry_at ? "job failed; will retry" : "job failed for the last time",
      {{"job_id", job.id}, {"kind", job.kind}, {"attempts", job.attempts}, {"error", error}});
  if (auto ok = store_.EndJob(job.id, worker, error, retry_at, now); !ok) return true;
  if (!retry_at && handler != handlers_.end()) handler->second->GaveUp(job, error);
  return true;
}

}  // namespace dadly
