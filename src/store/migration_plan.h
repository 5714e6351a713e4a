// Which of a backend's embedded migrations a database still needs. Files are named
// migrations/<backend>/NNNN_what.sql; the number is the schema version the file brings. Both
// stores decide the same way, so they refuse a newer schema with the same words.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace dadly {

struct Migration {
  int version = 0;
  std::string_view name;  // the embedded file's name
  std::string_view sql;
};

// The migrations of `backend` ("sqlite" or "postgres") newer than `current`, in order.
// kUnavailable when `current` is newer than the last one this binary knows.
Result<std::vector<Migration>> PendingMigrations(std::string_view backend, int64_t current);
// The schema version the last embedded migration of `backend` brings.
int LatestMigration(std::string_view backend);

}  // namespace dadly
