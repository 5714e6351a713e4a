#include "store/postgres/pg.h"

#include <charconv>

namespace dadly::postgres {
namespace {

[[noreturn]] void ThrowResult(PGconn* conn, const PGresult* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  throw PgError(state ? state : "08006", std::string("postgres: ") + message);
}

// Takes ownership of `result`; throws unless it is a successful command or row set.
Rows Check(PGconn* conn, PGresult* result) {
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Rows(result);
  Rows owned(result);  // freed on the way out
  ThrowResult(conn, result);
}

}  // namespace

int64_t Rows::affected() const {
  const char* n = PQcmdTuples(result_.get());
  int64_t out = 0;
  std::from_chars(n, n + std::char_traits<char>::length(n), out);
  return out;
}

std::string Rows::Text(int row, int column) const { return std::string(View(row, column)); }

std::string_view Rows::View(int row, int column) const {
  return std::string_view(PQgetvalue(result_.get(), row, column),
                          static_cast<size_t>(PQgetlength(result_.get(), row, column)));
}

std::optional<std::string> Rows::OptText(int row, int column) const {
  if (PQgetisnull(result_.get(), row, column)) return std::nullopt;
  return Text(row, column);
}

int64_t Rows::Int(int row, int column) const {
  const char* v = PQgetvalue(result_.get(), row, column);
  int64_t out = 0;
  std::from_chars(v, v + PQgetlength(result_.get(), row, column), out);
  return out;
}

std::optional<int64_t> Rows::OptInt(int row, int column) const {
  if (PQgetisnull(result_.get(), row, column)) return std::nullopt;
  return Int(row, column);
}

Connection::Connection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = std::string("postgres: cannot connect: ") + PQerrorMessage(conn_);
    PQfinish(conn_);
    throw PgError("08006", message);
  }
  // Notices (such as "there is no transaction in progress") are not Dadly's log lines.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() { PQfinish(conn_); }

const std::string& Connection::Prepared(const std::string& sql) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "dadly_" + std::to_string(prepared_.size());
    Check(conn_, PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr));
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  return it->second;
}

namespace {

std::vector<const char*> Values(const std::vector<Param>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  return values;
}

}  // namespace

Rows Connection::ExecParams(const std::string& sql, const std::vector<Param>& params) {
  const std::string& name = Prepared(sql);
  const auto values = Values(params);
  return Check(conn_, PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()),
                                     values.data(), nullptr, nullptr, 0));
}

Rows Connection::ExecAs(const std::string& actor, const std::string& sql,
                        const std::vector<Param>& params) {
  const std::string& set_actor = Prepared("SELECT set_config('app.user_id', $1, true)");
  const std::string& statement = Prepared(sql);
  const auto values = Values(params);
  const char* actor_value = actor.c_str();
  // Statements up to the sync run as one implicit transaction, committed at the sync.
  const bool sent =
      PQenterPipelineMode(conn_) == 1 &&
      PQsendQueryPrepared(conn_, set_actor.c_str(), 1, &actor_value, nullptr, nullptr, 0) == 1 &&
      PQsendQueryPrepared(conn_, statement.c_str(), static_cast<int>(values.size()), values.data(),
                          nullptr, nullptr, 0) == 1 &&
      PQpipelineSync(conn_) == 1;
  std::optional<Rows> rows;
  std::optional<Rows> failure;
  int results = 0;
  int nulls_in_a_row = 0;
  // Results arrive as: setting, NULL, statement, NULL, sync. Two NULLs in a row mean the
  // connection is gone.
  while (sent && nulls_in_a_row < 2) {
    PGresult* r = PQgetResult(conn_);
    if (r == nullptr) {
      ++nulls_in_a_row;
      continue;
    }
    nulls_in_a_row = 0;
    const auto status = PQresultStatus(r);
    if (status == PGRES_PIPELINE_SYNC) {
      PQclear(r);
      break;
    }
    if (status == PGRES_FATAL_ERROR && !failure) {
      failure.emplace(r);
    } else if (++results == 2 && status == PGRES_TUPLES_OK) {
      rows.emplace(r);
    } else {
      PQclear(r);
    }
  }
  PQexitPipelineMode(conn_);
  if (failure || !rows) {
    const PGresult* cause = failure ? failure->get() : nullptr;
    ThrowResult(conn_, cause);
  }
  return std::move(*rows);
}

void Connection::ExecScript(const std::string& sql) { Check(conn_, PQexec(conn_, sql.c_str())); }

std::string Connection::Literal(std::string_view text) {
  char* quoted = PQescapeLiteral(conn_, text.data(), text.size());
  if (quoted == nullptr) ThrowResult(conn_, nullptr);
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

bool Connection::Reusable() const { return Open() && PQtransactionStatus(conn_) == PQTRANS_IDLE; }

Pool::Lease::~Lease() {
  if (conn_) pool_->Release(std::move(conn_));
}

Pool::Lease Pool::Acquire() {
  std::unique_lock lock(mu_);
  available_.wait(lock, [&] { return !idle_.empty() || open_ < capacity_; });
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(conn));
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(this, std::make_unique<Connection>(url_));
  } catch (...) {
    lock.lock();
    --open_;
    available_.notify_one();
    throw;
  }
}

void Pool::Release(std::unique_ptr<Connection> conn) {
  const bool reusable = conn->Reusable();
  if (!reusable) conn.reset();  // closed outside the lock
  std::lock_guard lock(mu_);
  if (reusable) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  available_.notify_one();
}

Transaction::Transaction(Connection& conn, const std::string& actor) : conn_(conn) {
  // One round trip: the setting lives until this transaction ends, never on the connection.
  conn_.ExecScript("BEGIN; SELECT set_config('app.user_id', " + conn_.Literal(actor) + ", true)");
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    conn_.ExecScript("ROLLBACK");
  } catch (const PgError&) {
    // The connection is broken; the pool closes it instead of reusing it.
  }
}

void Transaction::Commit() {
  conn_.ExecScript("COMMIT");
  done_ = true;
}

}  // namespace dadly::postgres
