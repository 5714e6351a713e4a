// The "insight" job: analyse one entry version (summary, topics, emotions, language) and embed
// it, then store both unless the entry moved on meanwhile. It reads and writes acting for the
// entry's author, so on PostgreSQL Row Level Security covers the worker too. Idempotent: running
// a job twice stores the same result, and a stale job stores nothing.
// Thread safety: as the AiProvider and Store it uses (both are).
#pragma once

#include "core/time.h"
#include "jobs/job_runner.h"
#include "service/ai_gateway.h"
#include "store/store.h"

namespace dadly {

class InsightJob final : public JobHandler {
 public:
  InsightJob(Store& store, AiGateway& ai, const Clock& clock)
      : store_(store), ai_(ai), clock_(clock) {}

  Status Run(const Job& job) override;
  // Marks the version's insight failed, so readers stop waiting for it.
  void GaveUp(const Job& job, const std::string& error) override;

 private:
  Store& store_;
  AiGateway& ai_;
  const Clock& clock_;
};

}  // namespace dadly
