// OpenAI's wire format, as Dadly speaks it: the JSON bodies of POST /chat/completions and
// POST /embeddings, and the parsing of their answers (whole JSON, or server-sent events when
// streamed) and of error bodies. Pure functions over text, no I/O.
//
// Parsing is defensive: a body that is not JSON, lacks a field or has one of the wrong type is an
// error value (kUnavailable: the provider answered, but not usably), never an exception.
//
// Thread safety: everything here may be called from many threads at once; an SseReader belongs
// to one stream.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "model/insight.h"

namespace dadly::openai {

struct Message {
  std::string role;  // system | user | assistant
  std::string content;
};

// Tokens the provider counted for one request (embeddings have no completion tokens).
struct Usage {
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
};

// The body of a chat completion request: `model`, `messages`, and with `stream` also
// `stream_options: {include_usage: true}` so that the last chunk carries the usage.
std::string ChatRequestBody(const std::string& model, const std::vector<Message>& messages,
                            bool stream);
// A chat completion request that asks for an analysis as structured output:
// `response_format: {type: "json_schema", json_schema: {name, strict: true, schema}}`.
std::string AnalysisRequestBody(const std::string& model, const std::vector<Message>& messages);
// The JSON schema of an analysis (as text): summary, topics (the topic lexicon's ids), emotions
// ({id, score} with the ids of Emotions()) and language (ko | en | mixed); every field required,
// no others allowed, as strict structured output demands.
std::string AnalysisSchema();

// The body of an embeddings request for `inputs` (floats, `dimensions` long).
std::string EmbeddingRequestBody(const std::string& model, const std::vector<std::string>& inputs,
                                 int dimensions);

// A whole (not streamed) chat completion: the text of choices[0].message.content and the usage.
struct Completion {
  std::string content;
  Usage usage;
};
Result<Completion> ParseCompletion(std::string_view body);

// The analysis the model wrote in `content`. kUnavailable when it is not JSON or breaks the
// schema (a field missing or of the wrong type, a language outside the enum, a score outside
// 0..1). Topic and emotion ids Dadly does not know are dropped, as are repeats and emotions
// scored 0; emotions get their Korean labels and come strongest first; at most 8 topics; the
// summary is clipped to kMaxSummaryChars code points. A reply wrapped in a ```json fence (as
// some compatible servers write) is read inside the fence.
inline constexpr size_t kMaxSummaryChars = 300;
Result<Analysis> ParseAnalysis(std::string_view content);

// The vectors of an embeddings answer for `count` inputs, in input order (by `data[].index`),
// each checked to be `dimensions` finite floats and L2-normalised. kUnavailable when an input
// has no vector, two have the same index, a length differs or a vector is all zeros.
struct Embeddings {
  std::vector<std::vector<float>> vectors;
  Usage usage;
};
Result<Embeddings> ParseEmbeddings(std::string_view body, size_t count, int dimensions);

// One event of a streamed chat completion (the text after `data:`).
struct StreamChunk {
  std::string content;         // choices[0].delta.content, may be empty
  std::optional<Usage> usage;  // the usage chunk (choices empty) at the end
  bool done = false;           // `[DONE]`
};
// kUnavailable when the event is not JSON or is an error event (`{"error": {...}}`).
Result<StreamChunk> ParseStreamChunk(std::string_view data);

// Splits a server-sent event stream into the data of its events: lines starting `data:` (one
// space after the colon dropped), several in one event joined by '\n', an event ending at a blank
// line; comments (`:`) and other fields are skipped. Handles \n, \r\n and pieces that end
// anywhere, even inside a line or a UTF-8 sequence.
class SseReader {
 public:
  using OnData = std::function<void(std::string_view data)>;
  void Feed(std::string_view bytes, const OnData& on_data);
  // The stream ended: an event not yet closed by a blank line is delivered too.
  void Finish(const OnData& on_data);

 private:
  void Line(std::string_view line, const OnData& on_data);
  std::string pending_;  // an unfinished line
  std::string data_;     // the event's data so far
  bool has_data_ = false;
};

// The `error` object of an error answer; empty fields when the body has none.
struct ApiError {
  std::string code;  // e.g. rate_limit_exceeded, insufficient_quota
  std::string type;  // e.g. requests, insufficient_quota, invalid_request_error
};
ApiError ParseApiError(std::string_view body);

}  // namespace dadly::openai
