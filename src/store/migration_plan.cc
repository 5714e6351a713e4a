#include "store/migration_plan.h"

#include <string>

#include "core/embedded.h"

namespace dadly {
namespace {

int VersionOf(std::string_view name) {
  const auto slash = name.rfind('/');
  return std::stoi(std::string(name.substr(slash + 1, 4)));
}

std::vector<std::string_view> NamesOf(std::string_view backend) {
  return embedded::Names("migrations/" + std::string(backend) + "/");
}

}  // namespace

int LatestMigration(std::string_view backend) {
  const auto names = NamesOf(backend);
  return names.empty() ? 0 : VersionOf(names.back());
}

Result<std::vector<Migration>> PendingMigrations(std::string_view backend, int64_t current) {
  const int known = LatestMigration(backend);
  if (current > known) {
    return Fail(ErrorCode::kUnavailable, "the database schema (version " + std::to_string(current) +
                                             ") is newer than this dadly knows (" +
                                             std::to_string(known) + ")");
  }
  std::vector<Migration> out;
  for (auto name : NamesOf(backend)) {
    const int version = VersionOf(name);
    if (version > current) out.push_back(Migration{version, name, *embedded::Find(name)});
  }
  return out;
}

}  // namespace dadly
