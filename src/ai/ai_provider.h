// The AiProvider port: what Dadly asks of a language model. The local provider (default, no
// model files, deterministic) and the OpenAI-compatible provider implement it.
//
// Thread safety: implementations are safe to call from many threads at once.
// Errors: kUnavailable when the provider cannot answer now (retrying later may work),
// kRateLimited with retry_after_seconds when it says so, kInvalidArgument for input it refuses.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "model/insight.h"

namespace dadly {

// Who is asking and for what, so every model call can be traced and charged (AI runs).
struct AiCall {
  std::string family_id;
  std::string operation;  // analyse | embed | answer | chat
};

class AiProvider {
 public:
  virtual ~AiProvider() = default;

  // "local", "openai", ...; and the model name that goes into traces.
  virtual std::string Name() const = 0;
  virtual std::string Model() const = 0;
  // Length of the vectors Embed returns.
  virtual int Dimensions() const = 0;
  // The version of the prompts it sends, for traces; "none" for a provider without prompts.
  virtual std::string PromptVersion() const { return "none"; }

  // Summary, topics, emotions and language of an entry's title and body.
  virtual Result<Analysis> Analyse(const AiCall& call, const std::string& title,
                                   const std::string& body) = 0;
  // One L2-normalised vector per text, in order.
  virtual Result<std::vector<std::vector<float>>> Embed(const AiCall& call,
                                                        const std::vector<std::string>& texts) = 0;
};

}  // namespace dadly
