// How Dadly's records look on the wire: each function returns the JSON text of a response body.
// Secrets such as password hashes never appear.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/json_writer.h"
#include "service/ai_usage_service.h"
#include "service/auth_service.h"
#include "service/chat_service.h"
#include "service/emotion_service.h"
#include "service/entry_service.h"
#include "service/family_service.h"
#include "service/search_service.h"

namespace dadly::http {

// The shape of every page of a list, {items: [...], next_cursor}, each item written by
// `write_item(writer, item)`.
template <typename T, typename F>
std::string Items(const std::vector<T>& items, const std::optional<std::string>& next_cursor,
                  F write_item) {
  JsonWriter w(256 + items.size() * 1024);
  w.StartObject().Key("items").StartArray();
  for (const auto& item : items) write_item(w, item);
  w.EndArray().Field("next_cursor", next_cursor).EndObject();
  return w.Take();
}

std::string SessionJson(const SessionTokens& session);
// GET /me: the account and the families it belongs to.
std::string MeJson(const User& user, const std::vector<FamilyView>& families);
std::string FamilyJson(const FamilyView& family);
std::string MemberJson(const Member& member);
std::string MembersJson(const std::vector<Member>& members);
std::string FamilyUserJson(const FamilyUser& user);
std::string FamilyUsersJson(const std::vector<FamilyUser>& users);
std::string EntryJson(const Entry& entry);
std::string EntryPageJson(const EntryPage& page);
std::string TimelineJson(const Timeline& timeline);
std::string JobsJson(const std::vector<Job>& jobs);
std::string SearchJson(const SearchResponse& search);
std::string EmotionMapJson(const EmotionMap& map);
std::string AiUsageJson(const AiUsageReport& report);
// Chat (views_chat.cc).
std::string ConversationJson(const ConversationView& view);
std::string ConversationPageJson(const ConversationPage& page);
std::string ChatExchangeJson(const ChatExchange& exchange);
// A streamed reply's piece: {"text": ...}.
std::string ChatDeltaJson(std::string_view text);

}  // namespace dadly::http
