#include "store/sqlite/group_sync.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace dadly::sqlite {
namespace {

thread_local PendingCommit t_unsynced;

}  // namespace

GroupSync::GroupSync(std::string wal_path) : wal_path_(std::move(wal_path)) {}

GroupSync::~GroupSync() {
  if (fd_ >= 0) ::close(fd_);
}

bool GroupSync::WaitFor(uint64_t ticket) {
  std::unique_lock lock(mu_);
  while (synced_ < ticket) {
    if (syncing_) {
      synced_cv_.wait(lock);
      continue;
    }
    // This thread syncs for everyone who committed before now; later commits wait for the next.
    syncing_ = true;
    const uint64_t target = committed_.load();
    lock.unlock();
    const bool ok = SyncLog();
    lock.lock();
    syncing_ = false;
    if (ok && target > synced_) synced_ = target;
    synced_cv_.notify_all();
    if (!ok) return false;
  }
  return true;
}

// Syncs the log file. The log keeps its file while any connection is open, but it is opened
// again if it was replaced, and a log that is gone has been copied into the database and synced
// there by SQLite before removal.
bool GroupSync::SyncLog() {
  struct stat st {};
  if (::stat(wal_path_.c_str(), &st) != 0) return errno == ENOENT;
  if (fd_ >= 0 && (st.st_dev != dev_ || st.st_ino != ino_)) {
    ::close(fd_);
    fd_ = -1;
  }
  if (fd_ < 0) {
    fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return errno == ENOENT;
    if (::fstat(fd_, &st) != 0) return false;
    dev_ = st.st_dev;
    ino_ = st.st_ino;
  }
  ++syncs_;
  return ::fdatasync(fd_) == 0;
}

void NoteUnsyncedCommit(std::shared_ptr<GroupSync> sync, uint64_t ticket) {
  t_unsynced = PendingCommit{std::move(sync), ticket};
}

PendingCommit TakeThisThreadsCommit() { return std::exchange(t_unsynced, PendingCommit{}); }

bool WaitForThisThreadsCommits() {
  const PendingCommit pending = TakeThisThreadsCommit();
  return pending.sync == nullptr || pending.sync->WaitFor(pending.ticket);
}

}  // namespace dadly::sqlite
