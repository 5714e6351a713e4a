#include "ai/openai_client.h"

#include <algorithm>
#include <random>
#include <thread>

#include "ai/openai_wire.h"

namespace dadly::openai {
namespace {

// "answered 503" or "answered 429 (rate_limit_exceeded)": the status and the provider's error
// code, which say what went wrong without repeating anything that was sent.
std::string Answered(long status, const ApiError& e) {
  std::string out = "the AI provider answered " + std::to_string(status);
  const std::string& code = e.code.empty() ? e.type : e.code;
  if (!code.empty() && code.size() <= 64) out += " (" + code + ")";
  return out;
}

bool IsQuotaSpent(const ApiError& e) {
  return e.code == "insufficient_quota" || e.type == "insufficient_quota";
}

int SecondsOf(std::chrono::milliseconds ms) {
  const auto s = (ms.count() + 999) / 1000;
  return static_cast<int>(std::clamp<int64_t>(s, 1, 86400));
}

}  // namespace

ApiClient::ApiClient(ApiClientOptions options)
    : options_(std::move(options)),
      breaker_(options_.clock != nullptr ? *options_.clock : SystemClock(), options_.breaker) {}

std::chrono::milliseconds ApiClient::Backoff(int retry) const {
  // first_backoff × 2^retry, capped, then a random share of it between half and all, so that
  // many callers failing together do not come back together.
  const int64_t base = options_.retry.first_backoff.count() << std::min(retry, 20);
  const int64_t capped = std::min<int64_t>(base, options_.retry.max_backoff.count());
  thread_local std::mt19937 random{std::random_device{}()};
  std::uniform_real_distribution<double> share(0.5, 1.0);
  return std::chrono::milliseconds(
      static_cast<int64_t>(static_cast<double>(capped) * share(random)));
}

Result<HttpReply> ApiClient::Post(std::string_view path, const std::string& body,
                                  std::function<bool(std::string_view)> on_stream) {
  if (!breaker_.Allow()) {
    return Fail(ErrorCode::kUnavailable,
                "the AI provider keeps failing; calls resume in " +
                    std::to_string(std::max<int64_t>(1, breaker_.SecondsUntilTrial())) + " s");
  }
  HttpPost request;
  request.url = options_.base_url + std::string(path);
  request.bearer_token = options_.api_key;
  request.body = body;
  request.timeout = options_.timeout;
  request.on_stream = std::move(on_stream);
  bool failed = false;
  auto reply = Attempts(request, &failed);
  breaker_.Record(!failed);
  return reply;
}

Result<HttpReply> ApiClient::Attempts(const HttpPost& request, bool* failed) {
  for (int attempt = 0;; ++attempt) {
    auto reply = http_.Post(request);
    if (!reply) {  // no answer: unreachable, timed out or cut off; not retried
      *failed = true;
      return tl::unexpected(reply.error());
    }
    const long status = reply->status;
    if (status / 100 == 2) return reply;

    const ApiError error = ParseApiError(reply->body);
    const bool rate_limited = status == 429 && !IsQuotaSpent(error);
    *failed = status == 401 || status == 403 || status == 429 || status >= 500;
    if (status == 429 && IsQuotaSpent(error)) {
      return Fail(ErrorCode::kUnavailable,
                  Answered(status, error) +
                      ": the account has no quota left; add credit or change OPENAI_API_KEY");
    }
    if (rate_limited || status >= 500) {
      const auto wait = reply->retry_after.value_or(Backoff(attempt));
      if (attempt < options_.retry.max_retries && wait <= options_.retry.max_wait) {
        if (options_.sleep) {
          options_.sleep(wait);
        } else {
          std::this_thread::sleep_for(wait);
        }
        continue;
      }
      if (rate_limited) {
        return tl::unexpected(Error{ErrorCode::kRateLimited,
                                    Answered(status, error),
                                    {},
                                    SecondsOf(reply->retry_after.value_or(wait))});
      }
      return Fail(ErrorCode::kUnavailable, Answered(status, error));
    }
    if (status == 400 || status == 413 || status == 422) {
      Error e{ErrorCode::kInvalidArgument, Answered(status, error), {}, 0};
      e.fields.push_back({"input", "the AI provider refused it"});
      return tl::unexpected(std::move(e));
    }
    return Fail(ErrorCode::kUnavailable, Answered(status, error));
  }
}

}  // namespace dadly::openai
