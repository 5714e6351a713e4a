// Fetches a JWKS document with an HTTP GET (libcurl). Redirects are not followed, only http and
// https are spoken, bodies over 256 KiB are refused, and the whole request is bounded by a
// timeout, so a slow issuer delays a token check by at most that long.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "auth/jwks_cache.h"

namespace dadly {

struct HttpJwksOptions {
  std::string url;
  std::string api_key;  // sent as the `apikey` header when set (Supabase's public anon key)
  std::chrono::milliseconds timeout{5000};
};

std::unique_ptr<JwksFetcher> NewHttpJwksFetcher(HttpJwksOptions options);

}  // namespace dadly
