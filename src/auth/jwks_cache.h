// The JSON Web Key Set of an issuer, kept in memory. A fetched set is trusted for a TTL; a token
// naming an unknown `kid` triggers a fetch so that a rotated-in key works at once; and fetches,
// for whatever reason, are at least `min_refetch_seconds` apart, so tokens with made-up key ids
// cannot make the server hammer the issuer. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "auth/jwk.h"
#include "core/error.h"
#include "core/time.h"

namespace dadly {

// Where the JWKS document comes from (an HTTP GET in production, a string in tests).
class JwksFetcher {
 public:
  virtual ~JwksFetcher() = default;
  // The document's text; kUnavailable when it cannot be had. May block for the fetcher's
  // timeout. JwksCache calls it from one thread at a time.
  virtual Result<std::string> Fetch() = 0;
};

struct JwksCacheOptions {
  int64_t ttl_seconds = 600;           // a fetched set is used this long without asking again
  int64_t min_refetch_seconds = 30;    // no two fetches closer together than this
  int64_t stale_grace_seconds = 3600;  // while refreshing fails, an old set stays usable this
                                       // long past its TTL
};

class JwksCache {
 public:
  // `clock` must outlive the cache.
  JwksCache(std::unique_ptr<JwksFetcher> fetcher, const Clock& clock, JwksCacheOptions options);

  // The key with id `kid`, or nullptr when there is none. Uses the cached set while it is fresh
  // and holds `kid`; otherwise fetches (blocking, one fetch at a time, at most once per
  // `min_refetch_seconds`) and looks again. A fetch that fails is logged and leaves the
  // previous set in place.
  std::shared_ptr<const PublicKey> Find(const std::string& kid);

  // Fetches attempted so far (for tests and logs).
  int64_t fetch_count() const;

 private:
  // With mu_ held.
  std::shared_ptr<const PublicKey> Lookup(const std::string& kid, int64_t now,
                                          int64_t max_age) const;
  bool MayFetch(int64_t now) const;

  const std::unique_ptr<JwksFetcher> fetcher_;
  const Clock& clock_;
  const JwksCacheOptions options_;
  std::mutex fetch_mu_;  // held for the length of a fetch; taken before mu_
  mutable std::mutex mu_;
  std::shared_ptr<const KeySet> keys_;  // null until the first successful fetch
  int64_t fetched_at_ = 0;              // time of the fetch that produced keys_
  int64_t last_attempt_ = 0;
  int64_t attempts_ = 0;
  bool fetching_ = false;  // a fetch is under way (fetch_mu_ is held)
};

}  // namespace dadly
