// An entry: one moment of family life, written on some day about a day.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/insight.h"

namespace dadly {

enum class Visibility { kFamily, kPrivate };

struct Entry {
  std::string id;
  std::string family_id;
  std::string author_id;
  std::string author_name;  // the author's display name, filled when read from the Store
  std::optional<std::string> title;
  std::string body;
  std::string occurred_at;  // YYYY-MM-DD
  std::vector<std::string> member_ids;
  Visibility visibility = Visibility::kFamily;
  int64_t version = 1;
  int64_t seq = 0;  // insertion order, the tie-breaker of list order
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> deleted_at;
  // What the background analysis made of it; nullopt until the first one is queued.
  std::optional<Insight> insight;
};

// The entry as one text: its title (when it has one) on the first line, then the body. What is
// embedded and what search indexes, so both see the same words.
inline std::string FullText(const Entry& e) {
  return e.title && !e.title->empty() ? *e.title + "\n" + e.body : e.body;
}

}  // namespace dadly
