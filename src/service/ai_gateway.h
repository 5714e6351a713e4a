// Every call to the AI provider goes through the gateway, which
//  - refuses it (kRateLimited until the next UTC midnight) once the family has spent its daily
//    token budget, counted from its AI runs since midnight;
//  - times it and records it as an AI run (operation, provider, model, prompt version, tokens,
//    cost, latency, outcome) through a store acting for whoever the call serves, whatever its
//    outcome; the text sent and received only when content tracing is switched on.
// Failing to record never fails the call.
// Thread safety: as the provider and Store it uses (both are safe to share).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ai/ai_provider.h"
#include "core/time.h"
#include "model/ai_run.h"
#include "store/store.h"

namespace dadly {

struct AiPolicy {
  int64_t daily_token_budget = 0;  // per family, tokens in and out; 0: no limit
  bool trace_content = false;      // record prompts and replies in AI runs
};

class AiGateway {
 public:
  AiGateway(AiProvider& ai, const Clock& clock, AiPolicy policy)
      : ai_(ai), clock_(clock), policy_(policy) {}

  const AiProvider& provider() const { return ai_; }

  // `about` names the family and, when there is one, the entry or conversation the call is
  // about; `store` acts for the user the call serves.
  Result<Analysis> Analyse(Store& store, const AiRun& about, const std::string& title,
                           const std::string& body);
  Result<std::vector<std::vector<float>>> Embed(Store& store, const AiRun& about,
                                                const std::vector<std::string>& texts);
  Result<std::string> Answer(Store& store, const AiRun& about, const std::string& question,
                             const std::vector<Passage>& passages);
  Result<std::string> Chat(Store& store, const AiRun& about, const std::vector<ChatTurn>& history,
                           const std::vector<Passage>& passages, const OnDelta& on_delta);

 private:
  // Checks the budget, runs `call(AiCall&)` and records the run as `operation`.
  template <typename Call>
  auto Run(Store& store, const AiRun& about, const char* operation, Call&& call)
      -> decltype(call(std::declval<AiCall&>()));
  Status WithinBudget(Store& store, const std::string& family_id, int64_t now);

  AiProvider& ai_;
  const Clock& clock_;
  const AiPolicy policy_;
};

}  // namespace dadly
