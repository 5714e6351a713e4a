#include "auth/supabase_verifier.h"

#include <gtest/gtest.h>

#include "auth/test_clock.h"
#include "auth/test_keys.h"

namespace dadly {
namespace {

using nlohmann::json;
using testing::HmacJws;
using testing::ManualClock;
using testing::SignedJws;
using testing::SupabaseClaims;
using testing::TestKey;

const std::string kUrl = "https://abcdefghijklmnop.supabase.co";
const std::string kSecret = "super-secret-jwt-token-with-at-least-32-characters-long";
const std::string kUser = "1d571bf5-19b0-4415-97c8-336b6f521d5e";
constexpr int64_t kNow = 1795000000;

const TestKey& Ec() {
  static const TestKey key = TestKey::Ec();
  return key;
}
const TestKey& Ec2() {
  static const TestKey key = TestKey::Ec();
  return key;
}
const TestKey& Rsa() {
  static const TestKey key = TestKey::Rsa();
  return key;
}

// The project's JWKS, changeable by the test (key rotation), counting fetches.
struct Issuer {
  std::mutex mu;
  json keys = json::array();
  int fetches = 0;
};

class IssuerFetcher final : public JwksFetcher {
 public:
  explicit IssuerFetcher(Issuer& issuer) : issuer_(issuer) {}
  Result<std::string> Fetch() override {
    std::lock_guard lock(issuer_.mu);
    ++issuer_.fetches;
    return json{{"keys", issuer_.keys}}.dump();
  }

 private:
  Issuer& issuer_;
};

json Header(const std::string& alg, const std::string& kid) {
  json h = {{"alg", alg}, {"typ", "JWT"}};
  if (!kid.empty()) h["kid"] = kid;
  return h;
}

class SupabaseVerifierTest : public ::testing::Test {
 protected:
  explicit SupabaseVerifierTest(std::string secret = kSecret)
      : clock_(kNow),
        cache_(std::make_unique<IssuerFetcher>(issuer_), clock_,
               JwksCacheOptions{
                   .ttl_seconds = 600, .min_refetch_seconds = 30, .stale_grace_seconds = 3600}),
        verifier_(NewSupabaseVerifier({kUrl, std::move(secret)}, cache_, clock_)) {
    issuer_.keys = json::array({Ec().Jwk("ec-key"), Rsa().Jwk("rsa-key")});
  }

  json Claims() const { return SupabaseClaims(kUrl, kUser, kNow - 10); }
  std::string Es256(const json& claims) const {
    return SignedJws(Header("ES256", "ec-key"), claims, Ec());
  }
  bool Accepts(const std::string& token) const { return verifier_->Verify(token).has_value(); }

  Issuer issuer_;
  ManualClock clock_;
  JwksCache cache_;
  std::unique_ptr<AccessTokenVerifier> verifier_;
};

TEST_F(SupabaseVerifierTest, Es256TokenGivesTheIdentity) {
  auto identity = verifier_->Verify(Es256(Claims()));
  ASSERT_TRUE(identity) << identity.error().message;
  EXPECT_EQ(identity->user_id, kUser);
  EXPECT_EQ(identity->email, "dad@example.com");
  EXPECT_EQ(identity->display_name, "아빠");
}

TEST_F(SupabaseVerifierTest, Rs256AndHs256TokensAreAccepted) {
  EXPECT_TRUE(Accepts(SignedJws(Header("RS256", "rsa-key"), Claims(), Rsa())));
  EXPECT_TRUE(Accepts(HmacJws(Header("HS256", ""), Claims(), kSecret)));
  // Supabase's legacy secret tokens may carry a kid; the secret still decides.
  EXPECT_TRUE(Accepts(HmacJws(Header("HS256", "legacy"), Claims(), kSecret)));
  EXPECT_FALSE(Accepts(HmacJws(Header("HS256", ""), Claims(), "another secret")));
}

TEST_F(SupabaseVerifierTest, ClaimsAreChecked) {
  auto with = [&](const char* name, json value) {
    json c = Claims();
    c[name] = std::move(value);
    return c;
  };
  auto without = [&](const char* name) {
    json c = Claims();
    c.erase(name);
    return c;
  };
  const std::pair<const char*, json> cases[] = {
      {"wrong audience", with("aud", "anon")},
      {"audience list without authenticated", with("aud", {"anon", "other"})},
      {"no audience", without("aud")},
      {"wrong issuer", with("iss", "https://evil.supabase.co/auth/v1")},
      {"issuer without /auth/v1", with("iss", kUrl)},
      {"no issuer", without("iss")},
      {"expired", with("exp", kNow - 1)},
      {"expires now", with("exp", kNow)},
      {"exp as a string", with("exp", std::to_string(kNow + 900))},
      {"exp as a float", with("exp", static_cast<double>(kNow) + 900.5)},
      {"no exp", without("exp")},
      {"nbf in the future", with("nbf", kNow + 300)},
      {"anon role", with("role", "anon")},
      {"service_role", with("role", "service_role")},
      {"no role", without("role")},
      {"anonymous sign-in", with("is_anonymous", true)},
      {"subject not a uuid", with("sub", "admin")},
      {"no subject", without("sub")},
  };
  for (const auto& [name, claims] : cases) {
    EXPECT_FALSE(Accepts(Es256(claims))) << name;
    EXPECT_FALSE(Accepts(HmacJws(Header("HS256", ""), claims, kSecret))) << name;
  }
  EXPECT_TRUE(Accepts(Es256(with("aud", {"other", "authenticated"}))));
  EXPECT_TRUE(Accepts(Es256(with("nbf", kNow + 20))));  // within the allowed clock skew
  EXPECT_TRUE(Accepts(Es256(without("email"))));
}

TEST_F(SupabaseVerifierTest, TamperedTokensAreRejected) {
  const std::string token = Es256(Claims());
  const auto dot1 = token.find('.');
  const auto dot2 = token.rfind('.');
  json forged = Claims();
  forged["sub"] = "2d571bf5-19b0-4415-97c8-336b6f521d5e";
  EXPECT_FALSE(
      Accepts(token.substr(0, dot1 + 1) + Base64UrlEncode(forged.dump()) + token.substr(dot2)));
  std::string flipped = token;
  flipped[dot2 + 5] = flipped[dot2 + 5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(Accepts(flipped));
  for (const char* t : {"", "abc", "a.b", "a.b.c", "a.b.c.d", "eyJ.eyJ.eyJ"}) {
    EXPECT_FALSE(Accepts(t)) << t;
  }
  EXPECT_FALSE(Accepts(std::string(9000, 'a') + ".b.c"));
}

TEST_F(SupabaseVerifierTest, AlgNoneIsRejected) {
  const std::string input =
      Base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." + Base64UrlEncode(Claims().dump());
  EXPECT_FALSE(Accepts(input + "."));
  EXPECT_FALSE(Accepts(input + "." + Base64UrlEncode("anything")));
  EXPECT_FALSE(Accepts(HmacJws({{"alg", "None"}}, Claims(), kSecret)));
  EXPECT_FALSE(Accepts(HmacJws({{"typ", "JWT"}}, Claims(), kSecret)));  // no alg at all
}

TEST_F(SupabaseVerifierTest, AlgorithmConfusionIsRejected) {
  // HS256 with a public key as the HMAC secret: the secret is never taken from a JWK or a kid.
  EXPECT_FALSE(Accepts(HmacJws(Header("HS256", "rsa-key"), Claims(), Rsa().PublicPem())));
  EXPECT_FALSE(Accepts(HmacJws(Header("HS256", "ec-key"), Claims(), Ec().PublicPem())));
  // An RS256 token naming the EC key, and an ES256 token naming the RSA key.
  EXPECT_FALSE(Accepts(SignedJws(Header("RS256", "ec-key"), Claims(), Rsa())));
  EXPECT_FALSE(Accepts(SignedJws(Header("ES256", "rsa-key"), Claims(), Ec())));
  // A correct signature under a header that names another algorithm for the key.
  EXPECT_FALSE(Accepts(SignedJws(Header("RS256", "rsa-key"), Claims(), Ec())));
  // Algorithms Dadly does not verify, even with a valid key.
  for (const char* alg : {"HS384", "HS512", "RS384", "PS256", "ES384", "EdDSA"}) {
    EXPECT_FALSE(Accepts(SignedJws(Header(alg, "ec-key"), Claims(), Ec()))) << alg;
  }
  // Critical header extensions are not understood, so not accepted.
  json crit = Header("ES256", "ec-key");
  crit["crit"] = {"exp"};
  EXPECT_FALSE(Accepts(SignedJws(crit, Claims(), Ec())));
}

TEST_F(SupabaseVerifierTest, AsymmetricTokenWithoutKidIsRejected) {
  EXPECT_FALSE(Accepts(SignedJws(Header("ES256", ""), Claims(), Ec())));
}

TEST_F(SupabaseVerifierTest, UnknownKidRefetchesThenRejects) {
  ASSERT_TRUE(Accepts(Es256(Claims())));
  EXPECT_EQ(issuer_.fetches, 1);
  clock_.Advance(31);
  const std::string stranger = SignedJws(Header("ES256", "unknown-kid"), Claims(), Ec2());
  EXPECT_FALSE(Accepts(stranger));
  EXPECT_EQ(issuer_.fetches, 2);
  EXPECT_FALSE(Accepts(stranger));
  EXPECT_EQ(issuer_.fetches, 2);  // not again within the refetch interval
}

TEST_F(SupabaseVerifierTest, KeyRotation) {
  ASSERT_TRUE(Accepts(Es256(Claims())));
  // Supabase rotates: a new key appears in the JWKS and starts signing.
  {
    std::lock_guard lock(issuer_.mu);
    issuer_.keys = json::array({Ec().Jwk("ec-key"), Ec2().Jwk("ec-key-2")});
  }
  clock_.Advance(60);
  const std::string rotated = SignedJws(Header("ES256", "ec-key-2"), Claims(), Ec2());
  EXPECT_TRUE(Accepts(rotated));  // fetched again for the new kid
  EXPECT_TRUE(Accepts(Es256(Claims())));
  // Then the old key is revoked: refused once the cached set has expired.
  {
    std::lock_guard lock(issuer_.mu);
    issuer_.keys = json::array({Ec2().Jwk("ec-key-2")});
  }
  clock_.Advance(300);
  json claims = SupabaseClaims(kUrl, kUser, kNow + 350);
  EXPECT_TRUE(Accepts(SignedJws(Header("ES256", "ec-key"), claims, Ec())));  // still cached
  clock_.Advance(301);
  claims = SupabaseClaims(kUrl, kUser, kNow + 650);
  EXPECT_FALSE(Accepts(SignedJws(Header("ES256", "ec-key"), claims, Ec())));
  EXPECT_TRUE(Accepts(SignedJws(Header("ES256", "ec-key-2"), claims, Ec2())));
}

class SupabaseWithoutSecretTest : public SupabaseVerifierTest {
 protected:
  SupabaseWithoutSecretTest() : SupabaseVerifierTest("") {}
};

TEST_F(SupabaseWithoutSecretTest, Hs256IsRefusedWithoutASecret) {
  EXPECT_FALSE(Accepts(HmacJws(Header("HS256", ""), Claims(), "")));
  EXPECT_FALSE(Accepts(HmacJws(Header("HS256", ""), Claims(), kSecret)));
  EXPECT_TRUE(Accepts(Es256(Claims())));
}

TEST(SupabaseUrls, IssuerAndJwksAddress) {
  EXPECT_EQ(SupabaseIssuer(kUrl), kUrl + "/auth/v1");
  EXPECT_EQ(SupabaseJwksUrl(kUrl), kUrl + "/auth/v1/.well-known/jwks.json");
}

}  // namespace
}  // namespace dadly
