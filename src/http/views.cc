#include "http/views.h"

#include "core/time.h"

namespace dadly::http {
namespace {

nlohmann::json OrNull(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json UserJson(const User& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"display_name", u.display_name},
          {"locale", u.locale},
          {"created_at", FormatTimestamp(u.created_at)}};
}

nlohmann::json SessionJson(const SessionTokens& s) {
  return {{"user", UserJson(s.user)},
          {"access_token", s.access_token},
          {"refresh_token", s.refresh_token},
          {"expires_in", s.expires_in},
          {"token_type", "Bearer"}};
}

nlohmann::json FamilyJson(const FamilyView& f) {
  return {{"id", f.family.id},
          {"name", f.family.name},
          {"created_at", FormatTimestamp(f.family.created_at)},
          {"role", RoleName(f.role)}};
}

nlohmann::json MemberJson(const Member& m) {
  return {{"id", m.id},
          {"family_id", m.family_id},
          {"name", m.name},
          {"birthdate", OrNull(m.birthdate)},
          {"relation", OrNull(m.relation)},
          {"user_id", OrNull(m.user_id)},
          {"created_at", FormatTimestamp(m.created_at)},
          {"updated_at", FormatTimestamp(m.updated_at)}};
}

nlohmann::json FamilyUserJson(const FamilyUser& u) {
  return {{"user_id", u.membership.user_id},
          {"email", u.email},
          {"display_name", u.display_name},
          {"role", RoleName(u.membership.role)},
          {"joined_at", FormatTimestamp(u.membership.joined_at)}};
}

nlohmann::json EntryJson(const Entry& e) {
  nlohmann::json j = {{"id", e.id},
                      {"family_id", e.family_id},
                      {"author_id", e.author_id},
                      {"title", OrNull(e.title)},
                      {"body", e.body},
                      {"occurred_at", e.occurred_at},
                      {"member_ids", e.member_ids},
                      {"visibility", e.visibility == Visibility::kPrivate ? "private" : "family"},
                      {"version", e.version},
                      {"created_at", FormatTimestamp(e.created_at)},
                      {"updated_at", FormatTimestamp(e.updated_at)},
                      {"deleted_at", nullptr}};
  if (e.deleted_at) {
    j["deleted_at"] = FormatTimestamp(*e.deleted_at);
    j["purge_at"] = FormatTimestamp(*e.deleted_at + kTrashDays * 86400);
  }
  return j;
}

nlohmann::json EntryPageJson(const EntryPage& page) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : page.items) items.push_back(EntryJson(e));
  return {{"items", std::move(items)}, {"next_cursor", OrNull(page.next_cursor)}};
}

nlohmann::json TimelineJson(const Timeline& t) {
  nlohmann::json buckets = nlohmann::json::array();
  for (const auto& b : t.buckets) {
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& e : b.entries) entries.push_back(EntryJson(e));
    buckets.push_back(
        {{"key", b.key}, {"label", b.label}, {"count", b.count}, {"entries", std::move(entries)}});
  }
  return {
      {"group", t.group}, {"buckets", std::move(buckets)}, {"next_cursor", OrNull(t.next_cursor)}};
}

}  // namespace dadly::http
