// How the OpenAI-compatible provider meets failure: retries of rate limits and server errors,
// quota exhaustion, refusals, timeouts, an unreachable server and the circuit breaker.
#include <gtest/gtest.h>

#include <mutex>

#include "ai/fake_openai_server.h"
#include "ai/openai_provider.h"
#include "auth/test_clock.h"

namespace dadly {
namespace {

using std::chrono::milliseconds;
using testing::FakeOpenAi;
using testing::ManualClock;

class OpenAiErrorsTest : public ::testing::Test {
 protected:
  std::unique_ptr<AiProvider> Provider(int max_retries = 2,
                                       milliseconds timeout = std::chrono::seconds(5)) {
    OpenAiOptions o;
    o.base_url = fake_.base_url();
    o.api_key = "sk-test";
    o.timeout = timeout;
    o.retry.max_retries = max_retries;
    o.retry.first_backoff = milliseconds(100);
    o.retry.max_backoff = milliseconds(300);
    o.clock = &clock_;
    o.sleep = [this](milliseconds d) {
      std::lock_guard lock(mu_);
      sleeps_.push_back(d);
    };
    return NewOpenAiProvider(o);
  }

  // Answers `failures` requests with `failure`, then a good answer.
  void FailThenAnswer(int failures, http::Response failure) {
    fake_.On("/chat/completions", [failures, failure](const http::Request&, int n) {
      return n < failures ? failure : FakeOpenAi::Completion("좋아요 [1].", 10, 2);
    });
  }

  Result<std::string> Ask(AiProvider& ai) {
    AiCall call;
    return ai.Answer(call, "질문", {{"2025-01-01", "기록"}});
  }

  std::vector<milliseconds> sleeps() {
    std::lock_guard lock(mu_);
    return sleeps_;
  }

  ManualClock clock_{1795000000};
  FakeOpenAi fake_;
  std::mutex mu_;
  std::vector<milliseconds> sleeps_;
};

TEST_F(OpenAiErrorsTest, ARateLimitIsRetriedAfterTheWaitTheServerAsks) {
  FailThenAnswer(1, FakeOpenAi::ApiError(429, "rate_limit_exceeded", "requests", "1"));
  auto ai = Provider();
  auto answer = Ask(*ai);
  ASSERT_TRUE(answer.has_value()) << answer.error().message;
  EXPECT_EQ(fake_.count("/chat/completions"), 2);
  EXPECT_EQ(sleeps(), std::vector<milliseconds>{milliseconds(1000)});
}

TEST_F(OpenAiErrorsTest, RetryAfterMsIsPreferred) {
  http::Response limited = FakeOpenAi::ApiError(429, "rate_limit_exceeded", "tokens", "7");
  limited.headers.emplace_back("retry-after-ms", "250");
  FailThenAnswer(1, limited);
  auto ai = Provider();
  ASSERT_TRUE(Ask(*ai).has_value());
  EXPECT_EQ(sleeps(), std::vector<milliseconds>{milliseconds(250)});
}

TEST_F(OpenAiErrorsTest, AnExhaustedQuotaIsNeverRetried) {
  FailThenAnswer(5, FakeOpenAi::ApiError(429, "insufficient_quota", "insufficient_quota"));
  auto ai = Provider();
  auto answer = Ask(*ai);
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(answer.error().message.find("insufficient_quota"), std::string::npos);
  EXPECT_EQ(fake_.count("/chat/completions"), 1);
  EXPECT_TRUE(sleeps().empty());
  // Recognised by its type alone, too.
  FailThenAnswer(5, FakeOpenAi::ApiError(429, "", "insufficient_quota"));
  EXPECT_EQ(Ask(*ai).error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(fake_.count("/chat/completions"), 2);
}

TEST_F(OpenAiErrorsTest, ARateLimitThatLastsBecomesRateLimited) {
  FailThenAnswer(5, FakeOpenAi::ApiError(429, "rate_limit_exceeded", "requests", "2"));
  auto ai = Provider();
  auto answer = Ask(*ai);
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(answer.error().retry_after_seconds, 2);
  EXPECT_EQ(fake_.count("/chat/completions"), 3);
  EXPECT_EQ(sleeps().size(), 2u);
}

TEST_F(OpenAiErrorsTest, AWaitLongerThanAllowedIsNotTakenNow) {
  FailThenAnswer(5, FakeOpenAi::ApiError(429, "rate_limit_exceeded", "requests", "600"));
  auto ai = Provider();
  auto answer = Ask(*ai);
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(answer.error().retry_after_seconds, 600);
  EXPECT_EQ(fake_.count("/chat/completions"), 1);
}

TEST_F(OpenAiErrorsTest, ServerErrorsAreRetriedTwiceWithBackoff) {
  FailThenAnswer(2, FakeOpenAi::ApiError(500, "server_error", "server_error"));
  auto ai = Provider();
  auto answer = Ask(*ai);
  ASSERT_TRUE(answer.has_value()) << answer.error().message;
  EXPECT_EQ(fake_.count("/chat/completions"), 3);
  const auto waited = sleeps();
  ASSERT_EQ(waited.size(), 2u);
  // 100 ms then 200 ms, each with jitter between half and all of it.
  EXPECT_GE(waited[0], milliseconds(50));
  EXPECT_LE(waited[0], milliseconds(100));
  EXPECT_GE(waited[1], milliseconds(100));
  EXPECT_LE(waited[1], milliseconds(200));
}

TEST_F(OpenAiErrorsTest, ServerErrorsGiveUpAfterThreeAttempts) {
  FailThenAnswer(3, FakeOpenAi::ApiError(503, "", "server_error"));
  auto ai = Provider();
  auto answer = Ask(*ai);
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(answer.error().message.find("503"), std::string::npos);
  EXPECT_EQ(fake_.count("/chat/completions"), 3);
}

TEST_F(OpenAiErrorsTest, RefusalsAreNotRetried) {
  FailThenAnswer(5, FakeOpenAi::ApiError(400, "context_length_exceeded", "invalid_request_error"));
  auto ai = Provider();
  auto answer = Ask(*ai);
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(answer.error().fields.empty());
  FailThenAnswer(5, FakeOpenAi::ApiError(401, "invalid_api_key", "invalid_request_error"));
  answer = Ask(*ai);
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(answer.error().message.find("sk-test"), std::string::npos);
  EXPECT_EQ(fake_.count("/chat/completions"), 2);
}

TEST_F(OpenAiErrorsTest, AServerThatHangsTimesOut) {
  fake_.On("/chat/completions", [this](const http::Request&, int) {
    fake_.Hang(std::chrono::seconds(10));
    return FakeOpenAi::Completion("too late");
  });
  auto ai = Provider(2, std::chrono::seconds(1));
  const auto start = std::chrono::steady_clock::now();
  auto answer = Ask(*ai);
  const auto took = std::chrono::steady_clock::now() - start;
  fake_.Release();
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(answer.error().message.find("timed out"), std::string::npos);
  EXPECT_LT(took, std::chrono::seconds(3));
  EXPECT_EQ(fake_.count("/chat/completions"), 1);
}

TEST_F(OpenAiErrorsTest, AStreamThatFallsSilentTimesOut) {
  testing::SilentStreamServer silent(
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"안\"}}]}\n\n");
  OpenAiOptions o;
  o.base_url = silent.base_url();
  o.timeout = std::chrono::seconds(1);
  o.clock = &clock_;
  AiCall call;
  std::string seen;
  const auto start = std::chrono::steady_clock::now();
  auto reply = NewOpenAiProvider(o)->Chat(call, {{"user", "안녕"}}, {},
                                          [&](std::string_view p) { seen += p; });
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(reply.error().message.find("timed out"), std::string::npos);
  EXPECT_EQ(seen, "안");
  EXPECT_LT(took, std::chrono::seconds(4));
}

TEST_F(OpenAiErrorsTest, AnUnreachableServerIsUnavailable) {
  OpenAiOptions o;
  o.base_url = "http://127.0.0.1:1/v1";  // nothing listens on port 1
  o.timeout = std::chrono::seconds(2);
  o.clock = &clock_;
  AiCall call;
  auto v = NewOpenAiProvider(o)->Embed(call, {"x"});
  ASSERT_FALSE(v.has_value());
  EXPECT_EQ(v.error().code, ErrorCode::kUnavailable);
}

TEST_F(OpenAiErrorsTest, TheCircuitBreakerOpensAfterFiveFailedCallsAndRecovers) {
  fake_.On("/chat/completions", [](const http::Request&, int n) {
    return n < 5 ? FakeOpenAi::ApiError(500, "server_error", "server_error")
                 : FakeOpenAi::Completion("다시 괜찮아요.", 1, 1);
  });
  auto ai = Provider(/*max_retries=*/0);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Ask(*ai).error().code, ErrorCode::kUnavailable);
  }
  EXPECT_EQ(fake_.count("/chat/completions"), 5);
  // Open: refused at once, the server is not asked.
  auto refused = Ask(*ai);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(refused.error().message.find("30 s"), std::string::npos) << refused.error().message;
  EXPECT_EQ(fake_.count("/chat/completions"), 5);
  clock_.Advance(29);
  EXPECT_FALSE(Ask(*ai).has_value());
  EXPECT_EQ(fake_.count("/chat/completions"), 5);
  // After the cool-down one trial goes through; it succeeds and the breaker closes.
  clock_.Advance(1);
  auto trial = Ask(*ai);
  ASSERT_TRUE(trial.has_value()) << trial.error().message;
  EXPECT_TRUE(Ask(*ai).has_value());
  EXPECT_EQ(fake_.count("/chat/completions"), 7);
}

}  // namespace
}  // namespace dadly
