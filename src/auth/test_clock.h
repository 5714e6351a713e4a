// For tests only: a clock that stands still until the test moves it.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/time.h"

namespace dadly::testing {

class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t now) : now_(now) {}
  int64_t NowSeconds() const override { return now_.load(); }
  void Advance(int64_t seconds) { now_ += seconds; }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace dadly::testing
