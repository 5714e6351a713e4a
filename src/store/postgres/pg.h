// Thin RAII layer over libpq for the PostgreSQL store: connections with a prepared statement
// cache, a pool, and transactions that carry the caller's identity. Failures throw PgError, which
// the store methods turn into Error values at their boundary (see Guard in postgres_store.h).
// All parameters and results travel as text.
#pragma once

#include <libpq-fe.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dadly::postgres {

class PgError : public std::runtime_error {
 public:
  PgError(std::string sqlstate, const std::string& what)
      : std::runtime_error(what), sqlstate_(std::move(sqlstate)) {}
  // The five-character SQLSTATE ("23505"), or "08006" when the connection itself failed.
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// One parameter as text; nullopt is SQL NULL.
using Param = std::optional<std::string>;

inline Param ToParam(const std::string& s) { return s; }
inline Param ToParam(std::string_view s) { return std::string(s); }
inline Param ToParam(const char* s) { return std::string(s); }
inline Param ToParam(int64_t v) { return std::to_string(v); }
inline Param ToParam(int v) { return std::to_string(v); }
inline Param ToParam(const std::optional<std::string>& s) { return s; }
inline Param ToParam(const std::optional<int64_t>& v) {
  return v ? Param(std::to_string(*v)) : std::nullopt;
}

// The rows of one statement's result.
class Rows {
 public:
  explicit Rows(PGresult* result) : result_(result, &PQclear) {}
  int size() const { return PQntuples(result_.get()); }
  bool empty() const { return size() == 0; }
  // Rows changed by an INSERT, UPDATE or DELETE.
  int64_t affected() const;

  std::string Text(int row, int column) const;
  // The same bytes without a copy, valid as long as these rows.
  std::string_view View(int row, int column) const;
  std::optional<std::string> OptText(int row, int column) const;
  int64_t Int(int row, int column) const;
  std::optional<int64_t> OptInt(int row, int column) const;
  const PGresult* get() const { return result_.get(); }

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> result_;
};

// One open connection with its prepared statements. Not thread-safe: the pool hands it to one
// thread at a time.
class Connection {
 public:
  // Connects to `url` (postgres://...). Throws PgError when it cannot.
  explicit Connection(const std::string& url);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one statement, prepared once per connection and reused.
  template <typename... Args>
  Rows Exec(const std::string& sql, const Args&... args) {
    return ExecParams(sql, {ToParam(args)...});
  }
  Rows ExecParams(const std::string& sql, const std::vector<Param>& params);
  // Runs one statement in a transaction of its own with app.user_id set to `actor`, in one round
  // trip (libpq's pipeline mode: the setting, the statement and the commit travel together).
  Rows ExecAs(const std::string& actor, const std::string& sql, const std::vector<Param>& params);
  // Runs one or more statements without parameters (migrations, BEGIN).
  void ExecScript(const std::string& sql);
  // `text` as a quoted SQL literal, escaped for this connection.
  std::string Literal(std::string_view text);
  // Whether the connection can be handed to the next caller: open and outside a transaction.
  bool Reusable() const;
  bool Open() const { return PQstatus(conn_) == CONNECTION_OK; }

 private:
  // The name of `sql` prepared on this connection, preparing it the first time.
  const std::string& Prepared(const std::string& sql);

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
};

// Up to `size` connections, opened on first need. A connection that broke or was left inside a
// transaction is closed instead of being reused, so a database restart heals by itself.
class Pool {
 public:
  Pool(std::string url, size_t size) : url_(std::move(url)), capacity_(size) {}

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

  // Waits for a free connection; throws PgError when a new one cannot be opened.
  Lease Acquire();

 private:
  void Release(std::unique_ptr<Connection> conn);

  std::string url_;
  size_t capacity_;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t open_ = 0;
};

// BEGIN on construction with app.user_id set to `actor` for this transaction only (empty: no
// caller, so Row Level Security shows nothing); ROLLBACK on destruction unless Commit() ran.
class Transaction {
 public:
  Transaction(Connection& conn, const std::string& actor);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void Commit();

 private:
  Connection& conn_;
  bool done_ = false;
};

}  // namespace dadly::postgres
