#include "auth/supabase_verifier.h"

#include <openssl/crypto.h>

#include <algorithm>

#include "auth/jws.h"
#include "auth/jwt.h"
#include "core/ids.h"
#include "core/text.h"

namespace dadly {
namespace {

// Supabase tokens carry user metadata; 8 KiB is far above what a session token holds.
constexpr size_t kMaxTokenSize = 8192;

tl::unexpected<Error> Rejected() {
  return Fail(ErrorCode::kUnauthenticated, "the access token is not valid");
}

const std::string* StringMember(const nlohmann::json& object, const char* name) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

class SupabaseVerifier final : public AccessTokenVerifier {
 public:
  SupabaseVerifier(SupabaseVerifierOptions options, JwksCache& keys, const Clock& clock)
      : issuer_(SupabaseIssuer(options.url)),
        secret_(std::move(options.jwt_secret)),
        keys_(keys),
        clock_(clock) {}

  Result<Identity> Verify(std::string_view token) const override {
    auto jws = ParseCompactJws(token, kMaxTokenSize);
    if (!jws) return tl::unexpected(jws.error());
    if (!SignatureValid(*jws)) return Rejected();
    return Claims(jws->payload);
  }

 private:
  bool SignatureValid(const CompactJws& jws) const {
    const auto& header = jws.header;
    // No extension Dadly would have to understand (RFC 7515 section 4.1.11).
    if (header.contains("crit")) return false;
    const std::string* alg = StringMember(header, "alg");
    if (alg == nullptr) return false;
    if (*alg == "HS256") {
      // Only the shared secret verifies HS256; never a public key, whatever `kid` says.
      if (secret_.empty()) return false;
      const std::string expected = Hs256Signature(jws.signing_input, secret_);
      const std::string given = Base64UrlEncode(jws.signature);
      return given.size() == expected.size() &&
             CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
    }
    if (*alg != "ES256" && *alg != "RS256") return false;  // none, HS384, PS256, EdDSA, ...
    const std::string* kid = StringMember(header, "kid");
    if (kid == nullptr || kid->empty() || kid->size() > 256) return false;
    const auto key = keys_.Find(*kid);
    // The key decides the algorithm; a header naming another one is refused.
    if (!key || *alg != JwsAlgorithmName(key->algorithm())) return false;
    return key->Verify(jws.signing_input, jws.signature);
  }

  Result<Identity> Claims(const nlohmann::json& p) const {
    const int64_t now = clock_.NowSeconds();
    if (!p.contains("exp") || !IsIntegralJson(p["exp"]) || p["exp"].get<int64_t>() <= now) {
      return Rejected();
    }
    if (p.contains("nbf") &&
        (!IsIntegralJson(p["nbf"]) || p["nbf"].get<int64_t>() > now + kSupabaseClockSkewSeconds)) {
      return Rejected();
    }
    if (p.contains("iat") && !IsIntegralJson(p["iat"])) return Rejected();
    const std::string* iss = StringMember(p, "iss");
    if (iss == nullptr || *iss != issuer_) return Rejected();
    const auto aud = p.find("aud");
    const bool aud_ok =
        aud != p.end() &&
        (*aud == kSupabaseAudience ||
         (aud->is_array() && std::find(aud->begin(), aud->end(), kSupabaseAudience) != aud->end()));
    if (!aud_ok) return Rejected();
    // The anon and service_role keys are JWTs of the same project: only a signed-in user's
    // token names a person.
    const std::string* role = StringMember(p, "role");
    if (role == nullptr || *role != kSupabaseRole) return Rejected();
    if (p.contains("is_anonymous") && p["is_anonymous"] == true) return Rejected();
    const std::string* sub = StringMember(p, "sub");
    if (sub == nullptr || !IsUuid(*sub)) return Rejected();

    Identity identity;
    identity.user_id = AsciiLower(*sub);
    if (const std::string* email = StringMember(p, "email")) identity.email = AsciiLower(*email);
    if (p.contains("user_metadata")) {
      const auto& meta = p["user_metadata"];
      const std::string* name = StringMember(meta, "full_name");
      if (name == nullptr) name = StringMember(meta, "name");
      if (name != nullptr) identity.display_name = *name;
    }
    return identity;
  }

  const std::string issuer_;
  const std::string secret_;
  JwksCache& keys_;
  const Clock& clock_;
};

}  // namespace

std::string SupabaseIssuer(const std::string& url) { return url + "/auth/v1"; }

std::string SupabaseJwksUrl(const std::string& url) {
  return url + "/auth/v1/.well-known/jwks.json";
}

std::unique_ptr<AccessTokenVerifier> NewSupabaseVerifier(SupabaseVerifierOptions options,
                                                         JwksCache& keys, const Clock& clock) {
  return std::make_unique<SupabaseVerifier>(std::move(options), keys, clock);
}

}  // namespace dadly
