// Every call to the AI provider is traced: timed and recorded as an AI run (operation, provider,
// model, prompt version, tokens, cost, latency, outcome; never the text) through a store acting
// for whoever the call serves, whatever its outcome. Failing to record never fails the call.
#pragma once

#include <chrono>

#include "ai/ai_provider.h"
#include "core/log.h"
#include "store/store.h"

namespace dadly {

// Runs `call` (one provider call returning a Result) and records it as `run` completed.
template <typename Call>
auto Traced(Store& store, const AiProvider& ai, AiRun run, Call&& call) -> decltype(call()) {
  const auto start = std::chrono::steady_clock::now();
  auto result = call();
  run.latency_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now() - start)
                       .count();
  run.provider = ai.Name();
  run.model = ai.Model();
  run.prompt_version = ai.PromptVersion();
  run.ok = result.has_value();
  if (!result) run.error = result.error().message;
  if (auto recorded = store.RecordAiRun(run); !recorded) {
    Log(Severity::kWarning, "an AI run was not recorded",
        {{"operation", run.operation}, {"error", recorded.error().message}});
  }
  return result;
}

}  // namespace dadly
