#include "auth/jwk.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <algorithm>

#include "core/ids.h"

namespace dadly {
namespace {

constexpr size_t kMaxKeys = 64;
constexpr int kMinRsaBits = 2048;
constexpr int kMaxRsaBits = 8192;
constexpr size_t kP256CoordinateBytes = 32;

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;

tl::unexpected<Error> Unusable(std::string why) {
  return Fail(ErrorCode::kInvalidArgument, "unusable JWK: " + std::move(why));
}

// A base64url member of the JWK, decoded; empty when missing or malformed.
std::string Member(const nlohmann::json& jwk, const char* name) {
  std::string out;
  if (!jwk.contains(name) || !jwk[name].is_string() ||
      !Base64UrlDecode(jwk[name].get_ref<const std::string&>(), &out)) {
    return "";
  }
  return out;
}

// Builds an EVP_PKEY of `type` ("EC", "RSA") from parameters.
EVP_PKEY* FromParams(const char* type, OSSL_PARAM_BLD* bld) {
  Params params(OSSL_PARAM_BLD_to_param(bld));
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) {
    return nullptr;
  }
  // The point must lie on the curve, the modulus must be sane.
  PkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) <= 0) {
    EVP_PKEY_free(key);
    return nullptr;
  }
  return key;
}

EVP_PKEY* EcKey(const std::string& x, const std::string& y) {
  std::string point = "\x04" + x + y;  // uncompressed SEC1 point
  ParamBld bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) ||
      !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                        point.size())) {
    return nullptr;
  }
  return FromParams("EC", bld.get());
}

EVP_PKEY* RsaKey(const std::string& n, const std::string& e) {
  Bignum bn_n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()),
                        static_cast<int>(n.size()), nullptr));
  Bignum bn_e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()),
                        static_cast<int>(e.size()), nullptr));
  if (!bn_n || !bn_e) return nullptr;
  const int bits = BN_num_bits(bn_n.get());
  if (bits < kMinRsaBits || bits > kMaxRsaBits || !BN_is_odd(bn_e.get()) ||
      BN_num_bits(bn_e.get()) < 2 || BN_num_bits(bn_e.get()) > 64) {
    return nullptr;
  }
  ParamBld bld(OSSL_PARAM_BLD_new());
  if (!bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get())) {
    return nullptr;
  }
  return FromParams("RSA", bld.get());
}

// JWS carries an ECDSA signature as r||s; OpenSSL verifies the DER SEQUENCE of the two.
std::string EcdsaRawToDer(std::string_view raw) {
  if (raw.size() != 2 * kP256CoordinateBytes) return "";
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  EcdsaSig sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(bytes, kP256CoordinateBytes, nullptr);
  BIGNUM* s = BN_bin2bn(bytes + kP256CoordinateBytes, kP256CoordinateBytes, nullptr);
  if (!sig || !r || !s || !ECDSA_SIG_set0(sig.get(), r, s)) {
    BN_free(r);
    BN_free(s);
    return "";
  }
  const int len = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (len <= 0) return "";
  std::string der(static_cast<size_t>(len), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_ECDSA_SIG(sig.get(), &out) != len) return "";
  return der;
}

}  // namespace

const char* JwsAlgorithmName(JwsAlgorithm algorithm) {
  return algorithm == JwsAlgorithm::kEs256 ? "ES256" : "RS256";
}

PublicKey::PublicKey(EVP_PKEY* key, JwsAlgorithm algorithm) : key_(key), algorithm_(algorithm) {}

PublicKey::~PublicKey() { EVP_PKEY_free(key_); }

Result<std::shared_ptr<const PublicKey>> PublicKey::FromJwk(const nlohmann::json& jwk) {
  if (!jwk.is_object() || !jwk.contains("kty") || !jwk["kty"].is_string()) {
    return Unusable("no kty");
  }
  if (jwk.contains("use") && jwk["use"] != "sig") return Unusable("not a signing key");
  if (jwk.contains("key_ops")) {
    const auto& ops = jwk["key_ops"];
    if (!ops.is_array() || std::find(ops.begin(), ops.end(), "verify") == ops.end()) {
      return Unusable("key_ops without verify");
    }
  }
  const std::string& kty = jwk["kty"].get_ref<const std::string&>();
  JwsAlgorithm algorithm;
  EVP_PKEY* key = nullptr;
  if (kty == "EC") {
    algorithm = JwsAlgorithm::kEs256;
    if (!jwk.contains("crv") || jwk["crv"] != "P-256") return Unusable("curve is not P-256");
    const std::string x = Member(jwk, "x");
    const std::string y = Member(jwk, "y");
    if (x.size() != kP256CoordinateBytes || y.size() != kP256CoordinateBytes) {
      return Unusable("bad EC coordinates");
    }
    key = EcKey(x, y);
  } else if (kty == "RSA") {
    algorithm = JwsAlgorithm::kRs256;
    const std::string n = Member(jwk, "n");
    const std::string e = Member(jwk, "e");
    if (n.empty() || e.empty()) return Unusable("bad RSA modulus or exponent");
    key = RsaKey(n, e);
  } else {
    return Unusable("kty " + kty);
  }
  // A key that names its algorithm must name the one its type allows.
  if (jwk.contains("alg") && jwk["alg"] != JwsAlgorithmName(algorithm)) {
    EVP_PKEY_free(key);
    return Unusable("alg does not match the key type");
  }
  if (key == nullptr) return Unusable("not a valid " + kty + " public key");
  return std::make_shared<const PublicKey>(key, algorithm);
}

bool PublicKey::Verify(std::string_view signing_input, std::string_view signature) const {
  std::string der;
  if (algorithm_ == JwsAlgorithm::kEs256) {
    der = EcdsaRawToDer(signature);
    if (der.empty()) return false;
    signature = der;
  } else if (signature.size() != static_cast<size_t>(EVP_PKEY_get_size(key_))) {
    return false;
  }
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_) != 1) {
    return false;
  }
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(),
                          reinterpret_cast<const unsigned char*>(signing_input.data()),
                          signing_input.size()) == 1;
}

Result<KeySet> ParseJwks(std::string_view document) {
  const auto doc = nlohmann::json::parse(document, nullptr, false);
  if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array()) {
    return Fail(ErrorCode::kInvalidArgument, "the JWKS is not a JSON object with a keys array");
  }
  KeySet keys;
  for (const auto& jwk : doc["keys"]) {
    if (keys.size() >= kMaxKeys) break;
    if (!jwk.is_object() || !jwk.contains("kid") || !jwk["kid"].is_string()) continue;
    const std::string& kid = jwk["kid"].get_ref<const std::string&>();
    if (kid.empty() || keys.contains(kid)) continue;
    if (auto key = PublicKey::FromJwk(jwk)) keys.emplace(kid, std::move(*key));
  }
  return keys;
}

}  // namespace dadly
