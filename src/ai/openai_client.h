// Calls to an OpenAI-compatible API with the policy every call shares: the API key, the timeout,
// retries of what may pass (429 rate limits and 5xx errors, at most `max_retries` times, waiting
// as the server asks through `retry-after-ms` / `Retry-After`, else an exponential backoff with
// jitter), and a circuit breaker that makes calls fail fast while the provider keeps failing.
// Non-2xx answers become error values here, and only here:
//
//   429 insufficient_quota (error.code or error.type)  kUnavailable, never retried
//   429 otherwise, retries spent                       kRateLimited with retry_after_seconds
//   5xx, retries spent                                 kUnavailable
//   400, 413, 422                                      kInvalidArgument (the input was refused)
//   401, 403, 404, other 4xx                           kUnavailable (a setup problem: key, URL,
//                                                      model name)
//   no answer (unreachable, timed out, cut off)        kUnavailable, not retried
//
// The breaker counts a call as failed when it ended without an answer or with 401, 403, 429 or
// 5xx; any other answer counts as a success. Messages name statuses and error codes, never the
// API key or the texts sent.
//
// Thread safety: Post may be called from many threads at once.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "ai/circuit_breaker.h"
#include "ai/openai_http.h"
#include "core/error.h"
#include "core/time.h"

namespace dadly::openai {

struct RetryPolicy {
  int max_retries = 2;  // after the first attempt
  std::chrono::milliseconds first_backoff{500};
  std::chrono::milliseconds max_backoff{8000};
  // A server that asks for a longer wait is not retried at once: the caller hears
  // kRateLimited (or kUnavailable) and may come back later.
  std::chrono::milliseconds max_wait{20000};
};

// How a retry waits; tests pass one that only records.
using Sleeper = std::function<void(std::chrono::milliseconds)>;

struct ApiClientOptions {
  std::string base_url;  // e.g. https://api.openai.com/v1, without a trailing slash
  std::string api_key;   // empty: no Authorization header (local compatible servers)
  std::chrono::milliseconds timeout{30000};  // per attempt; for streams, the longest silence
  RetryPolicy retry;
  CircuitBreakerOptions breaker;
  const Clock* clock = nullptr;  // for the breaker; nullptr: the system clock
  Sleeper sleep;                 // empty: std::this_thread::sleep_for
};

class ApiClient {
 public:
  explicit ApiClient(ApiClientOptions options);

  // POSTs the JSON `body` to base_url + `path` ("/chat/completions") and returns the 2xx
  // answer. With `on_stream`, an event-stream answer is handed to it as it arrives (see
  // HttpPost); a retry never follows a streamed answer, so no piece is seen twice.
  Result<HttpReply> Post(std::string_view path, const std::string& body,
                         std::function<bool(std::string_view)> on_stream = {});

  const CircuitBreaker& breaker() const { return breaker_; }

 private:
  // One call: the attempts and retries, without the breaker.
  Result<HttpReply> Attempts(const HttpPost& request, bool* failed);
  std::chrono::milliseconds Backoff(int retry) const;

  const ApiClientOptions options_;
  HttpClient http_;
  CircuitBreaker breaker_;
};

}  // namespace dadly::openai
