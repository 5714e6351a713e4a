// The Store contract's fixture, shared by the files of the suite (store_test.cc instantiates
// it for every backend): a backend's store on fresh, empty storage, and helpers to fill it.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "store/postgres/test_database.h"
#include "store/store.h"

namespace dadly::store_contract {

// A backend's store on fresh, empty storage, and whatever must outlive the store.
struct Backend {
  const char* name;
  std::function<std::unique_ptr<Store>(const std::string& dir, std::shared_ptr<void>* keep)> open;
};

inline std::vector<Backend> Backends() {
  std::vector<Backend> out = {
      {"sqlite",
       [](const std::string& dir, std::shared_ptr<void>*) {
         Config c;
         c.data_dir = dir;
         c.threads = 4;
         return std::move(OpenStore(c).value());
       }},
  };
  // PostgreSQL when the test command gives a cluster. The suite connects as the schema owner,
  // which Row Level Security lets through: this is the contract of the store itself, and
  // postgres_store_test.cc checks the policies seen as the server's role.
  if (postgres::TestDatabase::Host()) {
    out.push_back({"postgres", [](const std::string&, std::shared_ptr<void>* keep) {
                     auto db = std::make_shared<postgres::TestDatabase>();
                     *keep = db;
                     Config c;
                     c.database_url = db->Url("dadly_owner");
                     c.db_pool_size = 4;
                     return std::move(OpenStore(c).value());
                   }});
  }
  return out;
}

class StoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("dadly-store-" + NewUuid());
    std::filesystem::create_directories(dir_);
    store_ = GetParam().open(dir_.string(), &keep_);
    ASSERT_TRUE(store_->Migrate());
  }
  void TearDown() override {
    store_.reset();
    keep_.reset();
    std::filesystem::remove_all(dir_);
  }

  User AddUser(const std::string& email) {
    User u{NewUuid(), email, "hash", "name", "ko", 1};
    EXPECT_TRUE(store_->CreateUser(u));
    return u;
  }
  Family AddFamily(const User& owner) {
    Family f{NewUuid(), "family", 1};
    EXPECT_TRUE(store_->CreateFamily(f, Membership{f.id, owner.id, Role::kOwner, 1}));
    return f;
  }
  Entry AddEntry(const Family& f, const User& author, const std::string& day,
                 Visibility v = Visibility::kFamily, std::vector<std::string> members = {}) {
    Entry e;
    e.id = NewUuid();
    e.family_id = f.id;
    e.author_id = author.id;
    e.body = "body " + day;
    e.occurred_at = day;
    e.visibility = v;
    e.member_ids = std::move(members);
    auto stored = store_->CreateEntry(e);
    EXPECT_TRUE(stored);
    return *stored;
  }
  // Trades refresh token `old_hash` for `next` at `now`, with a retry window of 30 s.
  RotateOutcome Rotate(const char* old_hash, const char* next, int64_t now,
                       std::optional<int64_t> retry_since = std::nullopt) {
    std::string user_id;
    auto outcome = store_->RotateRefreshToken(old_hash, RefreshToken{next, "", "", now, 1000}, now,
                                              retry_since.value_or(now - 30), &user_id);
    EXPECT_TRUE(outcome);
    last_user_id_ = user_id;
    return *outcome;
  }
  std::vector<std::string> Ids(const EntryPageQuery& q) {
    std::vector<std::string> out;
    const auto rows = store_->ListEntries(q);
    EXPECT_TRUE(rows);
    for (const auto& e : *rows) out.push_back(e.id);
    return out;
  }

  std::filesystem::path dir_;
  std::shared_ptr<void> keep_;
  std::unique_ptr<Store> store_;
  std::string last_user_id_;  // the user of the last rotation, empty when it failed
};

}  // namespace dadly::store_contract
