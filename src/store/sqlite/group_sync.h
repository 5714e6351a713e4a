// Group commit for the SQLite store. Connections commit without waiting for the disk (SQLite's
// synchronous NORMAL: the commit is in the write-ahead log, safe from a killed process but not
// yet from a power cut) and note each commit here. Before a store call returns, its thread
// waits until the log has been synced past its own commits. The log is written in commit order,
// so one fdatasync covers every commit made before it began: concurrent writers share one sync
// instead of queueing for one each, and nothing is acknowledged before it is on disk.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace dadly::sqlite {

class GroupSync {
 public:
  // `wal_path` is the database's write-ahead log ("<database>-wal").
  explicit GroupSync(std::string wal_path);
  GroupSync(const GroupSync&) = delete;
  GroupSync& operator=(const GroupSync&) = delete;
  ~GroupSync();

  // Called once per commit, after its frames are written; returns the commit's ticket.
  uint64_t NoteCommit() { return ++committed_; }
  // Blocks until every commit up to `ticket` is on disk. False when the disk reported an error.
  bool WaitFor(uint64_t ticket);

  // The number of fdatasync calls so far (for tests).
  uint64_t syncs() const { return syncs_.load(); }

 private:
  bool SyncLog();

  const std::string wal_path_;
  std::atomic<uint64_t> committed_{0};
  std::atomic<uint64_t> syncs_{0};
  std::mutex mu_;
  std::condition_variable synced_cv_;
  uint64_t synced_ = 0;  // every commit up to this ticket is on disk
  bool syncing_ = false;
  int fd_ = -1;
  dev_t dev_ = 0;
  ino_t ino_ = 0;
};

// A commit still to be waited for. Holding `sync` keeps it alive until then, even if its pool
// goes first.
struct PendingCommit {
  std::shared_ptr<GroupSync> sync;
  uint64_t ticket = 0;
};

// Remembers that this thread made commit `ticket` through `sync`, to be waited for.
void NoteUnsyncedCommit(std::shared_ptr<GroupSync> sync, uint64_t ticket);
// Hands over what this thread was to wait for (nothing when `sync` is null), so that another
// thread can wait for it instead; this thread then waits for nothing.
PendingCommit TakeThisThreadsCommit();
// Waits for the commits this thread noted since its last wait; true when there were none or all
// are on disk. Every store call ends with it (see Guard).
bool WaitForThisThreadsCommits();

}  // namespace dadly::sqlite
