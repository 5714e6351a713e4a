#include "auth/password.h"

#include <gtest/gtest.h>
#include <sodium.h>

namespace dadly {
namespace {

TEST(Password, HashesWithArgon2idAtLeastOwaspParameters) {
  auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash);
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *hash));
  EXPECT_NE(*hash, *HashPassword("correct horse battery"));  // fresh salt
}

TEST(Password, VerifiesWithTheParametersStoredInTheHash) {
  // A hash made with other parameters (m=32 MiB, t=3) verifies: they are read from the string.
  char stronger[crypto_pwhash_STRBYTES];
  ASSERT_EQ(
      crypto_pwhash_str_alg(stronger, "pw123456", 8, 3, 32u << 20, crypto_pwhash_ALG_ARGON2ID13),
      0);
  EXPECT_NE(std::string(stronger).find("m=32768,t=3"), std::string::npos);
  EXPECT_TRUE(VerifyPassword("pw123456", stronger));
  EXPECT_FALSE(VerifyPassword("pw1234567", stronger));
  EXPECT_FALSE(VerifyPassword("anything", "not a hash"));
}

}  // namespace
}  // namespace dadly
