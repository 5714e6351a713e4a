// Files compiled into the binary (migrations, AI prompts, the OpenAPI document, the /docs page).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace dadly::embedded {

// The text of the embedded file `name` (e.g. "migrations/sqlite/0001_init.sql"), or nullopt.
std::optional<std::string_view> Find(std::string_view name);
// Names of embedded files starting with `prefix`, in the order they were embedded (sorted).
std::vector<std::string_view> Names(std::string_view prefix);

}  // namespace dadly::embedded
