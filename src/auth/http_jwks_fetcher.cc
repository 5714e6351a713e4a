#include "auth/http_jwks_fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>

namespace dadly {
namespace {

constexpr size_t kMaxBody = 256 * 1024;

struct Body {
  std::string text;
  bool too_large = false;
};

size_t Collect(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<Body*>(user);
  const size_t n = size * count;
  if (body->text.size() + n > kMaxBody) {
    body->too_large = true;
    return 0;  // aborts the transfer
  }
  body->text.append(data, n);
  return n;
}

class HttpJwksFetcher final : public JwksFetcher {
 public:
  explicit HttpJwksFetcher(HttpJwksOptions options) : options_(std::move(options)) {}

  Result<std::string> Fetch() override {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return Fail(ErrorCode::kUnavailable, "cannot start an HTTP request");
    curl_slist* headers = curl_slist_append(nullptr, "Accept: application/json");
    if (!options_.api_key.empty()) {
      headers = curl_slist_append(headers, ("apikey: " + options_.api_key).c_str());
    }
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(headers,
                                                                            curl_slist_free_all);
    Body body;
    const long timeout_ms = static_cast<long>(options_.timeout.count());
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, options_.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM from resolver timeouts in threads
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout_ms, 3000L));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list.get());
    curl_easy_setopt(c, CURLOPT_USERAGENT, "dadly/" DADLY_VERSION);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    const CURLcode rc = curl_easy_perform(c);
    if (body.too_large) return Fail(ErrorCode::kUnavailable, "the JWKS is larger than 256 KiB");
    if (rc != CURLE_OK) {
      return Fail(ErrorCode::kUnavailable,
                  std::string("GET ") + options_.url + ": " + curl_easy_strerror(rc));
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) {
      return Fail(ErrorCode::kUnavailable,
                  "GET " + options_.url + " answered " + std::to_string(status));
    }
    return std::move(body.text);
  }

 private:
  const HttpJwksOptions options_;
};

}  // namespace

std::unique_ptr<JwksFetcher> NewHttpJwksFetcher(HttpJwksOptions options) {
  // curl_global_init is not thread-safe on every platform: once, before any request.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::make_unique<HttpJwksFetcher>(std::move(options));
}

}  // namespace dadly
