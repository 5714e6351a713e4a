#include "http/views.h"

#include "core/time.h"

namespace dadly::http {
namespace {

// Scores go out with two decimals: all a reader can use (the store keeps three).
double TwoDecimals(double value) {
  return static_cast<double>(static_cast<int64_t>(value * 100 + 0.5)) / 100;
}

void WriteUser(JsonWriter& w, const User& u) {
  w.StartObject()
      .Field("id", u.id)
      .Field("email", u.email)
      .Field("display_name", u.display_name)
      .Field("locale", u.locale)
      .Field("created_at", TimestampTextOf(u.created_at))
      .EndObject();
}

void WriteMember(JsonWriter& w, const Member& m) {
  w.StartObject()
      .Field("id", m.id)
      .Field("family_id", m.family_id)
      .Field("name", m.name)
      .Field("birthdate", m.birthdate)
      .Field("relation", m.relation)
      .Field("user_id", m.user_id)
      .Field("created_at", TimestampTextOf(m.created_at))
      .Field("updated_at", TimestampTextOf(m.updated_at))
      .Field("version", m.version)
      .EndObject();
}

void WriteFamilyUser(JsonWriter& w, const FamilyUser& u) {
  w.StartObject()
      .Field("user_id", u.membership.user_id)
      .Field("email", u.email)
      .Field("display_name", u.display_name)
      .Field("role", RoleName(u.membership.role))
      .Field("joined_at", TimestampTextOf(u.membership.joined_at))
      .EndObject();
}

// What the background analysis made of an entry: `null` before any, then pending, done or
// failed; the content only when done.
void WriteInsight(JsonWriter& w, const std::optional<Insight>& insight) {
  if (!insight) {
    w.Null();
    return;
  }
  const bool done = insight->status == "done";
  const Analysis& a = insight->analysis;
  w.StartObject().Field("status", insight->status);
  w.Key("summary");
  if (done) {
    w.String(a.summary);
  } else {
    w.Null();
  }
  w.Key("topics").StartArray();
  if (done) {
    for (const auto& t : a.topics) w.String(t);
  }
  w.EndArray().Key("emotions").StartArray();
  if (done) {
    for (const auto& e : a.emotions) {
      const double score = TwoDecimals(e.score);
      w.StartObject()
          .Field("id", e.name)
          .Field("label", e.label_ko)
          .Field("score", score)
          .EndObject();
    }
  }
  w.EndArray().Key("language");
  if (done) {
    w.String(a.language);
  } else {
    w.Null();
  }
  w.EndObject();
}

void WriteEntry(JsonWriter& w, const Entry& e) {
  w.StartObject()
      .Field("id", e.id)
      .Field("family_id", e.family_id)
      .Field("author_id", e.author_id)
      .Field("author_name", e.author_name)
      .Field("title", e.title)
      .Field("body", e.body)
      .Field("occurred_at", e.occurred_at)
      .Key("member_ids")
      .StartArray();
  for (const auto& id : e.member_ids) w.String(id);
  w.EndArray()
      .Field("visibility", e.visibility == Visibility::kPrivate ? "private" : "family")
      .Field("version", e.version)
      .Field("created_at", TimestampTextOf(e.created_at))
      .Field("updated_at", TimestampTextOf(e.updated_at));
  if (e.deleted_at) {
    w.Field("deleted_at", TimestampTextOf(*e.deleted_at))
        .Field("purge_at", TimestampTextOf(*e.deleted_at + kTrashDays * 86400));
  } else {
    w.Key("deleted_at").Null();
  }
  w.Key("insight");
  WriteInsight(w, e.insight);
  w.EndObject();
}

}  // namespace

std::string SessionJson(const SessionTokens& s) {
  JsonWriter w;
  w.StartObject().Key("user");
  WriteUser(w, s.user);
  w.Field("access_token", s.access_token)
      .Field("refresh_token", s.refresh_token)
      .Field("expires_in", s.expires_in)
      .Field("token_type", "Bearer")
      .EndObject();
  return w.Take();
}

std::string MeJson(const User& user, const std::vector<FamilyView>& families) {
  JsonWriter w;
  w.StartObject().Key("user");
  WriteUser(w, user);
  w.Key("families").StartArray();
  for (const auto& f : families) {
    w.StartObject()
        .Field("id", f.family.id)
        .Field("name", f.family.name)
        .Field("role", RoleName(f.role))
        .EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

std::string FamilyJson(const FamilyView& f) {
  JsonWriter w;
  w.StartObject()
      .Field("id", f.family.id)
      .Field("name", f.family.name)
      .Field("created_at", TimestampTextOf(f.family.created_at))
      .Field("role", RoleName(f.role))
      .EndObject();
  return w.Take();
}

std::string MemberJson(const Member& m) {
  JsonWriter w;
  WriteMember(w, m);
  return w.Take();
}

std::string MembersJson(const std::vector<Member>& members) {
  return Items(members, std::nullopt, WriteMember);
}

std::string FamilyUserJson(const FamilyUser& u) {
  JsonWriter w;
  WriteFamilyUser(w, u);
  return w.Take();
}

std::string FamilyUsersJson(const std::vector<FamilyUser>& users) {
  return Items(users, std::nullopt, WriteFamilyUser);
}

std::string EntryJson(const Entry& e) {
  JsonWriter w;
  WriteEntry(w, e);
  return w.Take();
}

std::string EntryPageJson(const EntryPage& page) {
  return Items(page.items, page.next_cursor, WriteEntry);
}

std::string TimelineJson(const Timeline& t) {
  size_t entries = 0;
  for (const auto& b : t.buckets) entries += b.entries.size();
  JsonWriter w(256 + t.buckets.size() * 128 + entries * 1024);
  w.StartObject().Field("group", t.group).Key("buckets").StartArray();
  for (const auto& b : t.buckets) {
    w.StartObject()
        .Field("key", b.key)
        .Field("label", b.label)
        .Field("count", b.count)
        .Key("entries")
        .StartArray();
    for (const auto& e : b.entries) WriteEntry(w, e);
    w.EndArray().EndObject();
  }
  w.EndArray().Field("next_cursor", t.next_cursor).EndObject();
  return w.Take();
}

std::string JobsJson(const std::vector<Job>& jobs) {
  auto optional_time = [](const std::optional<int64_t>& t) {
    return t ? std::optional<std::string>(TimestampTextOf(*t)) : std::nullopt;
  };
  return Items(jobs, std::nullopt, [&](JsonWriter& w, const Job& j) {
    w.StartObject()
        .Field("id", j.id)
        .Field("kind", j.kind)
        .Field("family_id", j.family_id)
        .Field("entry_id", j.entry_id)
        .Field("version", j.version)
        .Field("state", JobStateName(j.state))
        .Field("attempts", static_cast<int64_t>(j.attempts))
        .Field("run_after", TimestampTextOf(j.run_after))
        .Field("lease_until", optional_time(j.lease_until))
        .Field("last_error", j.last_error)
        .Field("created_at", TimestampTextOf(j.created_at))
        .Field("updated_at", TimestampTextOf(j.updated_at))
        .EndObject();
  });
}

namespace {

// A snippet as segments of plain text, the matched words marked: whoever shows it escapes it.
void WriteSnippet(JsonWriter& w, const search::Snippet& s) {
  w.StartObject().Key("segments").StartArray();
  for (const auto& seg : s.segments) {
    w.StartObject().Field("text", seg.text).Key("highlighted").Bool(seg.highlighted).EndObject();
  }
  w.EndArray().Key("cut_before").Bool(s.cut_before).Key("cut_after").Bool(s.cut_after).EndObject();
}

void WriteSearchHit(JsonWriter& w, const SearchHit& h, bool with_score) {
  w.StartObject().Field("entry_id", h.entry_id).Field("occurred_at", h.occurred_at);
  if (with_score) w.Field("score", h.score);
  w.Key("snippet");
  WriteSnippet(w, h.snippet);
  w.EndObject();
}

}  // namespace

std::string SearchJson(const SearchResponse& s) {
  JsonWriter w;
  w.StartObject().Field("answer", s.answer).Key("citations").StartArray();
  for (const auto& c : s.citations) WriteSearchHit(w, c, false);
  w.EndArray().Key("results").StartArray();
  for (const auto& r : s.results) WriteSearchHit(w, r, true);
  w.EndArray().EndObject();
  return w.Take();
}

std::string EmotionMapJson(const EmotionMap& m) {
  JsonWriter w;
  w.StartObject().Field("bucket", m.bucket).Key("items").StartArray();
  for (const auto& p : m.periods) {
    w.StartObject()
        .Field("period", p.period)
        .Field("member_id", p.member_id)
        .Field("entries", p.entries)
        .Key("emotions")
        .StartArray();
    for (const auto& e : p.emotions) {
      const double score = TwoDecimals(e.score);
      w.StartObject()
          .Field("id", e.id)
          .Field("label", e.label)
          .Field("entries", e.entries)
          .Field("score", score)
          .EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

std::string AiUsageJson(const AiUsageReport& r) {
  JsonWriter w;
  w.StartObject().Field("from", r.from).Field("to", r.to).Key("items").StartArray();
  for (const auto& u : r.rows) {
    w.StartObject()
        .Field("operation", u.operation)
        .Field("provider", u.provider)
        .Field("model", u.model)
        .Field("prompt_version", u.prompt_version)
        .Field("calls", u.calls)
        .Field("errors", u.errors)
        .Field("tokens_in", u.tokens_in)
        .Field("tokens_out", u.tokens_out)
        .Field("cost_usd", static_cast<double>(u.cost_micro_usd) / 1e6)
        .Field("latency_ms_average", u.calls ? u.latency_ms_total / u.calls : 0)
        .EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

}  // namespace dadly::http
