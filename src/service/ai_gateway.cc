#include "service/ai_gateway.h"

#include <chrono>

#include "core/log.h"

namespace dadly {

Status AiGateway::WithinBudget(Store& store, const std::string& family_id, int64_t now) {
  if (policy_.daily_token_budget <= 0) return {};
  const int64_t midnight = now - now % 86400;
  auto spent = store.AiTokensSince(family_id, midnight);
  if (!spent) return tl::unexpected(spent.error());
  if (*spent < policy_.daily_token_budget) return {};
  return tl::unexpected(Error{ErrorCode::kRateLimited,
                              "the family's AI budget for today is spent",
                              {},
                              static_cast<int>(midnight + 86400 - now)});
}

template <typename Call>
auto AiGateway::Run(Store& store, const AiRun& about, const char* operation, Call&& call)
    -> decltype(call(std::declval<AiCall&>())) {
  AiRun run = about;
  run.operation = operation;
  run.provider = ai_.Name();
  run.model = ai_.Model();
  run.prompt_version = ai_.PromptVersion();
  run.created_at = clock_.NowSeconds();
  AiCall ai_call;
  ai_call.family_id = about.family_id;
  ai_call.operation = operation;
  ai_call.trace_content = policy_.trace_content;

  const auto start = std::chrono::steady_clock::now();
  decltype(call(ai_call)) result = tl::unexpected(Error{});
  if (auto allowed = WithinBudget(store, about.family_id, run.created_at); !allowed) {
    result = tl::unexpected(allowed.error());
  } else {
    result = call(ai_call);
  }
  run.latency_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now() - start)
                       .count();
  run.ok = result.has_value();
  if (!result) run.error = result.error().message;
  if (!ai_call.model.empty()) run.model = ai_call.model;
  run.tokens_in = ai_call.tokens_in;
  run.tokens_out = ai_call.tokens_out;
  run.cost_micro_usd = ai_call.cost_micro_usd;
  if (policy_.trace_content) {
    run.content_sent = std::move(ai_call.sent);
    run.content_received = std::move(ai_call.received);
  }
  if (auto recorded = store.RecordAiRun(run); !recorded) {
    Log(Severity::kWarning, "an AI run was not recorded",
        {{"operation", run.operation}, {"error", recorded.error().message}});
  }
  return result;
}

Result<Analysis> AiGateway::Analyse(Store& store, const AiRun& about, const std::string& title,
                                    const std::string& body) {
  return Run(store, about, "analyse", [&](AiCall& c) { return ai_.Analyse(c, title, body); });
}

Result<std::vector<std::vector<float>>> AiGateway::Embed(Store& store, const AiRun& about,
                                                         const std::vector<std::string>& texts) {
  return Run(store, about, "embed", [&](AiCall& c) { return ai_.Embed(c, texts); });
}

Result<std::string> AiGateway::Answer(Store& store, const AiRun& about, const std::string& question,
                                      const std::vector<Passage>& passages) {
  return Run(store, about, "answer", [&](AiCall& c) { return ai_.Answer(c, question, passages); });
}

Result<std::string> AiGateway::Chat(Store& store, const AiRun& about,
                                    const std::vector<ChatTurn>& history,
                                    const std::vector<Passage>& passages, const OnDelta& on_delta) {
  return Run(store, about, "chat",
             [&](AiCall& c) { return ai_.Chat(c, history, passages, on_delta); });
}

}  // namespace dadly
