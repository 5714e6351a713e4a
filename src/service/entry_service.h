// Entries: writing, reading, editing with versions, the trash, and the timeline.
// Every method takes the caller's user id and applies the family's visibility rules:
// private entries exist only for their author; a child sees family entries about itself.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "store/store.h"

namespace dadly {

inline constexpr int64_t kTrashDays = 30;

// Fields of an entry to create or change; an absent field stays as it is.
struct EntryDraft {
  std::optional<std::string> body;
  std::optional<std::optional<std::string>> title;  // inner nullopt clears the title
  std::optional<std::string> occurred_at;
  std::optional<std::vector<std::string>> member_ids;
  std::optional<std::string> visibility;
};

// Query-string filters of lists and the timeline, still as text: the service validates them.
struct ListParams {
  std::optional<std::string> member_id;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> limit;
  std::optional<std::string> cursor;
  std::optional<std::string> topic;    // entries whose insight has this topic
  std::optional<std::string> emotion;  // entries whose insight has this emotion
};

struct EntryPage {
  std::vector<Entry> items;
  std::optional<std::string> next_cursor;
};

struct TimelineBucket {
  std::string key;
  std::string label;
  int64_t count = 0;
  std::vector<Entry> entries;
};

struct Timeline {
  std::string group;
  std::vector<TimelineBucket> buckets;
  std::optional<std::string> next_cursor;
};

class EntryService {
 public:
  EntryService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<Entry> Create(const std::string& caller, const std::string& family_id,
                       const EntryDraft& draft);
  Result<Entry> Get(const std::string& caller, const std::string& family_id,
                    const std::string& entry_id);
  // `if_match`: the version the caller last saw, when it sent one (kPreconditionFailed if stale).
  Result<Entry> Update(const std::string& caller, const std::string& family_id,
                       const std::string& entry_id, const EntryDraft& draft,
                       std::optional<int64_t> if_match);
  Status Trash(const std::string& caller, const std::string& family_id,
               const std::string& entry_id);
  Result<Entry> Restore(const std::string& caller, const std::string& family_id,
                        const std::string& entry_id);
  Result<EntryPage> List(const std::string& caller, const std::string& family_id,
                         const ListParams& params);
  Result<EntryPage> ListTrash(const std::string& caller, const std::string& family_id,
                              const ListParams& params);
  // `group` is year, month or age (age needs a member with a birthdate).
  Result<Timeline> GetTimeline(const std::string& caller, const std::string& family_id,
                               const std::string& group, const ListParams& params);
  // Erases entries that have been in the trash longer than kTrashDays. Returns how many.
  Result<int64_t> PurgeExpiredTrash();

 private:
  struct Access {
    Membership membership;
    EntryFilter filter;            // what this caller may see in this family
    std::unique_ptr<Store> store;  // the store acting for this caller
  };
  Result<Access> AccessFor(const std::string& caller, const std::string& family_id);
  Result<Entry> FindVisible(const Access& access, const std::string& entry_id,
                            bool include_deleted);
  Status CheckDraft(const Access& access, const EntryDraft& draft, bool creating);
  Result<EntryPageQuery> PageQuery(const Access& access, const ListParams& params);
  // Runs the query one item longer than asked, to know whether a next page exists.
  Result<EntryPage> FetchPage(const Access& access, EntryPageQuery query);

  Store& store_;
  const Clock& clock_;
};

// The bucket of `day` on a timeline grouped by `group` ("year", "month", "age"); for "age",
// `birthdate` is the member's. Keys: 2026, 2026-11, m0..m23, y2.., prenatal.
std::string BucketKey(const std::string& group, const Date& day,
                      const std::optional<Date>& birthdate);
// The first and last day of the bucket `key` (the inverse of BucketKey).
std::pair<Date, Date> BucketDays(const std::string& group, const std::string& key,
                                 const std::optional<Date>& birthdate);
// The human label of a bucket key in `locale` (ko or en).
std::string BucketLabel(const std::string& group, const std::string& key,
                        const std::string& locale);

}  // namespace dadly
