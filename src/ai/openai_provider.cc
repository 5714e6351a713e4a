#include "ai/openai_provider.h"

#include <algorithm>

#include "ai/openai_pricing.h"
#include "ai/openai_prompts.h"
#include "ai/openai_wire.h"
#include "ai/sentences.h"
#include "core/log.h"

namespace dadly {
namespace {

using openai::Message;
using openai::Usage;

// An embeddings input may not be empty; a blank text is sent as this instead.
constexpr const char* kBlankInput = ".";
constexpr size_t kMaxEmbedChars = 6000;  // code points per input, well within 8192 tokens

std::string BaseUrlOf(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// The base URL without a user and password in it (https://user:secret@host/v1), for the log.
std::string Redacted(std::string url) {
  const size_t scheme = url.find("://");
  const size_t at = url.find('@');
  const size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (scheme != std::string::npos && at != std::string::npos && at < slash) {
    url.erase(scheme + 3, at + 1 - (scheme + 3));
  }
  return url;
}

class OpenAiProvider final : public AiProvider {
 public:
  explicit OpenAiProvider(const OpenAiOptions& o)
      : options_(o),
        api_({BaseUrlOf(o.base_url), o.api_key, o.timeout, o.retry, o.breaker, o.clock, o.sleep}) {}

  std::string Name() const override { return "openai"; }
  std::string Model() const override { return options_.chat_model; }
  int Dimensions() const override { return options_.dimensions; }
  std::string EmbeddingModel() const override { return options_.embedding_model; }
  std::string PromptVersion() const override { return options_.prompt_version; }

  Result<Analysis> Analyse(AiCall& call, const std::string& title,
                           const std::string& body) override {
    const auto messages = openai::AnalyseMessages(options_.prompt_version, title, body);
    Trace(call, messages);
    auto reply =
        api_.Post("/chat/completions", openai::AnalysisRequestBody(options_.chat_model, messages));
    if (!reply) return tl::unexpected(reply.error());
    auto completion = openai::ParseCompletion(reply->body);
    if (!completion) return tl::unexpected(completion.error());
    Charge(call, options_.chat_model, completion->usage);
    if (call.trace_content) call.received = completion->content;
    return openai::ParseAnalysis(completion->content);
  }

  Result<std::vector<std::vector<float>>> Embed(AiCall& call,
                                                const std::vector<std::string>& texts) override {
    std::vector<std::vector<float>> out;
    out.reserve(texts.size());
    const size_t batch = std::max<size_t>(1, options_.embed_batch_size);
    for (size_t from = 0; from < texts.size(); from += batch) {
      std::vector<std::string> inputs;
      for (size_t i = from; i < texts.size() && i < from + batch; ++i) {
        const bool blank = texts[i].find_first_not_of(" \t\r\n") == std::string::npos;
        inputs.push_back(blank ? std::string(kBlankInput) : ClipText(texts[i], kMaxEmbedChars));
        if (call.trace_content) call.sent += (call.sent.empty() ? "" : "\n") + texts[i];
      }
      auto reply = api_.Post(
          "/embeddings",
          openai::EmbeddingRequestBody(options_.embedding_model, inputs, options_.dimensions));
      if (!reply) return tl::unexpected(reply.error());
      auto parsed = openai::ParseEmbeddings(reply->body, inputs.size(), options_.dimensions);
      if (!parsed) return tl::unexpected(parsed.error());
      Charge(call, options_.embedding_model, parsed->usage);
      for (auto& v : parsed->vectors) out.push_back(std::move(v));
    }
    return out;
  }

  Result<std::string> Answer(AiCall& call, const std::string& question,
                             const std::vector<Passage>& passages) override {
    const auto messages = openai::AnswerMessages(options_.prompt_version, question, passages);
    Trace(call, messages);
    auto reply =
        api_.Post("/chat/completions", openai::ChatRequestBody(options_.chat_model, messages,
                                                               /*stream=*/false));
    if (!reply) return tl::unexpected(reply.error());
    auto completion = openai::ParseCompletion(reply->body);
    if (!completion) return tl::unexpected(completion.error());
    Charge(call, options_.chat_model, completion->usage);
    if (call.trace_content) call.received = completion->content;
    return std::move(completion->content);
  }

  Result<std::string> Chat(AiCall& call, const std::vector<ChatTurn>& history,
                           const std::vector<Passage>& passages, const OnDelta& on_delta) override {
    const auto messages = openai::ChatMessages(options_.prompt_version, history, passages);
    Trace(call, messages);
    std::string text;
    Usage usage;
    std::optional<Error> broken;  // a bad event stops the stream
    bool done = false;
    openai::SseReader reader;
    auto on_event = [&](std::string_view data) {
      if (broken || done) return;
      auto chunk = openai::ParseStreamChunk(data);
      if (!chunk) {
        broken = chunk.error();
        return;
      }
      if (chunk->usage) usage = *chunk->usage;
      done = chunk->done;
      if (!chunk->content.empty()) {
        text += chunk->content;
        on_delta(chunk->content);
      }
    };
    auto reply = api_.Post("/chat/completions",
                           openai::ChatRequestBody(options_.chat_model, messages, /*stream=*/true),
                           [&](std::string_view piece) {
                             reader.Feed(piece, on_event);
                             return !broken.has_value();
                           });
    if (reply && reply->streamed) reader.Finish(on_event);
    // Tokens are charged for whatever arrived, also when the stream broke off.
    Charge(call, options_.chat_model, usage);
    if (call.trace_content) call.received = text;
    if (broken) return tl::unexpected(*broken);
    if (!reply) return tl::unexpected(reply.error());
    if (reply->streamed) return text;

    // The server ignored `stream` and answered with one JSON body.
    auto completion = openai::ParseCompletion(reply->body);
    if (!completion) return tl::unexpected(completion.error());
    Charge(call, options_.chat_model, completion->usage);
    if (call.trace_content) call.received = completion->content;
    if (!completion->content.empty()) on_delta(completion->content);
    return std::move(completion->content);
  }

 private:
  static void Trace(AiCall& call, const std::vector<Message>& messages) {
    if (call.trace_content) call.sent = openai::TraceText(messages);
  }

  static void Charge(AiCall& call, const std::string& model, const Usage& usage) {
    call.model = model;
    call.tokens_in += usage.prompt_tokens;
    call.tokens_out += usage.completion_tokens;
    call.cost_micro_usd +=
        openai::CostMicroUsd(model, usage.prompt_tokens, usage.completion_tokens);
  }

  const OpenAiOptions options_;
  openai::ApiClient api_;
};

}  // namespace

OpenAiOptions OpenAiOptionsFrom(const Config& config) {
  OpenAiOptions o;
  if (auto it = config.cloud.find("OPENAI_BASE_URL"); it != config.cloud.end()) {
    o.base_url = it->second;
  }
  if (auto it = config.cloud.find("OPENAI_API_KEY"); it != config.cloud.end()) {
    o.api_key = it->second;
  }
  o.chat_model = config.openai_chat_model;
  o.embedding_model = config.openai_embedding_model;
  o.dimensions = config.embedding_dimensions;
  o.timeout = std::chrono::seconds(config.ai_timeout_seconds);
  return o;
}

std::unique_ptr<AiProvider> NewOpenAiProvider(const OpenAiOptions& options) {
  // Where the calls go and with which models; never the key, only whether there is one.
  Log(Severity::kInfo, "AI provider: OpenAI-compatible API",
      {{"base_url", Redacted(BaseUrlOf(options.base_url))},
       {"chat_model", options.chat_model},
       {"embedding_model", options.embedding_model},
       {"dimensions", options.dimensions},
       {"prompt_version", options.prompt_version},
       {"api_key", !options.api_key.empty()}});
  return std::make_unique<OpenAiProvider>(options);
}

}  // namespace dadly
