// How Dadly's records look on the wire (JSON). Secrets such as password hashes never appear.
#pragma once

#include <nlohmann/json.hpp>

#include "service/auth_service.h"
#include "service/entry_service.h"
#include "service/family_service.h"

namespace dadly::http {

nlohmann::json UserJson(const User& user);
nlohmann::json SessionJson(const SessionTokens& session);
nlohmann::json FamilyJson(const FamilyView& family);
nlohmann::json MemberJson(const Member& member);
nlohmann::json FamilyUserJson(const FamilyUser& user);
nlohmann::json EntryJson(const Entry& entry);
nlohmann::json EntryPageJson(const EntryPage& page);
nlohmann::json TimelineJson(const Timeline& timeline);

}  // namespace dadly::http
