#include "ai/circuit_breaker.h"

#include <algorithm>

namespace dadly {

CircuitBreaker::CircuitBreaker(const Clock& clock, CircuitBreakerOptions options)
    : clock_(clock), options_(options) {}

bool CircuitBreaker::Allow() {
  std::lock_guard lock(mu_);
  switch (state_) {
    case State::kClosed:
      return true;
    case State::kOpen:
      if (clock_.NowSeconds() - opened_at_ < options_.cool_down_seconds) return false;
      state_ = State::kHalfOpen;
      trial_in_flight_ = true;
      return true;
    case State::kHalfOpen:
      // One trial at a time: the others are refused until it has told how it went.
      if (trial_in_flight_) return false;
      trial_in_flight_ = true;
      return true;
  }
  return true;
}

void CircuitBreaker::Record(bool succeeded) {
  std::lock_guard lock(mu_);
  if (succeeded) {
    state_ = State::kClosed;
    consecutive_failures_ = 0;
    trial_in_flight_ = false;
    return;
  }
  ++consecutive_failures_;
  if (state_ == State::kHalfOpen ||
      consecutive_failures_ >= std::max(1, options_.failure_threshold)) {
    state_ = State::kOpen;
    opened_at_ = clock_.NowSeconds();
    trial_in_flight_ = false;
  }
}

CircuitBreaker::State CircuitBreaker::state() const {
  std::lock_guard lock(mu_);
  return state_;
}

int64_t CircuitBreaker::SecondsUntilTrial() const {
  std::lock_guard lock(mu_);
  if (state_ != State::kOpen) return 0;
  return std::max<int64_t>(0, opened_at_ + options_.cool_down_seconds - clock_.NowSeconds());
}

}  // namespace dadly
