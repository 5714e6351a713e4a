#include "jobs/insight_job.h"

#include "core/log.h"
#include "service/ai_trace.h"

namespace dadly {
namespace {

AiRun Operation(AiRun run, const char* operation) {
  run.operation = operation;
  return run;
}

}  // namespace

Status InsightJob::Run(const Job& job) {
  auto store = store_.ActingFor(job.acting_for);
  // A trashed entry is analysed too: restoring it brings back the same text.
  auto entry = store->FindEntry(job.family_id, job.entry_id, /*include_deleted=*/true);
  if (!entry) {
    if (entry.error().code == ErrorCode::kNotFound) return {};  // purged, or out of reach
    return tl::unexpected(entry.error());
  }
  if (!entry->insight || entry->insight->version != job.version) return {};  // edited since
  const std::string title = entry->title.value_or("");
  AiRun run;
  run.family_id = job.family_id;
  run.entry_id = job.entry_id;
  run.created_at = clock_.NowSeconds();
  auto analysis = Traced(*store, ai_, Operation(run, "analyse"), [&] {
    return ai_.Analyse(AiCall{job.family_id, "analyse"}, title, entry->body);
  });
  if (!analysis) return tl::unexpected(analysis.error());
  auto vectors = Traced(*store, ai_, Operation(run, "embed"), [&] {
    return ai_.Embed(AiCall{job.family_id, "embed"},
                     {title.empty() ? entry->body : title + "\n" + entry->body});
  });
  if (!vectors) return tl::unexpected(vectors.error());
  if (vectors->size() != 1) return Fail(ErrorCode::kInternal, "the provider returned no vector");
  Insight insight;
  insight.version = job.version;
  insight.status = "done";
  insight.analysis = std::move(*analysis);
  insight.provider = ai_.Name();
  insight.model = ai_.Model();
  insight.updated_at = clock_.NowSeconds();
  auto saved = store->SaveInsight(job.family_id, job.entry_id, insight, vectors->front());
  if (!saved) return tl::unexpected(saved.error());
  return {};
}

void InsightJob::GaveUp(const Job& job, const std::string& error) {
  Insight failed;
  failed.version = job.version;
  failed.status = "failed";
  failed.provider = ai_.Name();
  failed.model = ai_.Model();
  failed.error = error;
  failed.updated_at = clock_.NowSeconds();
  auto saved =
      store_.ActingFor(job.acting_for)->SaveInsight(job.family_id, job.entry_id, failed, {});
  if (!saved) {
    Log(Severity::kError, "could not mark an insight failed",
        {{"job_id", job.id}, {"error", saved.error().message}});
  }
}

}  // namespace dadly
