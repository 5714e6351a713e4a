#include "service/user_provisioning.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "auth/password.h"
#include "auth/test_clock.h"
#include "core/ids.h"

namespace dadly {
namespace {

const std::string kUser = "1d571bf5-19b0-4415-97c8-336b6f521d5e";

TEST(NewExternalUser, TakesEmailAndNameFromTheIdentity) {
  const User u = NewExternalUser({kUser, "dad@example.com", " 아빠 "}, 1795000000);
  EXPECT_EQ(u.id, kUser);
  EXPECT_EQ(u.email, "dad@example.com");
  EXPECT_EQ(u.display_name, "아빠");
  EXPECT_EQ(u.locale, "ko");
  EXPECT_EQ(u.created_at, 1795000000);
  EXPECT_FALSE(VerifyPassword("", u.password_hash));
  EXPECT_FALSE(VerifyPassword("a long password", u.password_hash));
}

TEST(NewExternalUser, FallsBackToTheEmailAndCutsLongNames) {
  EXPECT_EQ(NewExternalUser({kUser, "seo.yoon@example.com", ""}, 0).display_name, "seo.yoon");
  EXPECT_EQ(NewExternalUser({kUser, "dad@example.com", " \t"}, 0).display_name, "dad");
  std::string long_name;
  for (int i = 0; i < 150; ++i) long_name += "가";
  const User u = NewExternalUser({kUser, "dad@example.com", long_name}, 0);
  EXPECT_EQ(u.display_name.size(), 100u * 3);  // 100 Hangul syllables, 3 bytes each
  // A phone sign-in carries no email: the row gets an address that can never be delivered.
  const User phone = NewExternalUser({kUser, "", ""}, 0);
  EXPECT_EQ(phone.email, kUser + "@users.invalid");
  EXPECT_EQ(phone.display_name, kUser);
}

// A verifier that vouches for whichever identity the test names by token.
class TableVerifier final : public AccessTokenVerifier {
 public:
  std::map<std::string, Identity> identities;
  Result<Identity> Verify(std::string_view token) const override {
    auto it = identities.find(std::string(token));
    if (it == identities.end()) return Fail(ErrorCode::kUnauthenticated, "no");
    return it->second;
  }
};

class ProvisioningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("dadly-provisioning-" + NewUuid());
    std::filesystem::create_directories(dir_);
    Config c;
    c.data_dir = dir_.string();
    c.threads = 2;
    store_ = std::move(OpenStore(c).value());
    ASSERT_TRUE(store_->Migrate());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  testing::ManualClock clock_{1795000000};
  TableVerifier provider_;
};

TEST_F(ProvisioningTest, CreatesTheUserOnFirstSightOnly) {
  provider_.identities["t1"] = {kUser, "dad@example.com", "아빠"};
  ProvisioningVerifier verifier(provider_, *store_, clock_);
  ASSERT_TRUE(verifier.Verify("t1"));
  auto user = store_->FindUser(kUser);
  ASSERT_TRUE(user);
  EXPECT_EQ(user->display_name, "아빠");
  provider_.identities["t1"].display_name = "다른 이름";
  ASSERT_TRUE(verifier.Verify("t1"));
  EXPECT_EQ(store_->FindUser(kUser)->display_name, "아빠");
  EXPECT_FALSE(verifier.Verify("unknown"));
}

TEST_F(ProvisioningTest, EmailOfAnotherUserIsAConflict) {
  ASSERT_TRUE(store_->CreateUser({NewUuid(), "dad@example.com", "hash", "아빠", "ko", 1}));
  provider_.identities["t1"] = {kUser, "dad@example.com", "아빠"};
  ProvisioningVerifier verifier(provider_, *store_, clock_);
  auto result = verifier.Verify("t1");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(store_->FindUser(kUser));
}

}  // namespace
}  // namespace dadly
