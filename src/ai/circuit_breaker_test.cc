#include "ai/circuit_breaker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "auth/test_clock.h"

namespace dadly {
namespace {

using State = CircuitBreaker::State;
using testing::ManualClock;

class CircuitBreakerTest : public ::testing::Test {
 protected:
  // Fails `n` calls in a row through the breaker.
  void FailCalls(int n) {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(breaker_.Allow());
      breaker_.Record(false);
    }
  }

  ManualClock clock_{1795000000};
  CircuitBreaker breaker_{clock_, {.failure_threshold = 5, .cool_down_seconds = 30}};
};

TEST_F(CircuitBreakerTest, StaysClosedBelowTheThreshold) {
  FailCalls(4);
  EXPECT_EQ(breaker_.state(), State::kClosed);
  EXPECT_TRUE(breaker_.Allow());
  breaker_.Record(true);  // a success starts the count again
  FailCalls(4);
  EXPECT_EQ(breaker_.state(), State::kClosed);
  EXPECT_EQ(breaker_.SecondsUntilTrial(), 0);
}

TEST_F(CircuitBreakerTest, OpensAfterFiveFailuresAndRefusesDuringTheCoolDown) {
  FailCalls(5);
  EXPECT_EQ(breaker_.state(), State::kOpen);
  EXPECT_FALSE(breaker_.Allow());
  EXPECT_EQ(breaker_.SecondsUntilTrial(), 30);
  clock_.Advance(29);
  EXPECT_FALSE(breaker_.Allow());
  EXPECT_EQ(breaker_.SecondsUntilTrial(), 1);
}

TEST_F(CircuitBreakerTest, LetsOneTrialThroughAndClosesWhenItSucceeds) {
  FailCalls(5);
  clock_.Advance(30);
  EXPECT_TRUE(breaker_.Allow());
  EXPECT_EQ(breaker_.state(), State::kHalfOpen);
  EXPECT_FALSE(breaker_.Allow()) << "a second call while the trial runs";
  breaker_.Record(true);
  EXPECT_EQ(breaker_.state(), State::kClosed);
  EXPECT_TRUE(breaker_.Allow());
  breaker_.Record(true);
  FailCalls(4);  // the failure count started again
  EXPECT_EQ(breaker_.state(), State::kClosed);
}

TEST_F(CircuitBreakerTest, AFailedTrialOpensItForAnotherCoolDown) {
  FailCalls(5);
  clock_.Advance(31);
  ASSERT_TRUE(breaker_.Allow());
  breaker_.Record(false);
  EXPECT_EQ(breaker_.state(), State::kOpen);
  EXPECT_FALSE(breaker_.Allow());
  EXPECT_EQ(breaker_.SecondsUntilTrial(), 30);
  clock_.Advance(30);
  EXPECT_TRUE(breaker_.Allow());
}

TEST_F(CircuitBreakerTest, OnlyOneOfManyThreadsGetsTheTrial) {
  FailCalls(5);
  clock_.Advance(30);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (breaker_.Allow()) ++allowed;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 1);
  breaker_.Record(true);
  EXPECT_EQ(breaker_.state(), State::kClosed);
}

}  // namespace
}  // namespace dadly
