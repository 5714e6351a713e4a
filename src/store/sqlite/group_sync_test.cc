#include "store/sqlite/group_sync.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "store/sqlite/db.h"

namespace dadly::sqlite {
namespace {

class GroupSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dadly-group-sync-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Log() {
    const std::string path = (dir_ / "db-wal").string();
    std::ofstream(path) << "frames";
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(GroupSyncTest, OneSyncCoversEveryEarlierCommit) {
  GroupSync sync(Log());
  uint64_t last = 0;
  for (int i = 0; i < 5; ++i) last = sync.NoteCommit();
  EXPECT_TRUE(sync.WaitFor(last));
  EXPECT_EQ(sync.syncs(), 1u);
  EXPECT_TRUE(sync.WaitFor(3));  // already on disk
  EXPECT_EQ(sync.syncs(), 1u);
  EXPECT_TRUE(sync.WaitFor(sync.NoteCommit()));
  EXPECT_EQ(sync.syncs(), 2u);
}

TEST_F(GroupSyncTest, ALogThatIsGoneWasCopiedIntoTheDatabase) {
  GroupSync sync((dir_ / "missing-wal").string());
  EXPECT_TRUE(sync.WaitFor(sync.NoteCommit()));
  EXPECT_EQ(sync.syncs(), 0u);
}

TEST_F(GroupSyncTest, ConcurrentWritersAllReturnAndNeverSyncMoreThanTheyCommit) {
  GroupSync sync(Log());
  constexpr int kThreads = 8;
  constexpr int kCommits = 200;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kCommits; ++i) {
        if (!sync.WaitFor(sync.NoteCommit())) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GE(sync.syncs(), 1u);
  EXPECT_LE(sync.syncs(), static_cast<uint64_t>(kThreads * kCommits));
}

TEST_F(GroupSyncTest, APoolNotesEachCommitForItsThreadToWaitFor) {
  Pool pool((dir_ / "dadly.db").string(), "full", 2);
  ASSERT_NE(pool.group_sync(), nullptr);
  auto conn = pool.Acquire();
  {
    WriteTransaction tx(pool, *conn);
    conn->Exec("CREATE TABLE t (x INTEGER)");
    tx.Commit();
  }
  const uint64_t before = pool.group_sync()->syncs();
  EXPECT_TRUE(WaitForThisThreadsCommits());
  EXPECT_EQ(pool.group_sync()->syncs(), before + 1);
  EXPECT_TRUE(WaitForThisThreadsCommits());  // nothing new to wait for
  EXPECT_EQ(pool.group_sync()->syncs(), before + 1);
  {
    RelaxedSync relaxed(*conn);
    WriteTransaction tx(pool, *conn);
    conn->Exec("INSERT INTO t VALUES (1)");
    tx.Commit();
  }
  EXPECT_TRUE(WaitForThisThreadsCommits());
  EXPECT_EQ(pool.group_sync()->syncs(), before + 1);  // a relaxed commit is not waited for
}

TEST_F(GroupSyncTest, NormalSynchronousWaitsForNothing) {
  Pool pool((dir_ / "dadly.db").string(), "normal", 1);
  EXPECT_EQ(pool.group_sync(), nullptr);
}

}  // namespace
}  // namespace dadly::sqlite
