// For tests only: OpenSSL key pairs, their public JWKs and PEMs, and compact JWS tokens signed
// with them (ES256, RS256) or with a shared secret (HS256), laid out the way Supabase Auth
// issues them.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "auth/jwt.h"
#include "core/ids.h"

namespace dadly::testing {

class TestKey {
 public:
  static TestKey Ec() { return TestKey(EVP_EC_gen("P-256"), "ES256"); }
  static TestKey Rsa() { return TestKey(EVP_RSA_gen(2048), "RS256"); }

  const std::string& alg() const { return alg_; }

  // The public half as a JWK with `kid`, as Supabase's JWKS endpoint publishes it.
  nlohmann::json Jwk(const std::string& kid) const {
    nlohmann::json jwk = {{"kid", kid}, {"alg", alg_}, {"use", "sig"}, {"key_ops", {"verify"}}};
    if (alg_ == "ES256") {
      jwk["kty"] = "EC";
      jwk["crv"] = "P-256";
      jwk["x"] = Base64UrlEncode(Param(OSSL_PKEY_PARAM_EC_PUB_X, 32));
      jwk["y"] = Base64UrlEncode(Param(OSSL_PKEY_PARAM_EC_PUB_Y, 32));
    } else {
      jwk["kty"] = "RSA";
      jwk["n"] = Base64UrlEncode(Param(OSSL_PKEY_PARAM_RSA_N, 0));
      jwk["e"] = Base64UrlEncode(Param(OSSL_PKEY_PARAM_RSA_E, 0));
    }
    return jwk;
  }

  // The public key as PEM text (what an attacker would use as an HMAC secret).
  std::string PublicPem() const {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PUBKEY(bio.get(), key_.get());
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(len));
  }

  // The JWS signature of `input` in JWS form (r||s for ES256).
  std::string Sign(std::string_view input) const {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    size_t len = 0;
    if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len,
                       reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
      throw std::runtime_error("sign");
    }
    std::string sig(len, '\0');
    auto* out = reinterpret_cast<unsigned char*>(sig.data());
    if (EVP_DigestSign(ctx.get(), out, &len, reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) != 1) {
      throw std::runtime_error("sign");
    }
    sig.resize(len);
    if (alg_ != "ES256") return sig;
    const unsigned char* p = out;
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> ecdsa(
        d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len)), ECDSA_SIG_free);
    std::string raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(ecdsa.get()), reinterpret_cast<unsigned char*>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(ecdsa.get()), reinterpret_cast<unsigned char*>(raw.data()) + 32,
                 32);
    return raw;
  }

 private:
  TestKey(EVP_PKEY* key, std::string alg) : key_(key, EVP_PKEY_free), alg_(std::move(alg)) {
    if (!key) throw std::runtime_error("key generation failed");
  }

  // A big-number parameter, left-padded to `width` bytes when `width` is not 0.
  std::string Param(const char* name, int width) const {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(key_.get(), name, &bn) != 1) throw std::runtime_error(name);
    const int size = width ? width : BN_num_bytes(bn);
    std::string out(static_cast<size_t>(size), '\0');
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), size);
    BN_free(bn);
    return out;
  }

  std::shared_ptr<EVP_PKEY> key_;
  std::string alg_;
};

// A compact JWS of `header` and `payload`, signed with `key`.
inline std::string SignedJws(const nlohmann::json& header, const nlohmann::json& payload,
                             const TestKey& key) {
  const std::string input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(payload.dump());
  return input + "." + Base64UrlEncode(key.Sign(input));
}

// A compact JWS of `header` and `payload` with an HS256 MAC under `secret`.
inline std::string HmacJws(const nlohmann::json& header, const nlohmann::json& payload,
                           const std::string& secret) {
  const std::string input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(payload.dump());
  return input + "." + Hs256Signature(input, secret);
}

// The claims of a Supabase access token for a signed-in user, as Supabase documents them.
inline nlohmann::json SupabaseClaims(const std::string& project_url, const std::string& sub,
                                     int64_t now, int64_t lifetime = 3600) {
  return {{"iss", project_url + "/auth/v1"},
          {"sub", sub},
          {"aud", "authenticated"},
          {"exp", now + lifetime},
          {"iat", now},
          {"email", "Dad@Example.com"},
          {"phone", ""},
          {"app_metadata", {{"provider", "email"}, {"providers", {"email"}}}},
          {"user_metadata", {{"full_name", "아빠"}, {"email_verified", true}}},
          {"role", "authenticated"},
          {"aal", "aal1"},
          {"amr", {{{"method", "password"}, {"timestamp", now}}}},
          {"session_id", "8b0a4c8e-3f47-4d5c-9a0e-2f7d6b1c9e11"},
          {"is_anonymous", false}};
}

}  // namespace dadly::testing
