// The job queue, the insights the jobs store, and the trace of AI calls. Claiming, ending and
// listing jobs span every family, so they go through the schema's functions; insights are written
// under the actor's Row Level Security like any other family data.
#include "store/entry_sql.h"
#include "store/insight_codec.h"
#include "store/postgres/postgres_store.h"

namespace dadly::postgres {
namespace {

constexpr const char* kJobColumns =
    "id, kind, family_id, entry_id, version, acting_for, state, attempts, run_after, lease_until, "
    "worker, last_error, created_at, updated_at";

std::vector<Job> ReadJobs(const Rows& r) {
  std::vector<Job> out;
  for (int i = 0; i < r.size(); ++i) {
    Job j;
    j.id = r.Int(i, 0);
    j.kind = r.Text(i, 1);
    j.family_id = r.Text(i, 2);
    j.entry_id = r.Text(i, 3);
    j.version = r.Int(i, 4);
    j.acting_for = r.Text(i, 5);
    j.state = ParseJobState(r.Text(i, 6)).value_or(JobState::kQueued);
    j.attempts = static_cast<int>(r.Int(i, 7));
    j.run_after = r.Int(i, 8);
    j.lease_until = r.OptInt(i, 9);
    j.worker = r.Text(i, 10);
    j.last_error = r.Text(i, 11);
    j.created_at = r.Int(i, 12);
    j.updated_at = r.Int(i, 13);
    out.push_back(std::move(j));
  }
  return out;
}

// A bytea parameter in PostgreSQL's text form.
std::string Hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0x0f];
  }
  return out;
}

}  // namespace

Result<std::vector<Job>> PostgresStore::ClaimJobs(const std::string& worker, int limit, int64_t now,
                                                  int64_t lease_seconds) {
  return Guard("claim_jobs", [&]() -> Result<std::vector<Job>> {
    auto conn = pool_->Acquire();
    return ReadJobs(
        conn->Exec(std::string("SELECT ") + kJobColumns + " FROM dadly_claim_jobs($1, $2, $3, $4)",
                   worker, limit, now, lease_seconds));
  });
}

Status PostgresStore::EndJob(int64_t job_id, const std::string& worker,
                             const std::optional<std::string>& error,
                             std::optional<int64_t> retry_at, int64_t now) {
  return Guard("end_job", [&]() -> Status {
    auto conn = pool_->Acquire();
    const auto r = conn->Exec("SELECT dadly_end_job($1, $2, $3, $4, $5, $6)", job_id, worker,
                              error ? "false" : "true", error.value_or(""), retry_at, now);
    if (r.Text(0, 0) != "t") return Fail(ErrorCode::kConflict, "the job is no longer held");
    return {};
  });
}

Result<std::vector<Job>> PostgresStore::ListJobs(JobState state, int limit) {
  return Guard("list_jobs", [&]() -> Result<std::vector<Job>> {
    auto conn = pool_->Acquire();
    return ReadJobs(
        conn->Exec(std::string("SELECT ") + kJobColumns + " FROM dadly_list_jobs($1, $2)",
                   JobStateName(state), limit));
  });
}

Result<bool> PostgresStore::SaveInsight(const std::string& family_id, const std::string& entry_id,
                                        const Insight& insight, const std::vector<float>& vector,
                                        const std::string& vector_model) {
  return InTransaction("save_insight", [&](Connection& conn) -> Result<bool> {
    // The insight row carries the entry's latest content version: an edit since the job was
    // queued moved it on, and this analysis is stale.
    const Analysis& a = insight.analysis;
    auto r = conn.Exec(
        "UPDATE insights i SET status = $4, summary = $5, topics = $6, emotions = $7, "
        "language = $8, provider = $9, model = $10, error = $11, updated_at = $12 "
        "FROM entries e WHERE e.seq = i.entry_seq AND e.id = $1 AND e.family_id = $2 "
        "AND i.version = $3 RETURNING i.entry_seq",
        entry_id, family_id, insight.version, insight.status, a.summary, EncodeTopics(a.topics),
        EncodeEmotions(a.emotions), a.language, insight.provider, insight.model, insight.error,
        insight.updated_at);
    if (r.empty()) return false;
    if (!vector.empty()) {
      conn.Exec(
          "INSERT INTO entry_vectors (entry_seq, version, model, dimensions, vector) "
          "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (entry_seq) DO UPDATE SET "
          "version = excluded.version, model = excluded.model, "
          "dimensions = excluded.dimensions, vector = excluded.vector",
          r.Int(0, 0), insight.version, vector_model, static_cast<int64_t>(vector.size()),
          Hex(EncodeVector(vector)));
    }
    return true;
  });
}

Status PostgresStore::RecordAiRun(const AiRun& r) {
  return InTransaction("record_ai_run", [&](Connection& conn) -> Status {
    // A trace lost in a crash costs little; waiting for the WAL flush on every call would not.
    conn.Exec("SET LOCAL synchronous_commit = off");
    conn.Exec(Dollars(kInsertAiRun), r.family_id, r.entry_id, r.operation, r.provider, r.model,
              r.prompt_version, r.tokens_in, r.tokens_out, r.cost_micro_usd, r.latency_ms,
              r.ok ? "ok" : "error", r.error, r.created_at, r.conversation_id, r.content_sent,
              r.content_received);
    return {};
  });
}

Result<std::vector<AiUsage>> PostgresStore::SumAiRuns(const std::string& family_id, int64_t from,
                                                      int64_t to) {
  auto r = Read("sum_ai_runs", Dollars(kSumAiRuns), family_id, from, to);
  if (!r) return tl::unexpected(r.error());
  std::vector<AiUsage> out;
  for (int i = 0; i < r->size(); ++i) {
    out.push_back(AiUsage{r->Text(i, 0), r->Text(i, 1), r->Text(i, 2), r->Text(i, 3), r->Int(i, 4),
                          r->Int(i, 5), r->Int(i, 6), r->Int(i, 7), r->Int(i, 8), r->Int(i, 9)});
  }
  return out;
}

}  // namespace dadly::postgres
