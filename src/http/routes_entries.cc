// /api/v1/families/{fid}/entries, the trash and the timeline.
#include "http/json_body.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/views.h"

namespace dadly::http {
namespace {

constexpr size_t kMaxMemberIds = 50;

Result<EntryDraft> ReadEntryDraft(const Request& req) {
  auto body = ParseJsonObject(req);
  if (!body) return tl::unexpected(body.error());
  BodyReader r(*body);
  EntryDraft d;
  d.body = r.String("body");
  d.title = r.NullableString("title");
  d.occurred_at = r.String("occurred_at");
  d.member_ids = r.StringArray("member_ids", kMaxMemberIds);
  d.visibility = r.String("visibility");
  if (auto ok = r.Finish(); !ok) return tl::unexpected(ok.error());
  return d;
}

// The list parameters, and in `group` the timeline's grouping (month when absent).
Result<ListParams> ReadListParams(const Request& req, std::string* group = nullptr) {
  auto query = QueryOf(req);
  if (!query) return tl::unexpected(query.error());
  auto get = [&](const char* name) { return Param(*query, name); };
  if (group) *group = get("group").value_or("month");
  return ListParams{get("member_id"), get("from"),  get("to"),     get("limit"),
                    get("cursor"),    get("topic"), get("emotion")};
}

Response EntryResponse(int status, const Entry& e) {
  return Versioned(status, EntryJson(e), e.version);
}

}  // namespace

void AddEntryRoutes(Router& router, const AuthService& auth, EntryService& entries) {
  auto add = [&](const char* method, const char* path, Handler h) {
    router.Add(method, path, WithUser(auth, std::move(h)));
  };
  auto page_json = [](const EntryPage& p) { return Json(200, EntryPageJson(p)); };

  add("GET", "/api/v1/families/{fid}/entries", [&entries, page_json](Request& req) {
    auto params = ReadListParams(req);
    if (!params) return ProblemResponse(params.error());
    return Respond(entries.List(req.user_id, req.Param("fid"), *params), page_json);
  });

  add("POST", "/api/v1/families/{fid}/entries", [&entries](Request& req) {
    auto draft = ReadEntryDraft(req);
    if (!draft) return ProblemResponse(draft.error());
    return Respond(entries.Create(req.user_id, req.Param("fid"), *draft), [&req](const Entry& e) {
      Response r = EntryResponse(201, e);
      r.headers.emplace_back("Location", "/api/v1/families/" + e.family_id + "/entries/" + e.id);
      return r;
    });
  });

  add("GET", "/api/v1/families/{fid}/entries/{eid}", [&entries](Request& req) {
    return Respond(entries.Get(req.user_id, req.Param("fid"), req.Param("eid")),
                   [](const Entry& e) { return EntryResponse(200, e); });
  });

  add("PATCH", "/api/v1/families/{fid}/entries/{eid}", [&entries](Request& req) {
    auto draft = ReadEntryDraft(req);
    if (!draft) return ProblemResponse(draft.error());
    return Respond(entries.Update(req.user_id, req.Param("fid"), req.Param("eid"), *draft,
                                  IfMatchVersion(req)),
                   [](const Entry& e) { return EntryResponse(200, e); });
  });

  add("DELETE", "/api/v1/families/{fid}/entries/{eid}", [&entries](Request& req) {
    return Respond(entries.Trash(req.user_id, req.Param("fid"), req.Param("eid")));
  });

  add("POST", "/api/v1/families/{fid}/entries/{eid}/restore", [&entries](Request& req) {
    return Respond(entries.Restore(req.user_id, req.Param("fid"), req.Param("eid")),
                   [](const Entry& e) { return EntryResponse(200, e); });
  });

  add("GET", "/api/v1/families/{fid}/trash", [&entries, page_json](Request& req) {
    auto params = ReadListParams(req);
    if (!params) return ProblemResponse(params.error());
    return Respond(entries.ListTrash(req.user_id, req.Param("fid"), *params), page_json);
  });

  add("GET", "/api/v1/families/{fid}/timeline", [&entries](Request& req) {
    std::string group;
    auto params = ReadListParams(req, &group);
    if (!params) return ProblemResponse(params.error());
    return Respond(entries.GetTimeline(req.user_id, req.Param("fid"), group, *params),
                   [](const Timeline& t) { return Json(200, TimelineJson(t)); });
  });
}

}  // namespace dadly::http
