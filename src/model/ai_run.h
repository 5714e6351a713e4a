// One call to an AI provider, as traced: the operation, the model and how it went. The text sent
// and received only when an operator has switched content tracing on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dadly {

struct AiRun {
  std::string family_id;
  std::optional<std::string> entry_id;         // the entry it was about, if any
  std::optional<std::string> conversation_id;  // the conversation it was for, if any
  std::string operation;                       // analyse | embed | answer | chat
  std::string provider;
  std::string model;
  std::string prompt_version;
  int64_t tokens_in = 0;
  int64_t tokens_out = 0;
  int64_t cost_micro_usd = 0;  // estimated, in millionths of a US dollar
  int64_t latency_ms = 0;
  bool ok = true;
  std::string error;
  int64_t created_at = 0;
  std::string content_sent;  // empty unless content tracing is on
  std::string content_received;
};

// A family's traced calls summed per operation, provider, model and prompt version.
struct AiUsage {
  std::string operation;
  std::string provider;
  std::string model;
  std::string prompt_version;
  int64_t calls = 0;
  int64_t errors = 0;
  int64_t tokens_in = 0;
  int64_t tokens_out = 0;
  int64_t cost_micro_usd = 0;
  int64_t latency_ms_total = 0;
};

}  // namespace dadly
