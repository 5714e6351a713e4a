#include "auth/jwt.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/ids.h"

namespace dadly {
namespace {

// libsodium's HMAC: OpenSSL 3's one-shot HMAC() looks the algorithm up on every call, which
// was 4% of an authenticated read's CPU.
std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return std::string(reinterpret_cast<const char*>(mac), sizeof mac);
}

tl::unexpected<Error> Rejected() {
  return Fail(ErrorCode::kUnauthenticated, "the access token is not valid");
}

bool IsIntegral(const nlohmann::json& j) { return j.is_number_integer() || j.is_number_unsigned(); }

}  // namespace

std::string SignAccessToken(const AccessClaims& c, std::string_view key) {
  const std::string header = Base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})");
  const nlohmann::json payload = {{"sub", c.subject},
                                  {"iat", c.issued_at},
                                  {"exp", c.expires_at},
                                  {"iss", kTokenIssuer},
                                  {"aud", kTokenAudience}};
  std::string signing_input = header + "." + Base64UrlEncode(payload.dump());
  return signing_input + "." + Hs256Signature(signing_input, key);
}

std::string Hs256Signature(std::string_view signing_input, std::string_view key) {
  return Base64UrlEncode(HmacSha256(key, signing_input));
}

Result<AccessClaims> VerifyAccessToken(std::string_view token, std::string_view key, int64_t now) {
  if (token.size() > 4096) return Rejected();
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return Rejected();
  }
  std::string header_text, payload_text, sig;
  if (!Base64UrlDecode(token.substr(0, dot1), &header_text) ||
      !Base64UrlDecode(token.substr(dot1 + 1, dot2 - dot1 - 1), &payload_text) ||
      !Base64UrlDecode(token.substr(dot2 + 1), &sig)) {
    return Rejected();
  }
  const auto header = nlohmann::json::parse(header_text, nullptr, false);
  // Only HS256 is accepted, whatever else the header claims ("none", RS256, ...).
  if (!header.is_object() || !header.contains("alg") || header["alg"] != "HS256") {
    return Rejected();
  }
  const std::string expected = HmacSha256(key, token.substr(0, dot2));
  if (sig.size() != expected.size() ||
      sodium_memcmp(sig.data(), expected.data(), expected.size()) != 0) {
    return Rejected();
  }
  const auto p = nlohmann::json::parse(payload_text, nullptr, false);
  if (!p.is_object()) return Rejected();
  if (!p.contains("exp") || !IsIntegral(p["exp"]) || p["exp"].get<int64_t>() <= now) {
    return Rejected();
  }
  if (!p.contains("iat") || !IsIntegral(p["iat"])) return Rejected();
  if (p.contains("nbf") && (!IsIntegral(p["nbf"]) || p["nbf"].get<int64_t>() > now)) {
    return Rejected();
  }
  if (!p.contains("iss") || p["iss"] != kTokenIssuer) return Rejected();
  const auto& aud = p.contains("aud") ? p["aud"] : nlohmann::json();
  const bool aud_ok =
      aud == kTokenAudience ||
      (aud.is_array() && std::find(aud.begin(), aud.end(), kTokenAudience) != aud.end());
  if (!aud_ok) return Rejected();
  if (!p.contains("sub") || !p["sub"].is_string() || !IsUuid(p["sub"].get<std::string>())) {
    return Rejected();
  }
  return AccessClaims{p["sub"].get<std::string>(), p["iat"].get<int64_t>(),
                      p["exp"].get<int64_t>()};
}

}  // namespace dadly
