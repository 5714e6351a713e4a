#include "core/keyed_lanes.h"

namespace dadly {

void KeyedLanes::Submit(uint64_t key, bool waits, std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    if (auto lane = busy_.find(key); lane != busy_.end()) {
      lane->second.push_back(std::move(task));
      return;
    }
    if (waits) busy_.emplace(key, std::deque<std::function<void()>>{});
  }
  if (!waits) {
    task();
    return;
  }
  queue_.Post([this, key, task = std::move(task)]() mutable { RunLane(key, std::move(task)); });
}

void KeyedLanes::RunLane(uint64_t key, std::function<void()> task) {
  while (true) {
    task();
    std::lock_guard lock(mu_);
    auto lane = busy_.find(key);
    if (lane->second.empty()) {
      busy_.erase(lane);
      return;
    }
    task = std::move(lane->second.front());
    lane->second.pop_front();
  }
}

}  // namespace dadly
