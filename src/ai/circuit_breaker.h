// A circuit breaker for calls to a remote service (the OpenAI-compatible API). After
// `failure_threshold` calls in a row have failed it opens: calls are refused at once, without
// touching the network, for `cool_down_seconds`. Then it lets one trial call through
// (half-open); the trial's success closes it again, its failure opens it for another cool-down.
// A failing provider so costs one quick refusal per call instead of a full timeout and retries,
// and the provider gets a rest to recover.
//
// Usage: Allow() before the call; when it said yes, exactly one Record() afterwards.
// Thread safety: every method may be called from many threads at once.
#pragma once

#include <cstdint>
#include <mutex>

#include "core/time.h"

namespace dadly {

struct CircuitBreakerOptions {
  int failure_threshold = 5;       // consecutive failed calls that open the breaker (at least 1)
  int64_t cool_down_seconds = 30;  // how long it stays open before a trial call
};

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };

  // `clock` must outlive the breaker.
  CircuitBreaker(const Clock& clock, CircuitBreakerOptions options);

  // True when a call may go ahead (its outcome must then be recorded). False while the breaker
  // is open, and while a half-open trial is still under way.
  bool Allow();
  // The outcome of a call that Allow() let through.
  void Record(bool succeeded);

  State state() const;
  // Seconds until a trial call is let through; 0 unless open.
  int64_t SecondsUntilTrial() const;

 private:
  const Clock& clock_;
  const CircuitBreakerOptions options_;
  mutable std::mutex mu_;
  State state_ = State::kClosed;
  int consecutive_failures_ = 0;
  int64_t opened_at_ = 0;
  bool trial_in_flight_ = false;
};

}  // namespace dadly
