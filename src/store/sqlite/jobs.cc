// The job queue, the insights the jobs store, and the trace of AI calls. One writer at a time (the
// write transaction) is what makes claiming a job atomic here; PostgreSQL uses SKIP LOCKED instead.
#include "store/entry_sql.h"
#include "store/insight_codec.h"
#include "store/sqlite/sqlite_store.h"

namespace dadly::sqlite {
namespace {

constexpr const char* kJobColumns =
    "SELECT j.id, j.kind, j.family_id, e.id, j.version, j.acting_for, j.state, j.attempts, "
    "j.run_after, j.lease_until, j.worker, j.last_error, j.created_at, j.updated_at "
    "FROM jobs j JOIN entries e ON e.seq = j.entry_seq ";

Job ReadJob(const Stmt& q) {
  Job j;
  j.id = q.Int(0);
  j.kind = q.Text(1);
  j.family_id = q.Text(2);
  j.entry_id = q.Text(3);
  j.version = q.Int(4);
  j.acting_for = q.Text(5);
  j.state = ParseJobState(q.Text(6)).value_or(JobState::kQueued);
  j.attempts = static_cast<int>(q.Int(7));
  j.run_after = q.Int(8);
  j.lease_until = q.OptInt(9);
  j.worker = q.Text(10);
  j.last_error = q.Text(11);
  j.created_at = q.Int(12);
  j.updated_at = q.Int(13);
  return j;
}

}  // namespace

Result<std::vector<Job>> SqliteStore::ClaimJobs(const std::string& worker, int limit, int64_t now,
                                                int64_t lease_seconds) {
  return Guard("claim_jobs", [&]() -> Result<std::vector<Job>> {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    std::vector<int64_t> ids;
    {
      auto q = conn->Prepare(
          // The first term lets SQLite use the partial index jobs_due: it cannot infer it from
          // the OR, and without it every claim scanned the whole table, done jobs included, while
          // holding the write lock.
          "SELECT id FROM jobs WHERE state IN ('queued', 'running') AND "
          "((state = 'queued' AND run_after <= ?1) OR (state = 'running' AND lease_until < ?1)) "
          "ORDER BY run_after, id LIMIT ?2");
      q.Bind(1, now).Bind(2, int64_t{limit});
      while (q.Step()) ids.push_back(q.Int(0));
    }
    std::vector<Job> out;
    for (int64_t id : ids) {
      conn->Prepare(
              "UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_until = ?2, "
              "worker = ?3, updated_at = ?4 WHERE id = ?1")
          .Bind(1, id)
          .Bind(2, now + lease_seconds)
          .Bind(3, worker)
          .Bind(4, now)
          .Run();
      auto q = conn->Prepare(std::string(kJobColumns) + "WHERE j.id = ?1");
      q.Bind(1, id);
      if (q.Step()) out.push_back(ReadJob(q));
    }
    tx.Commit();
    return out;
  });
}

Status SqliteStore::EndJob(int64_t job_id, const std::string& worker,
                           const std::optional<std::string>& error, std::optional<int64_t> retry_at,
                           int64_t now) {
  return Guard("end_job", [&]() -> Status {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    auto q = conn->Prepare(
        "UPDATE jobs SET state = CASE WHEN ?3 IS NULL THEN 'done' WHEN ?4 IS NULL THEN 'dead' "
        "ELSE 'queued' END, run_after = coalesce(?4, run_after), lease_until = NULL, "
        "last_error = coalesce(?3, last_error), updated_at = ?5 "
        "WHERE id = ?1 AND state = 'running' AND worker = ?2");
    q.Bind(1, job_id).Bind(2, worker).Bind(3, error).Bind(5, now);
    if (retry_at) {
      q.Bind(4, *retry_at);
    } else {
      q.BindNull(4);
    }
    q.Run();
    if (conn->Changes() == 0) return Fail(ErrorCode::kConflict, "the job is no longer held");
    tx.Commit();
    return {};
  });
}

Result<std::vector<Job>> SqliteStore::ListJobs(JobState state, int limit) {
  return Guard("list_jobs", [&]() -> Result<std::vector<Job>> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare(std::string(kJobColumns) +
                           "WHERE j.state = ?1 ORDER BY j.updated_at DESC, j.id DESC LIMIT ?2");
    q.Bind(1, JobStateName(state)).Bind(2, int64_t{limit});
    std::vector<Job> out;
    while (q.Step()) out.push_back(ReadJob(q));
    return out;
  });
}

Result<bool> SqliteStore::SaveInsight(const std::string& family_id, const std::string& entry_id,
                                      const Insight& insight, const std::vector<float>& vector,
                                      const std::string& vector_model) {
  return Guard("save_insight", [&]() -> Result<bool> {
    auto conn = pool_->Acquire();
    WriteTransaction tx(*pool_, *conn);
    int64_t seq = 0;
    {
      // The insight row carries the entry's latest content version: an edit since the job was
      // queued moved it on, and this analysis is stale.
      auto q = conn->Prepare(
          "SELECT e.seq FROM entries e JOIN insights i ON i.entry_seq = e.seq "
          "WHERE e.id = ?1 AND e.family_id = ?2 AND i.version = ?3");
      q.Bind(1, entry_id).Bind(2, family_id).Bind(3, insight.version);
      if (!q.Step()) return false;
      seq = q.Int(0);
    }
    const Analysis& a = insight.analysis;
    conn->Prepare(
            "UPDATE insights SET status = ?2, summary = ?3, topics = ?4, emotions = ?5, "
            "language = ?6, provider = ?7, model = ?8, error = ?9, updated_at = ?10 "
            "WHERE entry_seq = ?1")
        .Bind(1, seq)
        .Bind(2, insight.status)
        .Bind(3, a.summary)
        .Bind(4, EncodeTopics(a.topics))
        .Bind(5, EncodeEmotions(a.emotions))
        .Bind(6, a.language)
        .Bind(7, insight.provider)
        .Bind(8, insight.model)
        .Bind(9, insight.error)
        .Bind(10, insight.updated_at)
        .Run();
    if (!vector.empty()) {
      conn->Prepare(
              "INSERT INTO entry_vectors (entry_seq, version, model, dimensions, vector) "
              "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (entry_seq) DO UPDATE SET "
              "version = excluded.version, model = excluded.model, "
              "dimensions = excluded.dimensions, vector = excluded.vector")
          .Bind(1, seq)
          .Bind(2, insight.version)
          .Bind(3, vector_model)
          .Bind(4, static_cast<int64_t>(vector.size()))
          .BindBlob(5, EncodeVector(vector))
          .Run();
    }
    tx.Commit();
    return true;
  });
}

Status SqliteStore::RecordAiRun(const AiRun& r) {
  return Guard("record_ai_run", [&]() -> Status {
    auto conn = pool_->Acquire();
    RelaxedSync relaxed(*conn);  // see RecordAiRun in store.h
    WriteTransaction tx(*pool_, *conn);
    conn->Prepare(kInsertAiRun)
        .Bind(1, r.family_id)
        .Bind(2, r.entry_id)
        .Bind(3, r.operation)
        .Bind(4, r.provider)
        .Bind(5, r.model)
        .Bind(6, r.prompt_version)
        .Bind(7, r.tokens_in)
        .Bind(8, r.tokens_out)
        .Bind(9, r.cost_micro_usd)
        .Bind(10, r.latency_ms)
        .Bind(11, r.ok ? "ok" : "error")
        .Bind(12, r.error)
        .Bind(13, r.created_at)
        .Bind(14, r.conversation_id)
        .Bind(15, r.content_sent)
        .Bind(16, r.content_received)
        .Run();
    tx.Commit();
    return {};
  });
}

Result<std::vector<AiUsage>> SqliteStore::SumAiRuns(const std::string& family_id, int64_t from,
                                                    int64_t to) {
  return Guard("sum_ai_runs", [&]() -> Result<std::vector<AiUsage>> {
    auto conn = pool_->Acquire();
    auto q = conn->Prepare(kSumAiRuns);
    q.Bind(1, family_id).Bind(2, from).Bind(3, to);
    std::vector<AiUsage> out;
    while (q.Step()) {
      out.push_back(AiUsage{q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4), q.Int(5),
                            q.Int(6), q.Int(7), q.Int(8), q.Int(9)});
    }
    return out;
  });
}

}  // namespace dadly::sqlite
