// The OpenAI-compatible AI provider: the AiProvider port spoken over OpenAI's HTTP API, to
// OpenAI itself or to any server that speaks the same wire format (Ollama, vLLM, llama.cpp's
// server) at another base URL, with or without an API key.
//
//  - Analyse: a chat completion with structured output (a strict JSON schema whose topic and
//    emotion ids are the local provider's, so insights from either provider filter alike); the
//    emotions get the same Korean labels (Emotions() in model/insight.h).
//  - Embed: POST /embeddings with `dimensions`, in batches of `embed_batch_size` texts; every
//    vector must be Dimensions() long, and is L2-normalised.
//  - Answer: a chat completion from the numbered passages, citing them as [n].
//  - Chat: a streamed chat completion (server-sent events) whose pieces reach on_delta as they
//    arrive; a server that answers with one JSON body instead is understood too.
//
// Every call fills AiCall's tokens from the answer's `usage` and its estimated cost from
// openai_pricing.h; with trace_content, the messages sent and the reply text. Retries, timeouts
// and the circuit breaker: openai_client.h. The prompts: openai_prompts.h and prompts/.
//
// Thread safety: the provider may be called from many threads at once.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "ai/ai_provider.h"
#include "ai/circuit_breaker.h"
#include "ai/openai_client.h"
#include "ai/openai_prompts.h"
#include "core/config.h"
#include "core/time.h"

namespace dadly {

inline constexpr const char* kOpenAiDefaultBaseUrl = "https://api.openai.com/v1";

struct OpenAiOptions {
  std::string base_url = kOpenAiDefaultBaseUrl;  // trailing slashes are ignored
  std::string api_key;                           // may be empty for local compatible servers
  std::string chat_model = "gpt-4o-mini";
  std::string embedding_model = "text-embedding-3-large";
  int dimensions = 1024;
  std::chrono::milliseconds timeout{30000};  // per attempt; for a stream, the longest silence
  size_t embed_batch_size = 96;              // texts per embeddings request
  openai::RetryPolicy retry;
  CircuitBreakerOptions breaker;
  std::string prompt_version = openai::kPromptVersion;  // a directory under prompts/
  const Clock* clock = nullptr;  // for the breaker; nullptr: the system clock
  openai::Sleeper sleep;         // how retries wait; empty: really sleep
};

// The options Dadly's configuration asks for: OPENAI_BASE_URL (default kOpenAiDefaultBaseUrl),
// OPENAI_API_KEY, DADLY_OPENAI_CHAT_MODEL, DADLY_OPENAI_EMBEDDING_MODEL,
// DADLY_EMBEDDING_DIMENSIONS and DADLY_AI_TIMEOUT_SECONDS; the rest keep their defaults.
OpenAiOptions OpenAiOptionsFrom(const Config& config);

std::unique_ptr<AiProvider> NewOpenAiProvider(const OpenAiOptions& options);

}  // namespace dadly
