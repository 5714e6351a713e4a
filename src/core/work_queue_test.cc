#include "core/work_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

namespace dadly {
namespace {

TEST(WorkQueueTest, RunsEveryTaskPostedBeforeItGoes) {
  std::atomic<int> ran{0};
  {
    WorkQueue queue(3);
    for (int i = 0; i < 200; ++i) queue.Post([&] { ++ran; });
  }
  EXPECT_EQ(ran.load(), 200);
}

TEST(WorkQueueTest, TasksRunOnSeveralThreadsAtOnce) {
  constexpr int kThreads = 4;
  std::atomic<int> arrived{0};
  std::atomic<int> met{0};
  {
    WorkQueue queue(kThreads);
    for (int i = 0; i < kThreads; ++i) {
      queue.Post([&] {
        ++arrived;
        // Each task waits (up to 10 s) for all the others to have started.
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (arrived.load() < kThreads && std::chrono::steady_clock::now() < give_up) {
          std::this_thread::yield();
        }
        if (arrived.load() == kThreads) ++met;
      });
    }
  }
  EXPECT_EQ(met.load(), kThreads);
}

}  // namespace
}  // namespace dadly
