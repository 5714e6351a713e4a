// Pool::SharedWrite: concurrent writes share one transaction and one commit.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/sqlite/db.h"

namespace dadly::sqlite {
namespace {

class SharedWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dadly-shared-write-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    pool_ = std::make_unique<Pool>((dir_ / "dadly.db").string(), "full", 4);
    auto conn = pool_->Acquire();
    conn->Exec("CREATE TABLE t (x INTEGER)");
  }
  void TearDown() override {
    pool_.reset();
    std::filesystem::remove_all(dir_);
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

  std::filesystem::path dir_;
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
