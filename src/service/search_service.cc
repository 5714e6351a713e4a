#include "service/search_service.h"

#include <algorithm>
#include <shared_mutex>

#include "core/ids.h"
#include "core/time.h"
#include "service/citations.h"
#include "service/family_service.h"
#include "service/validate.h"

namespace dadly {
namespace {

constexpr size_t kMaxQueryChars = 500;
constexpr size_t kCited = 3;

Status ValidateQuery(const SearchQuery& q) {
  Validator v;
  v.Text("query", q.query, 1, kMaxQueryChars, true);
  v.Uuids("member_ids", q.member_ids, 50);
  const Date far_future{9999, 12, 31};
  if (q.from) v.Day("from", *q.from, Date{1, 1, 1}, far_future);
  if (q.to) v.Day("to", *q.to, Date{1, 1, 1}, far_future);
  if (q.limit && (*q.limit < 1 || *q.limit > 50)) v.Add("limit", "must be from 1 to 50");
  return v.Finish();
}

}  // namespace

Result<std::vector<SearchHit>> SearchService::Retrieve(Store& store, const EntryFilter& filter,
                                                       const AiRun& about, const SearchQuery& q) {
  auto cached = cache_.Current(store, filter);
  if (!cached) return tl::unexpected(cached.error());
  auto vectors = ai_.Embed(store, about, {q.query});
  if (!vectors) return tl::unexpected(vectors.error());
  if (vectors->size() != 1) return Fail(ErrorCode::kInternal, "the provider returned no vector");
  auto allow = [&](const search::IndexedDoc& d) {
    if (q.from && d.occurred_at < *q.from) return false;
    if (q.to && d.occurred_at > *q.to) return false;
    if (q.member_ids.empty()) return true;
    return std::any_of(q.member_ids.begin(), q.member_ids.end(), [&](const std::string& m) {
      return std::find(d.member_ids.begin(), d.member_ids.end(), m) != d.member_ids.end();
    });
  };
  // The hits point into the index: read them while holding its lock.
  std::shared_lock read((*cached)->lock);
  const auto hits = (*cached)->index.Search(q.query, vectors->front(), allow,
                                            static_cast<size_t>(q.limit.value_or(10)));
  std::vector<SearchHit> out;
  for (const auto& hit : hits) {
    SearchHit h;
    h.entry_id = hit.doc->key;
    h.score = hit.score;
    h.occurred_at = hit.doc->occurred_at;
    h.text = hit.doc->text;
    h.snippet = search::MakeSnippet(hit.doc->text, q.query);
    out.push_back(std::move(h));
  }
  return out;
}

VectorSpace QuerySpaceOf(const AiProvider& provider) {
  return VectorSpace{provider.EmbeddingModel(), static_cast<size_t>(provider.Dimensions())};
}

std::vector<Passage> PassagesOf(const std::vector<SearchHit>& hits, size_t most) {
  std::vector<Passage> out;
  for (size_t i = 0; i < hits.size() && i < most; ++i) {
    out.push_back(Passage{hits[i].occurred_at, hits[i].text});
  }
  return out;
}

Result<SearchResponse> SearchService::Search(const std::string& caller,
                                             const std::string& family_id, const SearchQuery& q) {
  auto store = store_.ActingFor(caller);
  auto reader = RequireReader(*store, family_id, caller);
  if (!reader) return tl::unexpected(reader.error());
  if (auto ok = ValidateQuery(q); !ok) return tl::unexpected(ok.error());
  AiRun about;
  about.family_id = family_id;
  auto results = Retrieve(*store, reader->filter, about, q);
  if (!results) return tl::unexpected(results.error());

  SearchResponse out;
  out.results = std::move(*results);
  if (out.results.empty()) {
    out.answer = NothingFoundAnswer(q.query);
    return out;
  }
  // Every result matched the words or came close enough in meaning; the answer is written from
  // the best few, and cites only those.
  auto answer = ai_.Answer(*store, about, q.query, PassagesOf(out.results, kCited));
  if (!answer) return tl::unexpected(answer.error());
  CitedText cited = Cite(*answer, std::min(kCited, out.results.size()));
  out.answer = std::move(cited.text);
  for (size_t i : cited.cited) out.citations.push_back(out.results[i]);
  return out;
}

}  // namespace dadly
