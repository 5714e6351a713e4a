#include "ai/openai_http.h"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>

#include "core/text.h"

namespace dadly::openai {
namespace {

constexpr size_t kMaxBody = 32 * 1024 * 1024;
constexpr size_t kMaxIdleHandles = 8;

// What the curl callbacks of one transfer share.
struct Transfer {
  CURL* curl = nullptr;
  const HttpPost* request = nullptr;
  HttpReply reply;
  std::string retry_after_ms;
  std::string retry_after;
  bool decided = false;  // whether this answer streams is known once its body starts
  bool too_large = false;
  bool aborted = false;
  bool fell_silent = false;
  // For streams: when a byte last arrived (or the request started).
  std::chrono::steady_clock::time_point last_heard = std::chrono::steady_clock::now();
};

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  const std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {  // a new answer (after a 100 Continue): forget the last one's
    t->retry_after.clear();
    t->retry_after_ms.clear();
    return n;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  const std::string name = AsciiLower(std::string(TrimSpace(line.substr(0, colon))));
  if (name == "retry-after") t->retry_after = TrimSpace(line.substr(colon + 1));
  if (name == "retry-after-ms") t->retry_after_ms = TrimSpace(line.substr(colon + 1));
  return n;
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  t->last_heard = std::chrono::steady_clock::now();
  if (!t->decided) {
    t->decided = true;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &t->reply.status);
    const char* type = nullptr;
    curl_easy_getinfo(t->curl, CURLINFO_CONTENT_TYPE, &type);
    t->reply.content_type = type == nullptr ? "" : type;
    t->reply.streamed = t->request->on_stream && t->reply.status / 100 == 2 &&
                        t->reply.content_type.starts_with("text/event-stream");
  }
  if (t->reply.streamed) {
    if (!t->request->on_stream(std::string_view(data, n))) {
      t->aborted = true;
      return 0;
    }
    return n;
  }
  if (t->reply.body.size() + n > kMaxBody) {
    t->too_large = true;
    return 0;  // aborts the transfer
  }
  t->reply.body.append(data, n);
  return n;
}

// Called by libcurl about once a second, also while nothing arrives: a stream that has been
// silent for longer than the timeout is given up. (CURLOPT_LOW_SPEED_TIME would do it too, but
// it averages over several seconds, so a silence is noticed only seconds late.)
int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (std::chrono::steady_clock::now() - t->last_heard <= t->request->timeout) return 0;
  t->fell_silent = true;
  return 1;  // aborts the transfer
}

}  // namespace

std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view retry_after_ms,
                                                         std::string_view retry_after) {
  auto number = [](std::string_view s) -> std::optional<double> {
    s = TrimSpace(s);
    if (s.empty()) return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v) || v < 0) {
      return std::nullopt;
    }
    return v;
  };
  // A day is far more than anyone will wait; the bound keeps the conversion in range.
  constexpr double kMaxMs = 86400.0 * 1000;
  if (auto ms = number(retry_after_ms)) {
    return std::chrono::milliseconds(static_cast<int64_t>(std::min(*ms, kMaxMs)));
  }
  if (auto s = number(retry_after)) {
    return std::chrono::milliseconds(static_cast<int64_t>(std::min(*s * 1000, kMaxMs)));
  }
  return std::nullopt;
}

HttpClient::HttpClient() {
  // curl_global_init must run before any handle exists, once per process.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

HttpClient::~HttpClient() {
  for (void* h : idle_) curl_easy_cleanup(static_cast<CURL*>(h));
}

void* HttpClient::TakeHandle() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      void* h = idle_.back();
      idle_.pop_back();
      curl_easy_reset(static_cast<CURL*>(h));  // options go, open connections stay
      return h;
    }
  }
  return curl_easy_init();
}

void HttpClient::GiveBack(void* handle) {
  std::lock_guard lock(mu_);
  if (idle_.size() < kMaxIdleHandles) {
    idle_.push_back(handle);
  } else {
    curl_easy_cleanup(static_cast<CURL*>(handle));
  }
}

Result<HttpReply> HttpClient::Post(const HttpPost& request) {
  CURL* c = static_cast<CURL*>(TakeHandle());
  if (c == nullptr) return Fail(ErrorCode::kUnavailable, "cannot start an HTTP request");
  auto give_back = [this](CURL* h) { GiveBack(h); };
  std::unique_ptr<CURL, decltype(give_back)> handle(c, give_back);

  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  headers = curl_slist_append(headers, "Accept: application/json, text/event-stream");
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip for big bodies
  if (!request.bearer_token.empty()) {
    headers = curl_slist_append(headers, ("Authorization: Bearer " + request.bearer_token).c_str());
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(headers,
                                                                          curl_slist_free_all);
  Transfer t;
  t.curl = c;
  t.request = &request;
  const long timeout_ms = std::max(1L, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM from resolver timeouts in threads
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout_ms, 10000L));
  if (request.on_stream) {
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, OnProgress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10 * timeout_ms);
  } else {
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  }
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // whatever this libcurl can decode
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(c, CURLOPT_USERAGENT, "dadly/" DADLY_VERSION);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);

  const CURLcode rc = curl_easy_perform(c);
  if (t.too_large) return Fail(ErrorCode::kUnavailable, "the AI provider's answer is too large");
  if (t.aborted) return Fail(ErrorCode::kUnavailable, "the AI provider's stream was abandoned");
  if (rc == CURLE_OPERATION_TIMEDOUT || t.fell_silent) {
    return Fail(ErrorCode::kUnavailable, "the AI provider timed out");
  }
  if (rc != CURLE_OK) {
    return Fail(ErrorCode::kUnavailable,
                std::string("the AI provider cannot be reached: ") + curl_easy_strerror(rc));
  }
  if (!t.decided) {  // no body at all
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &t.reply.status);
    const char* type = nullptr;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
    t.reply.content_type = type == nullptr ? "" : type;
  }
  t.reply.retry_after = ParseRetryAfter(t.retry_after_ms, t.retry_after);
  return std::move(t.reply);
}

}  // namespace dadly::openai
