// The HTTP client of the OpenAI-compatible provider: JSON POSTs over libcurl, with the answer
// either collected whole or, for a server-sent event stream, handed over piece by piece as it
// arrives. It knows nothing of OpenAI's wire format; retries and the circuit breaker sit above it
// (openai_client.h).
//
// Limits: only http and https, no redirects, bodies of at most 32 MiB. A plain request is bounded
// by `timeout` from start to end; a stream by `timeout` of silence (no byte arriving, checked
// about once a second) and by ten times `timeout` in all, so a long reply may take its time while
// a server that stops talking is given up. Connecting takes at most `timeout` or 10 s, the lesser.
//
// Thread safety: Post may be called from many threads at once. Connections are kept open between
// requests (a small pool of curl handles), so a call does not pay for a new TLS handshake.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace dadly::openai {

struct HttpPost {
  std::string url;
  std::string bearer_token;  // sent as `Authorization: Bearer ...` unless empty
  std::string body;          // JSON
  std::chrono::milliseconds timeout{30000};
  // When set, a successful (2xx) text/event-stream answer is handed here piece by piece instead
  // of being collected; returning false aborts the transfer. Other answers are collected.
  std::function<bool(std::string_view piece)> on_stream;
};

struct HttpReply {
  long status = 0;
  std::string content_type;
  std::string body;       // empty when the answer was streamed to on_stream
  bool streamed = false;  // on_stream saw the body
  // How long the server asked to wait (`retry-after-ms`, else `retry-after` in seconds).
  std::optional<std::chrono::milliseconds> retry_after;
};

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // The server's answer, whatever its status. kUnavailable when there is none: the server could
  // not be reached, the connection broke, the time ran out (the message then says "timed out"),
  // the body was too large, or on_stream aborted.
  Result<HttpReply> Post(const HttpPost& request);

 private:
  void* TakeHandle();
  void GiveBack(void* handle);

  std::mutex mu_;
  std::vector<void*> idle_;  // CURL handles with their open connections
};

// The server's wait request from the values of the `retry-after-ms` and `retry-after` headers
// (either may be empty). A date in `retry-after` is not understood and gives nothing.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view retry_after_ms,
                                                         std::string_view retry_after);

}  // namespace dadly::openai
