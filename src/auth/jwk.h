// Public keys from a JSON Web Key Set (RFC 7517, RFC 7518 section 6) and JWS signature checks
// with them (ES256 on P-256, RS256 on RSA). Each key carries the one algorithm it may verify,
// decided by the key's own type and curve, never by a token. Immutable after parsing, so keys
// are shared across threads freely.
#pragma once

#include <openssl/types.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.h"

namespace dadly {

enum class JwsAlgorithm { kEs256, kRs256 };

// "ES256" or "RS256".
const char* JwsAlgorithmName(JwsAlgorithm algorithm);

class PublicKey {
 public:
  // Takes ownership of `key`.
  PublicKey(EVP_PKEY* key, JwsAlgorithm algorithm);
  ~PublicKey();
  PublicKey(const PublicKey&) = delete;
  PublicKey& operator=(const PublicKey&) = delete;

  // A verification key from one JWK: EC with crv P-256 (ES256) or RSA of 2048 to 8192 bits
  // (RS256). kInvalidArgument for any other type, curve or algorithm, for a `use` other than
  // "sig", for `key_ops` without "verify", and for coordinates that are not a valid key.
  static Result<std::shared_ptr<const PublicKey>> FromJwk(const nlohmann::json& jwk);

  JwsAlgorithm algorithm() const { return algorithm_; }
  // True when `signature`, in JWS form (raw r||s of 64 bytes for ES256, the PKCS #1 v1.5 block
  // for RS256), signs `signing_input` with this key. Thread-safe.
  bool Verify(std::string_view signing_input, std::string_view signature) const;

 private:
  EVP_PKEY* key_;
  JwsAlgorithm algorithm_;
};

// Verification keys by `kid`.
using KeySet = std::map<std::string, std::shared_ptr<const PublicKey>>;

// The usable keys of a JWKS document: keys without a `kid`, of types Dadly does not verify with,
// or malformed are skipped (a JWKS may publish keys for other uses); the first of two keys with
// one `kid` wins. kInvalidArgument when the document is not a JSON object with a `keys` array.
Result<KeySet> ParseJwks(std::string_view document);

}  // namespace dadly
