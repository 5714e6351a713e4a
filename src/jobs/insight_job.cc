#include "jobs/insight_job.h"

#include "core/log.h"

namespace dadly {
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
  AiRun about;
  about.family_id = job.family_id;
  about.entry_id = job.entry_id;
  auto analysis = ai_.Analyse(*store, about, title, entry->body);
  if (!analysis) return tl::unexpected(analysis.error());
  auto vectors = ai_.Embed(*store, about, {FullText(*entry)});
  if (!vectors) return tl::unexpected(vectors.error());
  if (vectors->size() != 1) return Fail(ErrorCode::kInternal, "the provider returned no vector");
  Insight insight;
  insight.version = job.version;
  insight.status = "done";
  insight.analysis = std::move(*analysis);
  insight.provider = ai_.provider().Name();
  insight.model = ai_.provider().Model();
  insight.updated_at = clock_.NowSeconds();
  auto saved = store->SaveInsight(job.family_id, job.entry_id, insight, vectors->front(),
                                  ai_.provider().EmbeddingModel());
  if (!saved) return tl::unexpected(saved.error());
  return {};
}

void InsightJob::GaveUp(const Job& job, const std::string& error) {
  Insight failed;
  failed.version = job.version;
  failed.status = "failed";
  failed.provider = ai_.provider().Name();
  failed.model = ai_.provider().Model();
  failed.error = error;
  failed.updated_at = clock_.NowSeconds();
  auto saved =
      store_.ActingFor(job.acting_for)->SaveInsight(job.family_id, job.entry_id, failed, {}, "");
  if (!saved) {
    Log(Severity::kError, "could not mark an insight failed",
        {{"job_id", job.id}, {"error", saved.error().message}});
  }
}

}  // namespace dadly
