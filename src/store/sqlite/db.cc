#include "store/sqlite/db.h"

#include <utility>

namespace dadly::sqlite {
namespace {

[[noreturn]] void Throw(sqlite3* db, int rc) {
  throw SqliteError(db ? sqlite3_extended_errcode(db) : rc,
                    std::string("sqlite: ") + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

}  // namespace

Stmt::~Stmt() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Stmt& Stmt::Bind(int index, std::string_view text) {
  if (int rc = sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                                 SQLITE_TRANSIENT);
      rc != SQLITE_OK) {
    Throw(db_, rc);
  }
  return *this;
}

Stmt& Stmt::Bind(int index, int64_t value) {
  if (int rc = sqlite3_bind_int64(stmt_, index, value); rc != SQLITE_OK) Throw(db_, rc);
  return *this;
}

Stmt& Stmt::Bind(int index, const std::optional<std::string>& text) {
  return text ? Bind(index, std::string_view(*text)) : BindNull(index);
}

Stmt& Stmt::BindBlob(int index, std::string_view bytes) {
  if (int rc = sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()),
                                 SQLITE_TRANSIENT);
      rc != SQLITE_OK) {
    Throw(db_, rc);
  }
  return *this;
}

Stmt& Stmt::BindNull(int index) {
  if (int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) Throw(db_, rc);
  return *this;
}

bool Stmt::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Throw(db_, rc);
}

void Stmt::Run() {
  while (Step()) {
  }
}

// Read as a blob: the same UTF-8 bytes, without SQLite first copying them to add a NUL.
std::string Stmt::Text(int column) const { return std::string(View(column)); }

std::string_view Stmt::View(int column) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string_view();
}

std::optional<std::string> Stmt::OptText(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return Text(column);
}

int64_t Stmt::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<int64_t> Stmt::OptInt(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return Int(column);
}

Connection::Connection(const std::string& path, std::shared_ptr<GroupSync> group_sync)
    : group_sync_(std::move(group_sync)) {
  // SQLite's memory statistics take a process-wide mutex on every allocation, which the
  // server's threads then queue on. Nothing reads them. This must precede SQLite's start-up,
  // so it is done before the first connection opens (later calls are refused, harmlessly).
  static const bool kNoMemoryStatistics = [] {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  }();
  (void)kNoMemoryStatistics;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, "sqlite: cannot open " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  // secure_delete: deleted text is overwritten, not left in free pages ("deletion means gone").
  Exec(
      "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;"
      "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;");
  // Replaces SQLite's own commit hook, whose only work was the automatic checkpoint.
  sqlite3_wal_hook(db_, &Connection::OnCommit, this);
}

int Connection::OnCommit(void* self, sqlite3* db, const char* name, int wal_pages) {
  auto* conn = static_cast<Connection*>(self);
  if (conn->group_sync_ != nullptr && !conn->relaxed_) {
    NoteUnsyncedCommit(conn->group_sync_, conn->group_sync_->NoteCommit());
  }
  // SQLite's automatic checkpoint, unchanged: once the log holds 1000 pages, the commit that
  // filled it copies it into the database, so that it does not grow without bound.
  constexpr int kCheckpointPages = 1000;
  if (wal_pages >= kCheckpointPages) sqlite3_wal_checkpoint(db, name);
  return SQLITE_OK;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Stmt Connection::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        rc != SQLITE_OK) {
      Throw(db_, rc);
    }
    it = cache_.emplace(sql, stmt).first;
  }
  return Stmt(db_, it->second);
}

void Connection::Exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw SqliteError(sqlite3_extended_errcode(db_), "sqlite: " + msg);
  }
}

Pool::Pool(const std::string& path, const std::string& synchronous, size_t size) {
  if (synchronous == "full") group_sync_ = std::make_shared<GroupSync>(path + "-wal");
  for (size_t i = 0; i < size; ++i)
    idle_.push_back(std::make_unique<Connection>(path, group_sync_));
}

Pool::Lease Pool::Acquire() {
  std::unique_lock lock(mu_);
  available_.wait(lock, [&] { return !idle_.empty(); });
  auto conn = std::move(idle_.back());
  idle_.pop_back();
  return Lease(this, std::move(conn));
}

Pool::Lease::~Lease() {
  if (!conn_) return;
  {
    std::lock_guard lock(pool_->mu_);
    pool_->idle_.push_back(std::move(conn_));
  }
  pool_->available_.notify_one();
}

void Pool::SharedWrite(const std::function<void(Connection&)>& work) {
  SharedPiece piece{&work, nullptr, {}, false};
  std::unique_lock lock(shared_mu_);
  shared_waiting_.push_back(&piece);
  while (!piece.done) {
    if (shared_running_) {
      shared_done_.wait(lock);
      continue;
    }
    // No batch is running: this thread runs every piece waiting, its own among them.
    shared_running_ = true;
    const std::vector<SharedPiece*> batch = std::exchange(shared_waiting_, {});
    lock.unlock();
    RunShared(batch);
    lock.lock();
    for (SharedPiece* p : batch) p->done = true;
    shared_running_ = false;
    shared_done_.notify_all();
  }
  lock.unlock();
  if (piece.error) std::rethrow_exception(piece.error);
  if (piece.commit.sync) NoteUnsyncedCommit(piece.commit.sync, piece.commit.ticket);
}

// Runs on the thread that leads the batch; sets each piece's error or commit.
void Pool::RunShared(const std::vector<SharedPiece*>& pieces) {
  try {
    auto conn = Acquire();
    WriteTransaction tx(*this, *conn);
    for (SharedPiece* p : pieces) {
      conn->Prepare("SAVEPOINT piece").Run();
      try {
        (*p->work)(*conn);
      } catch (...) {
        p->error = std::current_exception();
        conn->Prepare("ROLLBACK TO piece").Run();
      }
      conn->Prepare("RELEASE piece").Run();
    }
    tx.Commit();
  } catch (...) {
    // The transaction is gone (rolled back): no piece was written.
    for (SharedPiece* p : pieces) {
      if (!p->error) p->error = std::current_exception();
    }
    return;
  }
  const PendingCommit commit = TakeThisThreadsCommit();
  for (SharedPiece* p : pieces) {
    if (!p->error) p->commit = commit;
  }
}

RelaxedSync::RelaxedSync(Connection& conn) : conn_(conn) { conn_.set_relaxed(true); }

RelaxedSync::~RelaxedSync() { conn_.set_relaxed(false); }

WriteTransaction::WriteTransaction(Pool& pool, Connection& conn)
    : lock_(pool.write_mutex()), conn_(conn) {
  conn_.Prepare("BEGIN IMMEDIATE").Run();
}

WriteTransaction::~WriteTransaction() {
  if (done_) return;
  try {
    conn_.Prepare("ROLLBACK").Run();
  } catch (const SqliteError&) {
    // The transaction is already gone (SQLite rolls back on some errors by itself).
  }
}

void WriteTransaction::Commit() {
  conn_.Prepare("COMMIT").Run();
  done_ = true;
}

}  // namespace dadly::sqlite
