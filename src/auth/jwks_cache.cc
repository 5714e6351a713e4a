#include "auth/jwks_cache.h"

#include "core/log.h"

namespace dadly {

JwksCache::JwksCache(std::unique_ptr<JwksFetcher> fetcher, const Clock& clock,
                     JwksCacheOptions options)
    : fetcher_(std::move(fetcher)), clock_(clock), options_(options) {}

std::shared_ptr<const PublicKey> JwksCache::Lookup(const std::string& kid, int64_t now,
                                                   int64_t max_age) const {
  if (!keys_ || now - fetched_at_ >= max_age) return nullptr;
  const auto it = keys_->find(kid);
  return it == keys_->end() ? nullptr : it->second;
}

bool JwksCache::MayFetch(int64_t now) const {
  return attempts_ == 0 || now - last_attempt_ >= options_.min_refetch_seconds;
}

std::shared_ptr<const PublicKey> JwksCache::Find(const std::string& kid) {
  const int64_t ttl = options_.ttl_seconds;
  const int64_t usable = options_.ttl_seconds + options_.stale_grace_seconds;
  {
    std::lock_guard lock(mu_);
    const int64_t now = clock_.NowSeconds();
    if (auto key = Lookup(kid, now, ttl)) return key;
    // While another thread fetches, wait for its result below rather than answer now.
    if (!MayFetch(now) && !fetching_) return Lookup(kid, now, usable);
  }
  // One fetch at a time: threads that arrive meanwhile wait here, then find its result.
  std::lock_guard fetching(fetch_mu_);
  int64_t now;
  {
    std::lock_guard lock(mu_);
    now = clock_.NowSeconds();
    if (auto key = Lookup(kid, now, ttl)) return key;
    if (!MayFetch(now)) return Lookup(kid, now, usable);
    last_attempt_ = now;
    ++attempts_;
    fetching_ = true;
  }
  auto document = fetcher_->Fetch();
  Result<KeySet> parsed =
      document ? ParseJwks(*document) : Result<KeySet>(tl::unexpected(document.error()));
  std::lock_guard lock(mu_);
  fetching_ = false;
  if (parsed) {
    keys_ = std::make_shared<const KeySet>(std::move(*parsed));
    fetched_at_ = now;
    Log(Severity::kInfo, "jwks fetched", {{"keys", keys_->size()}});
  } else {
    Log(Severity::kError, "jwks fetch failed",
        {{"error", parsed.error().message},
         {"retry_after_seconds", options_.min_refetch_seconds},
         {"cached_keys", keys_ ? keys_->size() : 0}});
  }
  return Lookup(kid, now, usable);
}

int64_t JwksCache::fetch_count() const {
  std::lock_guard lock(mu_);
  return attempts_;
}

}  // namespace dadly
