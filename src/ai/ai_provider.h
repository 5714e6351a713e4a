// The AiProvider port: what Dadly asks of a language model. The local provider (default, no
// model files, deterministic) and the OpenAI-compatible provider implement it.
//
// Thread safety: implementations are safe to call from many threads at once.
// Errors: kUnavailable when the provider cannot answer now (retrying later may work),
// kRateLimited with retry_after_seconds when it says so, kInvalidArgument for input it refuses.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "model/insight.h"

namespace dadly {

// One model call: who asks and for what (set by the caller), and what it cost (set by the
// provider), so that every call can be traced and charged as an AI run.
struct AiCall {
  std::string family_id;
  std::string operation;  // analyse | embed | answer | chat
  // When true, the provider copies what it sent and what it got back (text, not bytes on the
  // wire) into `sent` and `received`; an operator's switch for debugging prompts.
  bool trace_content = false;

  // Filled by the provider, also when the call fails after the model answered.
  std::string model = {};  // the model that answered, when not Model() (an embedding model)
  int64_t tokens_in = 0;
  int64_t tokens_out = 0;
  int64_t cost_micro_usd = 0;  // estimated, in millionths of a US dollar
  std::string sent = {};
  std::string received = {};
};

// An entry handed to the model as context. Passages are numbered from 1 in the order given, and
// an answer cites them by that number in brackets: "[2]".
struct Passage {
  std::string occurred_at;  // YYYY-MM-DD
  std::string text;         // the entry's title and body
};

// One turn of a conversation, oldest first.
struct ChatTurn {
  std::string role;  // user | assistant
  std::string content;
};

// Receives the reply piece by piece while it is written; the pieces joined are the reply.
using OnDelta = std::function<void(std::string_view piece)>;

// Whether Dadly's own words about `question` should be English: only when it is written in
// English (Latin letters and no Hangul). Korean first: a question of emoji, digits or ㅋㅋ gets
// Korean.
bool AsksInEnglish(std::string_view question);

// The plain answer when no entry answers `question`, in its language. Search gives it without
// asking a model when nothing was retrieved; the local provider answers with it too.
std::string NothingFoundAnswer(std::string_view question);

// Whether `id` is one of the topics every provider tags entries with (birthday, bike, ...).
bool IsTopic(std::string_view id);

// What a stored reply shows instead of itself once it quotes an entry the reader may no longer
// see, in the reply's language (Korean unless the reply is English).
std::string WithheldReplyNotice(std::string_view reply);

class AiProvider {
 public:
  virtual ~AiProvider() = default;

  // "local", "openai", ...; and the model name that goes into traces.
  virtual std::string Name() const = 0;
  virtual std::string Model() const = 0;
  // Length of the vectors Embed returns.
  virtual int Dimensions() const = 0;
  // The model that makes those vectors. Vectors of another model, or of another length, cannot
  // be compared with them, so search leaves them out (SearchIndexCache).
  virtual std::string EmbeddingModel() const = 0;
  // The version of the prompts it sends, for traces; "none" for a provider without prompts.
  virtual std::string PromptVersion() const { return "none"; }

  // Summary, topics, emotions and language of an entry's title and body.
  virtual Result<Analysis> Analyse(AiCall& call, const std::string& title,
                                   const std::string& body) = 0;
  // One L2-normalised vector per text, in order.
  virtual Result<std::vector<std::vector<float>>> Embed(AiCall& call,
                                                        const std::vector<std::string>& texts) = 0;
  // An answer to `question` from `passages` alone, citing them as [n]. With no passage, or none
  // that answers, it says so plainly, in the question's language.
  virtual Result<std::string> Answer(AiCall& call, const std::string& question,
                                     const std::vector<Passage>& passages) = 0;
  // The assistant's next turn after `history` (which ends with the user's turn), grounded in
  // `passages` and citing them as [n]. `on_delta` sees the reply as it is written (in one piece
  // when the provider does not stream); the full reply is also returned.
  virtual Result<std::string> Chat(AiCall& call, const std::vector<ChatTurn>& history,
                                   const std::vector<Passage>& passages,
                                   const OnDelta& on_delta) = 0;
};

}  // namespace dadly
