#include "auth/jwks_cache.h"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>
#include <vector>

#include "auth/test_clock.h"
#include "auth/test_keys.h"

namespace dadly {
namespace {

using testing::ManualClock;
using testing::TestKey;

// Serves whatever document the test put in it, or fails while `down` is set.
class FakeFetcher final : public JwksFetcher {
 public:
  struct State {
    std::atomic<int> fetches{0};
    std::atomic<bool> down{false};
    std::mutex mu;
    std::string document = R"({"keys":[]})";
  };
  explicit FakeFetcher(State& state) : state_(state) {}
  Result<std::string> Fetch() override {
    ++state_.fetches;
    if (state_.down) return Fail(ErrorCode::kUnavailable, "connection refused");
    std::lock_guard lock(state_.mu);
    return state_.document;
  }

 private:
  State& state_;
};

const TestKey& KeyA() {
  static const TestKey key = TestKey::Ec();
  return key;
}
const TestKey& KeyB() {
  static const TestKey key = TestKey::Ec();
  return key;
}

class JwksCacheTest : public ::testing::Test {
 protected:
  JwksCacheTest()
      : clock_(1795000000),
        cache_(std::make_unique<FakeFetcher>(state_), clock_,
               JwksCacheOptions{
                   .ttl_seconds = 600, .min_refetch_seconds = 30, .stale_grace_seconds = 3600}) {}

  void Publish(std::initializer_list<nlohmann::json> keys) {
    std::lock_guard lock(state_.mu);
    state_.document = nlohmann::json{{"keys", nlohmann::json::array_t(keys)}}.dump();
  }

  FakeFetcher::State state_;
  ManualClock clock_;
  JwksCache cache_;
};

TEST_F(JwksCacheTest, FetchesOnceAndServesFromMemoryWithinTheTtl) {
  Publish({KeyA().Jwk("a")});
  EXPECT_TRUE(cache_.Find("a"));
  clock_.Advance(599);
  EXPECT_TRUE(cache_.Find("a"));
  EXPECT_EQ(state_.fetches, 1);
}

TEST_F(JwksCacheTest, UnknownKidRefetchesAtMostOncePerInterval) {
  Publish({KeyA().Jwk("a")});
  ASSERT_TRUE(cache_.Find("a"));
  clock_.Advance(31);
  EXPECT_FALSE(cache_.Find("made-up-1"));  // refetched, still unknown
  EXPECT_EQ(state_.fetches, 2);
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(cache_.Find("made-up-" + std::to_string(i)));
  EXPECT_EQ(state_.fetches, 2);  // no hammering within the interval
  clock_.Advance(30);
  EXPECT_FALSE(cache_.Find("made-up-again"));
  EXPECT_EQ(state_.fetches, 3);
  EXPECT_TRUE(cache_.Find("a"));  // known keys never wait for the interval
}

TEST_F(JwksCacheTest, RotatedInKeyIsFoundAfterARefetch) {
  Publish({KeyA().Jwk("a")});
  ASSERT_TRUE(cache_.Find("a"));
  Publish({KeyA().Jwk("a"), KeyB().Jwk("b")});
  EXPECT_FALSE(cache_.Find("b"));  // too soon after the last fetch
  clock_.Advance(30);
  EXPECT_TRUE(cache_.Find("b"));
  EXPECT_EQ(state_.fetches, 2);
}

TEST_F(JwksCacheTest, RemovedKeyIsRefusedOnceTheTtlRunsOut) {
  Publish({KeyA().Jwk("a"), KeyB().Jwk("b")});
  ASSERT_TRUE(cache_.Find("a"));
  Publish({KeyB().Jwk("b")});
  clock_.Advance(300);
  EXPECT_TRUE(cache_.Find("a"));  // still trusted within the TTL
  clock_.Advance(300);
  EXPECT_FALSE(cache_.Find("a"));
  EXPECT_TRUE(cache_.Find("b"));
  EXPECT_EQ(state_.fetches, 2);
}

TEST_F(JwksCacheTest, UnreachableIssuerFindsNothingAndIsNotHammered) {
  state_.down = true;
  EXPECT_FALSE(cache_.Find("a"));
  EXPECT_FALSE(cache_.Find("a"));
  EXPECT_EQ(state_.fetches, 1);
  clock_.Advance(30);
  Publish({KeyA().Jwk("a")});
  state_.down = false;
  EXPECT_TRUE(cache_.Find("a"));
}

TEST_F(JwksCacheTest, FailedRefreshKeepsTheOldSetForAGracePeriod) {
  Publish({KeyA().Jwk("a")});
  ASSERT_TRUE(cache_.Find("a"));
  state_.down = true;
  clock_.Advance(600);
  EXPECT_TRUE(cache_.Find("a"));  // refresh failed: the expired set is still used
  clock_.Advance(3600);
  EXPECT_FALSE(cache_.Find("a"));  // past the grace period
}

TEST_F(JwksCacheTest, MalformedDocumentCountsAsAFailedFetch) {
  Publish({KeyA().Jwk("a")});
  ASSERT_TRUE(cache_.Find("a"));
  {
    std::lock_guard lock(state_.mu);
    state_.document = "<html>gateway timeout</html>";
  }
  clock_.Advance(600);
  EXPECT_TRUE(cache_.Find("a"));
  EXPECT_EQ(state_.fetches, 2);
}

TEST_F(JwksCacheTest, ConcurrentCallersShareOneFetch) {
  Publish({KeyA().Jwk("a")});
  std::vector<std::thread> threads;
  std::atomic<int> found{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] { found += cache_.Find("a") != nullptr; });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(found, 8);
  EXPECT_EQ(state_.fetches, 1);
}

}  // namespace
}  // namespace dadly
