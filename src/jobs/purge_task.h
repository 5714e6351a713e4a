// The periodic task that erases entries whose 30 days in the trash are over. Runs on its own
// thread from Start() until Stop() or destruction.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/entry_service.h"

namespace dadly {

class PurgeTask {
 public:
  PurgeTask(EntryService& entries, std::chrono::seconds interval)
      : entries_(entries), interval_(interval) {}
  ~PurgeTask() { Stop(); }

  // Runs a purge at once, then every interval.
  void Start();
  void Stop();

 private:
  void Run();

  EntryService& entries_;
  const std::chrono::seconds interval_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace dadly
