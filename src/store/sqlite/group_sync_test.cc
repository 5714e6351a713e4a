// Group commit (GroupSync) and commits shared between threads (Pool::SharedWrite).
#include "store/sqlite/group_sync.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <stdexcept>
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

// Pool::SharedWrite: concurrent writes share one transaction and one commit.
class SharedWriteTest : public GroupSyncTest {
 protected:
  void SetUp() override {
    GroupSyncTest::SetUp();
    pool_ = std::make_unique<Pool>((dir_ / "dadly.db").string(), "full", 4);
    auto conn = pool_->Acquire();
    conn->Exec("CREATE TABLE t (x INTEGER)");
  }
  void TearDown() override {
    pool_.reset();
    GroupSyncTest::TearDown();
  }

  int64_t Count() {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare("SELECT count(*) FROM t");
    q.Step();
    return q.Int(0);
  }

  // Runs `pieces` on threads of their own while the write lock is held, so that they queue up
  // and run together; returns each thread's commit ticket (0 when its piece threw).
  std::vector<uint64_t> RunQueued(const std::vector<std::function<void(Connection&)>>& pieces) {
    std::vector<uint64_t> tickets(pieces.size(), 0);
    std::vector<std::thread> threads;
    {
      std::lock_guard hold(pool_->write_mutex());
      for (size_t i = 0; i < pieces.size(); ++i) {
        threads.emplace_back([&, i] {
          try {
            pool_->SharedWrite(pieces[i]);
            const PendingCommit commit = TakeThisThreadsCommit();
            tickets[i] = commit.ticket;
            if (commit.sync && !commit.sync->WaitFor(commit.ticket)) tickets[i] = 0;
          } catch (const std::runtime_error&) {
          }
        });
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(300));  // all of them queue up
    }
    for (auto& t : threads) t.join();
    return tickets;
  }

  std::unique_ptr<Pool> pool_;
};

TEST_F(SharedWriteTest, QueuedWritesShareACommit) {
  std::vector<std::function<void(Connection&)>> pieces(
      8, [](Connection& conn) { conn.Exec("INSERT INTO t VALUES (1)"); });
  const auto tickets = RunQueued(pieces);
  EXPECT_EQ(Count(), 8);
  const std::set<uint64_t> commits(tickets.begin(), tickets.end());
  EXPECT_EQ(commits.count(0), 0u);
  // The first piece may run alone (it leads while the others arrive); the rest go together.
  EXPECT_LE(commits.size(), 2u);
}

TEST_F(SharedWriteTest, APieceThatThrowsIsRolledBackAlone) {
  const std::vector<std::function<void(Connection&)>> pieces = {
      [](Connection& conn) { conn.Exec("INSERT INTO t VALUES (1)"); },
      [](Connection& conn) {
        conn.Exec("INSERT INTO t VALUES (2)");
        throw std::runtime_error("this piece fails");
      },
      [](Connection& conn) { conn.Exec("INSERT INTO t VALUES (3)"); },
  };
  const auto tickets = RunQueued(pieces);
  EXPECT_NE(tickets[0], 0u);
  EXPECT_EQ(tickets[1], 0u);  // its SharedWrite rethrew
  EXPECT_NE(tickets[2], 0u);
  auto conn = pool_->Acquire();
  auto q = conn->Prepare("SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)");
  q.Step();
  EXPECT_EQ(q.Text(0), "1,3");
}

TEST_F(SharedWriteTest, ManyThreadsLoseNoWrite) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        pool_->SharedWrite([](Connection& conn) { conn.Exec("INSERT INTO t VALUES (1)"); });
        EXPECT_TRUE(WaitForThisThreadsCommits());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(Count(), 400);
}

}  // namespace
}  // namespace dadly::sqlite
