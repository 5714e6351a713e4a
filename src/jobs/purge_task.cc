#include "jobs/purge_task.h"

#include "core/log.h"

namespace dadly {

void PurgeTask::Start() {
  thread_ = std::thread([this] { Run(); });
}

void PurgeTask::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PurgeTask::Run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    auto purged = entries_.PurgeExpiredTrash();
    if (!purged) {
      Log(Severity::kWarning, "trash purge failed; will retry",
          {{"error", purged.error().message}});
    } else if (*purged > 0) {
      Log(Severity::kInfo, "trash purged", {{"entries", *purged}});
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace dadly
