#include "core/keyed_lanes.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

namespace dadly {
namespace {

TEST(KeyedLanesTest, ATaskThatNeedNotWaitRunsAtOnceOnTheCallersThread) {
  KeyedLanes lanes(2);
  std::thread::id ran_on;
  lanes.Submit(1, /*waits=*/false, [&] { ran_on = std::this_thread::get_id(); });
  EXPECT_EQ(ran_on, std::this_thread::get_id());
}

TEST(KeyedLanesTest, AReadBehindItsKeysWriteRunsAfterIt) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::vector<int> order;
  std::mutex order_mu;
  auto note = [&](int n) {
    std::lock_guard lock(order_mu);
    order.push_back(n);
  };
  bool other_key_ran = false;
  {
    KeyedLanes lanes(4);
    lanes.Submit(7, /*waits=*/true, [&] {
      released.wait();
      note(1);
    });
    lanes.Submit(7, /*waits=*/false, [&] { note(2); });
    EXPECT_TRUE(order.empty()) << "the read ran before the write it follows";
    lanes.Submit(8, /*waits=*/false, [&] { other_key_ran = true; });
    EXPECT_TRUE(other_key_ran) << "another key's read waited for key 7";
    release.set_value();
  }  // the lanes run what was submitted before they go
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST(KeyedLanesTest, EachKeysTasksRunInTheOrderSubmitted) {
  constexpr int kKeys = 6;
  constexpr int kTasks = 300;
  std::vector<std::vector<int>> seen(kKeys);
  std::atomic<int> ran{0};
  {
    KeyedLanes lanes(8);
    for (int i = 0; i < kTasks; ++i) {
      for (int k = 0; k < kKeys; ++k) {
        // Tasks of one key never run at once, so each key's list needs no lock of its own.
        lanes.Submit(static_cast<uint64_t>(k), /*waits=*/(i + k) % 3 != 0, [&, i, k] {
          seen[static_cast<size_t>(k)].push_back(i);
          ++ran;
        });
      }
    }
  }
  EXPECT_EQ(ran.load(), kKeys * kTasks);
  for (int k = 0; k < kKeys; ++k) {
    std::vector<int> want(kTasks);
    for (int i = 0; i < kTasks; ++i) want[static_cast<size_t>(i)] = i;
    EXPECT_EQ(seen[static_cast<size_t>(k)], want) << "key " << k;
  }
}

}  // namespace
}  // namespace dadly
