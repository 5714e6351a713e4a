// Keeps the tasks that share a key in the order they came, once one of them has to wait: the
// server keys requests by their connection, so that a GET pipelined behind its own POST reads
// what the POST wrote, and two pipelined writes land in the order sent.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <unordered_map>

#include "core/work_queue.h"

namespace dadly {

class KeyedLanes {
 public:
  // Tasks that wait run on `threads` threads of its own.
  explicit KeyedLanes(int threads) : queue_(threads) {}

  // A task that need not wait runs here and now, unless an earlier task of its key has not
  // finished: then it runs on the queue after that one. A task that waits always runs on the
  // queue, after the earlier tasks of its key.
  void Submit(uint64_t key, bool waits, std::function<void()> task);

 private:
  // Runs `task`, then the tasks queued behind it under `key`, one after the other.
  void RunLane(uint64_t key, std::function<void()> task);

  std::mutex mu_;
  // A key is here while one of its tasks runs on the queue, with the tasks waiting behind it.
  std::unordered_map<uint64_t, std::deque<std::function<void()>>> busy_;
  // Last, so that it goes first: it runs what was posted, then joins its threads.
  WorkQueue queue_;
};

}  // namespace dadly
