// For tests: a fresh, empty PostgreSQL database on the throwaway cluster whose socket directory
// is in DADLY_TEST_PG_HOST (scripts/pg.sh makes the cluster; scripts/test.sh sets the variable),
// laid out as production expects (the schema owned by dadly_owner, nothing for PUBLIC to create),
// dropped when the object goes away.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

#include "core/ids.h"
#include "store/postgres/pg.h"

namespace dadly::postgres {

class TestDatabase {
 public:
  // The cluster's socket directory, or nullopt when no cluster was given.
  static std::optional<std::string> Host() {
    const char* host = std::getenv("DADLY_TEST_PG_HOST");
    if (host == nullptr || *host == '\0') return std::nullopt;
    return host;
  }

  TestDatabase() : name_("t_" + NewUuid().substr(0, 8) + NewUuid().substr(0, 8)) {
    Connection(Url("postgres", "postgres"))
        .ExecScript("CREATE DATABASE " + name_ + " OWNER dadly_owner TEMPLATE template0");
    Connection(Url(name_, "postgres"))
        .ExecScript(
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC; "
            "ALTER SCHEMA public OWNER TO dadly_owner");
  }
  ~TestDatabase() {
    try {
      Connection(Url("postgres", "postgres"))
          .ExecScript("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const PgError&) {
      // The cluster is thrown away after the run anyway.
    }
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // Connection string for `role` (dadly_owner runs migrations; dadly_app is the server's).
  std::string Url(const std::string& role) const { return Url(name_, role); }

 private:
  static std::string Url(const std::string& db, const std::string& role) {
    return "postgresql://" + role + "@/" + db + "?host=" + Host().value_or("/tmp");
  }

  std::string name_;
};

}  // namespace dadly::postgres
