// The gateway on the embedded store, with a provider that reports what each call cost.
#include "service/ai_gateway.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "auth/test_clock.h"
#include "core/ids.h"

namespace dadly {
namespace {

class CountingProvider final : public AiProvider {
 public:
  std::string Name() const override { return "counting"; }
  std::string Model() const override { return "counting-1"; }
  std::string EmbeddingModel() const override { return "counting-1-embed"; }
  int Dimensions() const override { return 1; }
  std::string PromptVersion() const override { return "v7"; }
  Result<Analysis> Analyse(AiCall& call, const std::string&, const std::string& body) override {
    Charge(call, body, "a summary");
    return Analysis{"a summary", {}, {}, "ko"};
  }
  Result<std::vector<std::vector<float>>> Embed(AiCall& call,
                                                const std::vector<std::string>& texts) override {
    Charge(call, texts.front(), "");
    return std::vector<std::vector<float>>(texts.size(), std::vector<float>{1.0F});
  }
  Result<std::string> Answer(AiCall& call, const std::string& question,
                             const std::vector<Passage>&) override {
    Charge(call, question, "answer [1]");
    return std::string("answer [1]");
  }
  Result<std::string> Chat(AiCall& call, const std::vector<ChatTurn>& history,
                           const std::vector<Passage>&, const OnDelta& on_delta) override {
    ++chats;
    on_delta("hel");
    on_delta("lo");
    Charge(call, history.back().content, "hello");
    return std::string("hello");
  }
  int chats = 0;

 private:
  static void Charge(AiCall& call, const std::string& sent, const std::string& received) {
    call.tokens_in = 40;
    call.tokens_out = 10;
    call.cost_micro_usd = 12;
    if (call.trace_content) {
      call.sent = sent;
      call.received = received;
    }
  }
};

class AiGatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("dadly-gateway-" + NewUuid());
    Config c;
    c.data_dir = dir_.string();
    c.threads = 2;
    store_ = std::move(OpenStore(c).value());
    ASSERT_TRUE(store_->Migrate());
    user_ = User{NewUuid(), "g@example.com", "h", "엄마", "ko", 1};
    ASSERT_TRUE(store_->CreateUser(user_));
    family_ = Family{NewUuid(), "f", 1};
    ASSERT_TRUE(store_->CreateFamily(family_, {family_.id, user_.id, Role::kOwner, 1}));
    about_.family_id = family_.id;
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::vector<AiUsage> Usage() { return *store_->SumAiRuns(family_.id, 0, 1LL << 40); }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  User user_;
  Family family_;
  AiRun about_;
  testing::ManualClock clock_{86400 * 20000 + 3600};  // 01:00 UTC
  CountingProvider provider_;
};

TEST_F(AiGatewayTest, RecordsEveryCallWithItsCost) {
  AiGateway ai(provider_, clock_, AiPolicy{});
  ASSERT_TRUE(ai.Analyse(*store_, about_, "", "오늘"));
  std::string streamed;
  auto reply = ai.Chat(*store_, about_, {{"user", "안녕"}}, {},
                       [&](std::string_view piece) { streamed += piece; });
  ASSERT_TRUE(reply);
  EXPECT_EQ(streamed, *reply);
  const auto usage = Usage();
  ASSERT_EQ(usage.size(), 2U);
  for (const AiUsage& u : usage) {
    EXPECT_EQ(u.provider, "counting");
    EXPECT_EQ(u.calls, 1);
    EXPECT_EQ(u.tokens_in, 40);
    EXPECT_EQ(u.tokens_out, 10);
    EXPECT_EQ(u.cost_micro_usd, 12);
  }
  EXPECT_EQ(*store_->AiTokensSince(family_.id, 0), 100);
}

TEST_F(AiGatewayTest, RefusesCallsOnceTheDailyBudgetIsSpent) {
  AiGateway ai(provider_, clock_, AiPolicy{/*daily_token_budget=*/100, false});
  ASSERT_TRUE(ai.Answer(*store_, about_, "q", {}));  // 50 tokens
  ASSERT_TRUE(ai.Answer(*store_, about_, "q", {}));  // 100: spent
  auto refused = ai.Chat(*store_, about_, {{"user", "q"}}, {}, [](std::string_view) {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(refused.error().retry_after_seconds, 86400 - 3600);  // until midnight UTC
  EXPECT_EQ(provider_.chats, 0);
  // The refusal is traced too, so an owner sees why answers stopped.
  int64_t errors = 0;
  for (const AiUsage& u : Usage()) errors += u.errors;
  EXPECT_EQ(errors, 1);
  // A new day, a new budget.
  clock_.Advance(86400);
  EXPECT_TRUE(ai.Chat(*store_, about_, {{"user", "q"}}, {}, [](std::string_view) {}));
}

}  // namespace
}  // namespace dadly
