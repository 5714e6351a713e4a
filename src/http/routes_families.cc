// /api/v1/me, /families, and a family's members and users.
#include "http/json_body.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/views.h"
#include "store/store.h"

namespace dadly::http {
namespace {

Result<MemberDraft> ReadMemberDraft(const Request& req) {
  auto body = ParseJsonObject(req);
  if (!body) return tl::unexpected(body.error());
  BodyReader r(*body);
  MemberDraft d;
  d.name = r.String("name");
  d.birthdate = r.NullableString("birthdate");
  d.relation = r.NullableString("relation");
  d.user_id = r.NullableString("user_id");
  if (auto ok = r.Finish(); !ok) return tl::unexpected(ok.error());
  return d;
}

}  // namespace

void AddFamilyRoutes(Router& router, const AuthService& auth, AccountService& accounts,
                     FamilyService& families) {
  auto add = [&](const char* method, const char* path, Handler h) {
    router.Add(method, path, WithUser(auth, std::move(h)));
  };
  auto member_json = [](int status) {
    return [status](const Member& m) { return Versioned(status, MemberJson(m), m.version); };
  };

  // The account and its families: GET /me, and what PATCH /me answers.
  auto me_json = [&families](const Request& req, const User& user) -> Response {
    auto mine = families.ListMine(req.user_id);
    if (!mine) return ProblemResponse(mine.error());
    return Json(200, MeJson(user, *mine));
  };

  add("GET", "/api/v1/me", [&accounts, me_json](Request& req) -> Response {
    auto user = accounts.Get(req.user_id);
    if (!user) return ProblemResponse(user.error());
    return me_json(req, *user);
  });

  add("PATCH", "/api/v1/me", [&accounts, me_json](Request& req) -> Response {
    auto body = ParseJsonObject(req);
    if (!body) return ProblemResponse(body.error());
    BodyReader r(*body);
    ProfileDraft draft{r.String("display_name"), r.String("locale")};
    if (auto ok = r.Finish(); !ok) return ProblemResponse(ok.error());
    auto user = accounts.Update(req.user_id, draft);
    if (!user) return ProblemResponse(user.error());
    return me_json(req, *user);
  });

  add("POST", "/api/v1/families", [&families](Request& req) {
    auto body = ParseJsonObject(req);
    if (!body) return ProblemResponse(body.error());
    BodyReader r(*body);
    const auto name = r.String("name", true);
    if (auto ok = r.Finish(); !ok) return ProblemResponse(ok.error());
    return Respond(families.Create(req.user_id, *name),
                   [](const FamilyView& f) { return Json(201, FamilyJson(f)); });
  });

  add("GET", "/api/v1/families/{fid}", [&families](Request& req) {
    return Respond(families.Get(req.user_id, req.Param("fid")),
                   [](const FamilyView& f) { return Json(200, FamilyJson(f)); });
  });

  add("GET", "/api/v1/families/{fid}/members", [&families](Request& req) {
    return Respond(
        families.ListMembers(req.user_id, req.Param("fid")),
        [](const std::vector<Member>& members) { return Json(200, MembersJson(members)); });
  });

  add("POST", "/api/v1/families/{fid}/members", [&families, member_json](Request& req) {
    auto draft = ReadMemberDraft(req);
    if (!draft) return ProblemResponse(draft.error());
    return Respond(families.CreateMember(req.user_id, req.Param("fid"), *draft), member_json(201));
  });

  add("GET", "/api/v1/families/{fid}/members/{mid}", [&families, member_json](Request& req) {
    return Respond(families.GetMember(req.user_id, req.Param("fid"), req.Param("mid")),
                   member_json(200));
  });

  add("PATCH", "/api/v1/families/{fid}/members/{mid}", [&families, member_json](Request& req) {
    auto draft = ReadMemberDraft(req);
    if (!draft) return ProblemResponse(draft.error());
    return Respond(families.UpdateMember(req.user_id, req.Param("fid"), req.Param("mid"), *draft,
                                         IfMatchVersion(req)),
                   member_json(200));
  });

  add("DELETE", "/api/v1/families/{fid}/members/{mid}", [&families](Request& req) {
    return Respond(families.DeleteMember(req.user_id, req.Param("fid"), req.Param("mid")));
  });

  add("GET", "/api/v1/families/{fid}/users", [&families](Request& req) {
    return Respond(
        families.ListUsers(req.user_id, req.Param("fid")),
        [](const std::vector<FamilyUser>& users) { return Json(200, FamilyUsersJson(users)); });
  });

  add("PATCH", "/api/v1/families/{fid}/users/{uid}", [&families](Request& req) {
    auto body = ParseJsonObject(req);
    if (!body) return ProblemResponse(body.error());
    BodyReader r(*body);
    const auto role = r.String("role", true);
    if (auto ok = r.Finish(); !ok) return ProblemResponse(ok.error());
    return Respond(families.ChangeRole(req.user_id, req.Param("fid"), req.Param("uid"), *role),
                   [](const FamilyUser& u) { return Json(200, FamilyUserJson(u)); });
  });

  add("DELETE", "/api/v1/families/{fid}/users/{uid}", [&families](Request& req) {
    return Respond(families.RemoveUser(req.user_id, req.Param("fid"), req.Param("uid")));
  });
}

}  // namespace dadly::http
