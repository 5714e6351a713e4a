#include "auth/jwt.h"

#include <gtest/gtest.h>

#include "core/ids.h"

namespace dadly {
namespace {

const std::string kKey = "0123456789abcdef0123456789abcdef";
const std::string kUser = "1d571bf5-19b0-4415-97c8-336b6f521d5e";
constexpr int64_t kNow = 1795000000;

// A token over raw header and payload JSON, correctly HS256-signed with `key`.
std::string Signed(const std::string& header, const std::string& payload, const std::string& key) {
  const std::string input = Base64UrlEncode(header) + "." + Base64UrlEncode(payload);
  return input + "." + Hs256Signature(input, key);
}

std::string Payload(int64_t exp, const std::string& aud = "dadly-api",
                    const std::string& iss = "dadly", const std::string& extra = "") {
  return R"({"sub":")" + kUser + R"(","iat":)" + std::to_string(kNow - 10) + R"(,"exp":)" +
         std::to_string(exp) + R"(,"aud":")" + aud + R"(","iss":")" + iss + "\"" + extra + "}";
}

const std::string kHs256 = R"({"alg":"HS256","typ":"JWT"})";

TEST(Jwt, SignedTokenVerifies) {
  const std::string token = SignAccessToken({kUser, kNow, kNow + 900}, kKey);
  auto claims = VerifyAccessToken(token, kKey, kNow + 10);
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->subject, kUser);
  EXPECT_EQ(claims->expires_at, kNow + 900);
  EXPECT_TRUE(VerifyAccessToken(Signed(kHs256, Payload(kNow + 900), kKey), kKey, kNow));
}

TEST(Jwt, ExpiredTokenIsRejected) {
  const std::string token = SignAccessToken({kUser, kNow, kNow + 900}, kKey);
  EXPECT_FALSE(VerifyAccessToken(token, kKey, kNow + 900));
  EXPECT_FALSE(VerifyAccessToken(token, kKey, kNow + 5000));
}

TEST(Jwt, OtherKeyIsRejected) {
  const std::string token = SignAccessToken({kUser, kNow, kNow + 900}, kKey);
  EXPECT_FALSE(VerifyAccessToken(token, "another key of enough length....", kNow));
}

TEST(Jwt, TamperedPayloadIsRejected) {
  const std::string token = SignAccessToken({kUser, kNow, kNow + 900}, kKey);
  const auto dot1 = token.find('.');
  const auto dot2 = token.rfind('.');
  const std::string forged =
      token.substr(0, dot1 + 1) + Base64UrlEncode(Payload(kNow + 99999)) + token.substr(dot2);
  EXPECT_FALSE(VerifyAccessToken(forged, kKey, kNow));
}

TEST(Jwt, AlgNoneIsRejected) {
  const std::string unsigned_token = Base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." +
                                     Base64UrlEncode(Payload(kNow + 900)) + ".";
  EXPECT_FALSE(VerifyAccessToken(unsigned_token, kKey, kNow));
  // Even with a valid MAC, a header that does not say HS256 is refused.
  EXPECT_FALSE(
      VerifyAccessToken(Signed(R"({"alg":"none"})", Payload(kNow + 900), kKey), kKey, kNow));
}

TEST(Jwt, AlgorithmConfusionIsRejected) {
  // An attacker signs with HMAC over a public key while claiming RS256: the header is refused
  // before any key is chosen, and the key is never taken from the token.
  const std::string public_key = "-----BEGIN PUBLIC KEY-----\nMFkw...\n-----END PUBLIC KEY-----\n";
  EXPECT_FALSE(
      VerifyAccessToken(Signed(R"({"alg":"RS256"})", Payload(kNow + 900), public_key), kKey, kNow));
  EXPECT_FALSE(VerifyAccessToken(Signed(kHs256, Payload(kNow + 900), public_key), kKey, kNow));
}

TEST(Jwt, ClaimsAreChecked) {
  const std::pair<const char*, std::string> cases[] = {
      {"wrong audience", Payload(kNow + 900, "someone-else")},
      {"wrong issuer", Payload(kNow + 900, "dadly-api", "evil")},
      {"not yet valid",
       Payload(kNow + 900, "dadly-api", "dadly", ",\"nbf\":" + std::to_string(kNow + 60))},
      {"expired", Payload(kNow - 1)},
      {"no exp", R"({"sub":")" + kUser + R"(","iat":1,"aud":"dadly-api","iss":"dadly"})"},
      {"subject not a uuid", R"({"sub":"admin","iat":1,"exp":)" + std::to_string(kNow + 900) +
                                 R"(,"aud":"dadly-api","iss":"dadly"})"},
  };
  for (const auto& [name, payload] : cases) {
    EXPECT_FALSE(VerifyAccessToken(Signed(kHs256, payload, kKey), kKey, kNow)) << name;
  }
}

// Claims of the wrong JSON type, or JSON that is not one object, fail like missing ones.
TEST(Jwt, ClaimsOfTheWrongShapeAreRejected) {
  const std::string exp = std::to_string(kNow + 900);
  const std::string rest = R"(,"aud":"dadly-api","iss":"dadly"})";
  const std::pair<const char*, std::string> cases[] = {
      {"exp a string", R"({"sub":")" + kUser + R"(","iat":1,"exp":")" + exp + "\"" + rest},
      {"exp a fraction", R"({"sub":")" + kUser + R"(","iat":1,"exp":)" + exp + ".5" + rest},
      {"no iat", R"({"sub":")" + kUser + R"(","exp":)" + exp + rest},
      {"nbf not a number", Payload(kNow + 900, "dadly-api", "dadly", R"(,"nbf":"0")")},
      {"sub a number", R"({"sub":7,"iat":1,"exp":)" + exp + rest},
      {"audience list without us",
       R"({"sub":")" + kUser + R"(","iat":1,"exp":)" + exp + R"(,"aud":["other"],"iss":"dadly"})"},
      {"trailing text", Payload(kNow + 900) + "x"},
      {"an array", "[" + Payload(kNow + 900) + "]"},
  };
  for (const auto& [name, payload] : cases) {
    EXPECT_FALSE(VerifyAccessToken(Signed(kHs256, payload, kKey), kKey, kNow)) << name;
  }
  EXPECT_FALSE(
      VerifyAccessToken(Signed(R"({"alg":"HS256")", Payload(kNow + 900), kKey), kKey, kNow))
      << "a header that is not JSON";
}

TEST(Jwt, AnAudienceListNamingUsIsAccepted) {
  const std::string payload = R"({"sub":")" + kUser + R"(","iat":1,"exp":)" +
                              std::to_string(kNow + 900) +
                              R"(,"aud":["other","dadly-api"],"iss":"dadly"})";
  EXPECT_TRUE(VerifyAccessToken(Signed(kHs256, payload, kKey), kKey, kNow));
}

TEST(Jwt, GarbageIsRejected) {
  for (const char* t : {"", "abc", "a.b", "a.b.c", "a.b.c.d", "....", "eyJ.eyJ.eyJ"}) {
    EXPECT_FALSE(VerifyAccessToken(t, kKey, kNow)) << t;
  }
}

}  // namespace
}  // namespace dadly
