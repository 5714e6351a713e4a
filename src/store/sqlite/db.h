// Thin RAII layer over the SQLite C API for the SQLite store: connections with a prepared
// statement cache, a connection pool, and transactions. Failures throw SqliteError, which the
// store methods turn into Error values at their boundary (see Guard in sqlite_store.h).
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/sqlite/group_sync.h"

namespace dadly::sqlite {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }  // the extended result code

 private:
  int code_;
};

// A cached prepared statement in use; resets and clears its bindings when it goes away.
// Not thread-safe: used by one thread holding the connection.
class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  Stmt& Bind(int index, std::string_view text);
  Stmt& Bind(int index, const std::string& text) { return Bind(index, std::string_view(text)); }
  Stmt& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Stmt& Bind(int index, int64_t value);
  Stmt& Bind(int index, const std::optional<std::string>& text);  // null when empty
  Stmt& BindNull(int index);
  Stmt& BindBlob(int index, std::string_view bytes);
  // Advances; true when a row is available.
  bool Step();
  // Steps to completion, for statements that return no rows.
  void Run();

  std::string Text(int column) const;
  // The same bytes without a copy, valid until the next Step or Reset.
  std::string_view View(int column) const;
  std::optional<std::string> OptText(int column) const;
  int64_t Int(int column) const;
  std::optional<int64_t> OptInt(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

// One open connection with its statement cache. Not thread-safe: the pool hands it to one
// thread at a time.
class Connection {
 public:
  // Opens (creating) the database with Dadly's pragmas. Commits do not wait for the disk
  // (synchronous NORMAL); with `group_sync`, they are noted there for the calling thread to wait
  // for before it answers (see group_sync.h).
  Connection(const std::string& path, std::shared_ptr<GroupSync> group_sync);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  Stmt Prepare(const std::string& sql);
  // Runs one or more statements without results (migrations, pragmas).
  void Exec(const std::string& sql);
  int64_t Changes() const { return sqlite3_changes64(db_); }
  sqlite3* handle() { return db_; }
  // While set, commits are not noted for waiting (see RelaxedSync).
  void set_relaxed(bool relaxed) { relaxed_ = relaxed; }

 private:
  static int OnCommit(void* self, sqlite3* db, const char* name, int wal_pages);

  sqlite3* db_ = nullptr;
  std::shared_ptr<GroupSync> group_sync_;
  bool relaxed_ = false;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// A fixed set of connections. Writers also take `write_mutex`, so that this process never makes
// SQLite's busy handler sleep against itself; other processes are waited for by busy_timeout.
// `synchronous` "full" makes every commit durable before its store call returns, by group
// commit; "normal" leaves the last commits to a power cut.
class Pool {
 public:
  Pool(const std::string& path, const std::string& synchronous, size_t size);

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    ~Lease();
    Connection* operator->() { return conn_.get(); }
    Connection& operator*() { return *conn_; }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  Lease Acquire();
  std::mutex& write_mutex() { return write_mutex_; }
  // Runs `work` in a write transaction shared with the work other threads hand in meanwhile:
  // one of them takes the write lock and runs every piece waiting, each in a savepoint of its
  // own, then commits them together. Under many concurrent writes, a commit then writes each
  // shared page (the table's and its indexes' last pages) once for all of them. A piece that
  // throws is rolled back alone, and its exception is rethrown here. Returns once the shared
  // commit is done, with that commit noted for this thread to wait for (group_sync.h).
  void SharedWrite(const std::function<void(Connection&)>& work);
  // Null with synchronous "normal".
  GroupSync* group_sync() { return group_sync_.get(); }

 private:
  std::shared_ptr<GroupSync> group_sync_;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::mutex write_mutex_;

  struct SharedPiece {
    const std::function<void(Connection&)>* work;
    std::exception_ptr error;
    PendingCommit commit;
    bool done = false;
  };
  void RunShared(const std::vector<SharedPiece*>& pieces);
  std::mutex shared_mu_;
  std::condition_variable shared_done_;
  std::vector<SharedPiece*> shared_waiting_;
  bool shared_running_ = false;
};

// For its lifetime the connection's commits are not waited for: in the write-ahead log they
// survive the process being killed, only a power cut may lose them, and the next waited-for
// commit syncs them with its own. For records whose loss costs little (AI traces), so that
// tracing adds no wait for the disk to a search.
class RelaxedSync {
 public:
  explicit RelaxedSync(Connection& conn);
  RelaxedSync(const RelaxedSync&) = delete;
  RelaxedSync& operator=(const RelaxedSync&) = delete;
  ~RelaxedSync();

 private:
  Connection& conn_;
};

// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless Commit() ran. Holds the pool's
// write mutex for its lifetime.
class WriteTransaction {
 public:
  WriteTransaction(Pool& pool, Connection& conn);
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction();
  void Commit();

 private:
  std::unique_lock<std::mutex> lock_;
  Connection& conn_;
  bool done_ = false;
};

}  // namespace dadly::sqlite
