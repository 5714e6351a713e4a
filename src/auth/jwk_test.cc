#include "auth/jwk.h"

#include <gtest/gtest.h>

#include "auth/test_keys.h"

namespace dadly {
namespace {

using testing::TestKey;

const TestKey& Ec() {
  static const TestKey key = TestKey::Ec();
  return key;
}
const TestKey& Rsa() {
  static const TestKey key = TestKey::Rsa();
  return key;
}

std::string Jwks(std::initializer_list<nlohmann::json> keys) {
  return nlohmann::json{{"keys", nlohmann::json::array_t(keys)}}.dump();
}

TEST(Jwk, ParsesEcAndRsaKeysAndPinsTheirAlgorithms) {
  auto keys = ParseJwks(Jwks({Ec().Jwk("ec-1"), Rsa().Jwk("rsa-1")}));
  ASSERT_TRUE(keys) << keys.error().message;
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ(keys->at("ec-1")->algorithm(), JwsAlgorithm::kEs256);
  EXPECT_EQ(keys->at("rsa-1")->algorithm(), JwsAlgorithm::kRs256);
}

TEST(Jwk, VerifiesSignaturesOfItsOwnKeyOnly) {
  auto keys = ParseJwks(Jwks({Ec().Jwk("ec"), Rsa().Jwk("rsa")}));
  ASSERT_TRUE(keys);
  const std::string input = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0";
  const PublicKey& ec = *keys->at("ec");
  const PublicKey& rsa = *keys->at("rsa");
  EXPECT_TRUE(ec.Verify(input, Ec().Sign(input)));
  EXPECT_TRUE(rsa.Verify(input, Rsa().Sign(input)));
  EXPECT_FALSE(ec.Verify(input + "x", Ec().Sign(input)));
  EXPECT_FALSE(rsa.Verify(input + "x", Rsa().Sign(input)));
  EXPECT_FALSE(ec.Verify(input, Rsa().Sign(input)));
  EXPECT_FALSE(rsa.Verify(input, Ec().Sign(input)));
  // A DER-encoded ECDSA signature is not the JWS form.
  EXPECT_FALSE(ec.Verify(input, std::string(70, '\x30')));
  EXPECT_FALSE(ec.Verify(input, ""));
  EXPECT_FALSE(rsa.Verify(input, ""));
  std::string flipped = Ec().Sign(input);
  flipped[10] ^= 1;
  EXPECT_FALSE(ec.Verify(input, flipped));
}

TEST(Jwk, SkipsKeysItCannotOrMustNotUse) {
  auto p384 = Ec().Jwk("p384");
  p384["crv"] = "P-384";
  auto encryption = Ec().Jwk("enc");
  encryption["use"] = "enc";
  auto sign_only = Ec().Jwk("sign-only");
  sign_only["key_ops"] = {"sign"};
  auto wrong_alg = Rsa().Jwk("ps256");
  wrong_alg["alg"] = "PS256";
  auto ec_says_rs = Ec().Jwk("ec-as-rs");
  ec_says_rs["alg"] = "RS256";
  auto off_curve = Ec().Jwk("off-curve");
  off_curve["y"] = Base64UrlEncode(std::string(32, '\x01'));
  auto short_x = Ec().Jwk("short");
  short_x["x"] = Base64UrlEncode(std::string(31, '\x01'));
  auto weak_rsa = Rsa().Jwk("weak");
  weak_rsa["n"] = Base64UrlEncode(std::string(128, '\xff'));  // 1024 bits
  auto no_kid = Ec().Jwk("x");
  no_kid.erase("kid");
  const nlohmann::json oct = {{"kty", "oct"}, {"kid", "hmac"}, {"k", "c2VjcmV0"}};
  const nlohmann::json okp = {{"kty", "OKP"}, {"kid", "ed"}, {"crv", "Ed25519"}, {"x", "AAAA"}};

  auto keys = ParseJwks(Jwks({p384, encryption, sign_only, wrong_alg, ec_says_rs, off_curve,
                              short_x, weak_rsa, no_kid, oct, okp, Ec().Jwk("good")}));
  ASSERT_TRUE(keys);
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_TRUE(keys->contains("good"));
}

TEST(Jwk, FirstOfTwoKeysWithOneKidWins) {
  auto keys = ParseJwks(Jwks({Ec().Jwk("same"), Rsa().Jwk("same")}));
  ASSERT_TRUE(keys);
  EXPECT_EQ(keys->at("same")->algorithm(), JwsAlgorithm::kEs256);
}

TEST(Jwk, RejectsDocumentsThatAreNotAJwks) {
  for (const char* doc : {"", "[]", "{}", R"({"keys":{}})", "<html>", R"({"keys":"x"})"}) {
    EXPECT_FALSE(ParseJwks(doc)) << doc;
  }
  auto empty = ParseJwks(R"({"keys":[]})");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

}  // namespace
}  // namespace dadly
