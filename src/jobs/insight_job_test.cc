// The insight job through the runner, on the embedded store, with a provider the test controls.
#include "jobs/insight_job.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "auth/test_clock.h"
#include "core/ids.h"

namespace dadly {
namespace {

class ScriptedProvider final : public AiProvider {
 public:
  std::string Name() const override { return "scripted"; }
  std::string Model() const override { return "scripted-1"; }
  std::string EmbeddingModel() const override { return "scripted-1-embed"; }
  int Dimensions() const override { return 2; }
  Result<Analysis> Analyse(AiCall&, const std::string&, const std::string& body) override {
    ++analysed;
    if (failures_left > 0) {
      --failures_left;
      return Fail(ErrorCode::kUnavailable, "the model is down");
    }
    return Analysis{"summary of " + body, {"bike"}, {{"joy", "기쁨", 0.9}}, "ko"};
  }
  Result<std::vector<std::vector<float>>> Embed(AiCall&,
                                                const std::vector<std::string>& texts) override {
    return std::vector<std::vector<float>>(texts.size(), std::vector<float>{0.6F, 0.8F});
  }
  Result<std::string> Answer(AiCall&, const std::string&, const std::vector<Passage>&) override {
    return Fail(ErrorCode::kInternal, "not used here");
  }
  Result<std::string> Chat(AiCall&, const std::vector<ChatTurn>&, const std::vector<Passage>&,
                           const OnDelta&) override {
    return Fail(ErrorCode::kInternal, "not used here");
  }
  std::atomic<int> failures_left = 0;
  std::atomic<int> analysed = 0;
};

class InsightJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("dadly-jobs-" + NewUuid());
    Config c;
    c.data_dir = dir_.string();
    c.threads = 2;
    store_ = std::move(OpenStore(c).value());
    ASSERT_TRUE(store_->Migrate());
    user_ = User{NewUuid(), "w@example.com", "h", "엄마", "ko", 1};
    ASSERT_TRUE(store_->CreateUser(user_));
    family_ = Family{NewUuid(), "f", 1};
    ASSERT_TRUE(store_->CreateFamily(family_, {family_.id, user_.id, Role::kOwner, 1}));
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  Entry Write(const std::string& body) {
    Entry e;
    e.id = NewUuid();
    e.family_id = family_.id;
    e.author_id = user_.id;
    e.body = body;
    e.occurred_at = "2026-05-05";
    return *store_->CreateEntry(e);
  }
  Insight InsightOf(const Entry& e) { return *store_->FindEntry(family_.id, e.id, true)->insight; }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  User user_;
  Family family_;
  testing::ManualClock clock_{1000};
  ScriptedProvider provider_;
  AiGateway ai_{provider_, clock_, AiPolicy{}};
};

TEST_F(InsightJobTest, AnEntryGetsItsInsight) {
  InsightJob job(*store_, ai_, clock_);
  JobRunner runner(*store_, clock_, {{"insight", &job}}, {});
  const Entry e = Write("자전거를 탔다");
  EXPECT_EQ(InsightOf(e).status, "pending");
  EXPECT_EQ(runner.Drain(), 1);
  const Insight done = InsightOf(e);
  EXPECT_EQ(done.status, "done");
  EXPECT_EQ(done.analysis.summary, "summary of 자전거를 탔다");
  EXPECT_EQ(done.provider, "scripted");
  EXPECT_EQ(runner.Drain(), 0);
}

TEST_F(InsightJobTest, AnEditSupersedesTheQueuedVersion) {
  InsightJob job(*store_, ai_, clock_);
  JobRunner runner(*store_, clock_, {{"insight", &job}}, {});
  Entry e = Write("first");
  e.body = "second";
  ASSERT_TRUE(store_->UpdateEntry(e, 1));
  EXPECT_EQ(runner.Drain(), 2);
  EXPECT_EQ(provider_.analysed, 1);  // the job for version 1 found itself stale and did nothing
  EXPECT_EQ(InsightOf(e).analysis.summary, "summary of second");
  EXPECT_EQ(InsightOf(e).version, 2);
}

TEST_F(InsightJobTest, FailuresBackOffThenTheInsightFails) {
  InsightJob job(*store_, ai_, clock_);
  JobRunnerOptions options;
  options.max_attempts = 3;
  JobRunner runner(*store_, clock_, {{"insight", &job}}, options);
  const Entry e = Write("아팠다");
  provider_.failures_left = 10;
  EXPECT_EQ(runner.Drain(), 1);
  EXPECT_EQ(runner.Drain(), 0);  // not due before its backoff
  clock_.Advance(JobRunner::Backoff(options, 1, 1.0));
  EXPECT_EQ(runner.Drain(), 1);
  clock_.Advance(JobRunner::Backoff(options, 2, 1.0));
  EXPECT_EQ(runner.Drain(), 1);
  EXPECT_EQ(provider_.analysed, 3);
  const Insight failed = InsightOf(e);
  EXPECT_EQ(failed.status, "failed");
  EXPECT_EQ(failed.error, "the model is down");
  ASSERT_EQ(store_->ListJobs(JobState::kDead, 10)->size(), 1u);
  clock_.Advance(100000);
  EXPECT_EQ(runner.Drain(), 0);
}

TEST(JobRunnerBackoff, DoublesWithJitterUpToTheCap) {
  JobRunnerOptions o;
  o.first_backoff_seconds = 10;
  o.max_backoff_seconds = 60;
  EXPECT_EQ(JobRunner::Backoff(o, 1, 0.5), 10);
  EXPECT_EQ(JobRunner::Backoff(o, 2, 0.5), 20);
  EXPECT_EQ(JobRunner::Backoff(o, 3, 0.5), 40);
  EXPECT_EQ(JobRunner::Backoff(o, 4, 0.5), 60);
  EXPECT_EQ(JobRunner::Backoff(o, 1, 0.0), 5);
  EXPECT_EQ(JobRunner::Backoff(o, 1, 0.999), 14);
}

TEST_F(InsightJobTest, ThreadsWorkTheQueueUntilStopped) {
  InsightJob job(*store_, ai_, clock_);
  JobRunnerOptions options;
  options.threads = 2;
  options.idle_poll = std::chrono::milliseconds(20);
  JobRunner runner(*store_, clock_, {{"insight", &job}}, options);
  std::vector<Entry> entries;
  for (int i = 0; i < 20; ++i) entries.push_back(Write("entry " + std::to_string(i)));
  runner.Start();
  runner.Wake();
  for (int tries = 0; tries < 500; ++tries) {
    if (store_->ListJobs(JobState::kDone, 100)->size() == entries.size()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  runner.Stop();
  for (const auto& e : entries) EXPECT_EQ(InsightOf(e).status, "done") << e.body;
  EXPECT_EQ(provider_.analysed, 20);
}

}  // namespace
}  // namespace dadly
