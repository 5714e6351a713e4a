#include "core/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>

namespace dadly {
namespace {

Result<Config> Load(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return LoadConfig(static_cast<int>(argv.size()), argv.data());
}

TEST(Config, FlagsOverrideTheEnvironment) {
  setenv("DADLY_PORT", "9001", 1);
  setenv("DADLY_DATA_DIR", "/tmp/from-env", 1);
  auto c = Load({"dadly", "serve", "--port", "9002"});
  unsetenv("DADLY_PORT");
  unsetenv("DADLY_DATA_DIR");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->port, 9002);
  EXPECT_EQ(c->data_dir, "/tmp/from-env");
  EXPECT_GT(c->threads, 0);
}

TEST(Config, RejectsUnknownCommandsFlagsAndBadNumbers) {
  EXPECT_FALSE(Load({"dadly", "dance"}));
  EXPECT_FALSE(Load({"dadly", "serve", "--colour", "blue"}));
  EXPECT_FALSE(Load({"dadly", "serve", "--port", "70000"}));
  EXPECT_FALSE(Load({"dadly", "serve", "--port", "80x"}));
  EXPECT_FALSE(Load({"dadly", "serve", "--port"}));
  EXPECT_FALSE(Load({"dadly", "serve", "--family", "x"}));  // grant's flag only
  EXPECT_TRUE(Load({"dadly", "grant", "--family", "f", "--email", "e", "--role", "viewer"}));
  EXPECT_TRUE(Load({"dadly", "reanalyse", "--entries", "all"}));
  EXPECT_FALSE(Load({"dadly", "grant", "--entries", "all"}));  // reanalyse's flag only
}

TEST(Config, DescriptionRedactsSecrets) {
  setenv("OPENAI_API_KEY", "sk-very-secret", 1);
  setenv("R2_BUCKET", "family-media", 1);
  setenv("DATABASE_URL", "postgres://dadly:hunter2@db.internal:5432/dadly", 1);
  setenv("DADLY_JWT_SECRET", "jwt-very-secret", 1);
  auto c = Load({"dadly", "config"});
  unsetenv("OPENAI_API_KEY");
  unsetenv("R2_BUCKET");
  unsetenv("DATABASE_URL");
  unsetenv("DADLY_JWT_SECRET");
  ASSERT_TRUE(c);
  std::string all;
  for (const auto& line : DescribeConfig(*c)) all += line + "\n";
  EXPECT_EQ(all.find("sk-very-secret"), std::string::npos);
  EXPECT_EQ(all.find("hunter2"), std::string::npos);
  EXPECT_EQ(all.find("jwt-very-secret"), std::string::npos);
  EXPECT_NE(all.find("OPENAI_API_KEY = (set, redacted)"), std::string::npos);
  EXPECT_NE(all.find("R2_BUCKET = family-media"), std::string::npos);
  EXPECT_NE(all.find("db.internal"), std::string::npos);
}

TEST(Config, AuthModeIsBuiltinOrSupabaseWithAUrl) {
  auto builtin = Load({"dadly", "serve"});
  ASSERT_TRUE(builtin);
  EXPECT_EQ(builtin->auth, "builtin");

  setenv("DADLY_AUTH", "firebase", 1);
  EXPECT_FALSE(Load({"dadly", "serve"}));
  setenv("DADLY_AUTH", "supabase", 1);
  EXPECT_FALSE(Load({"dadly", "serve"}));  // SUPABASE_URL is required
  for (const char* bad : {"abc.supabase.co", "ftp://abc.supabase.co", "https://",
                          "https://abc.supabase.co;script-src *", "https://a b.co",
                          "https://user@abc.supabase.co", "https://abc.supabase.co/?x=1"}) {
    setenv("SUPABASE_URL", bad, 1);
    EXPECT_FALSE(Load({"dadly", "serve"})) << bad;
  }
  setenv("SUPABASE_URL", "https://abc.supabase.co/", 1);
  setenv("SUPABASE_ANON_KEY", "anon-public-key", 1);
  setenv("SUPABASE_JWT_SECRET", "supabase-very-secret", 1);
  setenv("DADLY_JWKS_REFETCH_SECONDS", "5", 1);
  auto c = Load({"dadly", "config"});
  unsetenv("DADLY_AUTH");
  unsetenv("SUPABASE_URL");
  unsetenv("SUPABASE_ANON_KEY");
  unsetenv("SUPABASE_JWT_SECRET");
  unsetenv("DADLY_JWKS_REFETCH_SECONDS");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->auth, "supabase");
  EXPECT_EQ(SupabaseUrl(*c), "https://abc.supabase.co");
  EXPECT_EQ(c->jwks_refetch_seconds, 5);
  EXPECT_EQ(c->jwks_cache_seconds, 600);
  std::string all;
  for (const auto& line : DescribeConfig(*c)) all += line + "\n";
  EXPECT_EQ(all.find("supabase-very-secret"), std::string::npos);
  EXPECT_NE(all.find("SUPABASE_JWT_SECRET = (set, redacted)"), std::string::npos);
  EXPECT_NE(all.find("auth = supabase"), std::string::npos);
  EXPECT_NE(all.find("SUPABASE_ANON_KEY = anon-public-key"), std::string::npos);
}

TEST(Config, OperatorsAreNamedByAccountId) {
  setenv("DADLY_ADMIN_USER_IDS",
         " 3F91A595-857F-42DD-A257-3831868B48BC ,,"
         "b37c5a01-7ca6-4b35-9665-693f8eb2804b",
         1);
  auto c = Load({"dadly", "serve"});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->admin_user_ids, (std::set<std::string>{"3f91a595-857f-42dd-a257-3831868b48bc",
                                                      "b37c5a01-7ca6-4b35-9665-693f8eb2804b"}));
  setenv("DADLY_ADMIN_USER_IDS", "dad@example.com", 1);
  auto email = Load({"dadly", "serve"});
  unsetenv("DADLY_ADMIN_USER_IDS");
  ASSERT_FALSE(email);
  EXPECT_EQ(email.error().fields.at(0).field, "DADLY_ADMIN_USER_IDS");
  // Emails were read before; anyone can sign up first with one, so naming one stops the start.
  setenv("DADLY_ADMIN_EMAILS", "dad@example.com", 1);
  auto old = Load({"dadly", "serve"});
  unsetenv("DADLY_ADMIN_EMAILS");
  ASSERT_FALSE(old);
  EXPECT_NE(old.error().fields.at(0).message.find("DADLY_ADMIN_USER_IDS"), std::string::npos);
}

}  // namespace
}  // namespace dadly
