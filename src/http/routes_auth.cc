// /api/v1/auth/*: signup, login, refresh, logout; and /api/v1/client-config, which tells the
// web app who signs users in.
#include "http/json_body.h"
#include "http/json_writer.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/views.h"

namespace dadly::http {
namespace {

std::string ClientConfigJson(const ClientConfig& client) {
  JsonWriter w;
  w.StartObject().Field("auth", client.auth);
  if (client.auth == "supabase") {
    w.Field("supabase_url", client.supabase_url)
        .Field("supabase_anon_key", client.supabase_anon_key);
  }
  return w.EndObject().Take();
}

// In Supabase mode Dadly's own accounts are off: the same paths answer a clear 404.
void AddSignInElsewhereRoutes(Router& router) {
  for (const char* path : {"/api/v1/auth/signup", "/api/v1/auth/login", "/api/v1/auth/refresh",
                           "/api/v1/auth/logout"}) {
    router.Add("POST", path, [](Request&) {
      return ProblemResponse(Error{ErrorCode::kNotFound, "sign in through Supabase", {}, 0});
    });
  }
}

}  // namespace

void AddAuthRoutes(Router& router, AuthService& auth, const ClientConfig& client) {
  router.Add("GET", "/api/v1/client-config", [body = ClientConfigJson(client)](Request&) {
    Response r = Json(200, body);
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
  });
  if (client.auth == "supabase") {
    AddSignInElsewhereRoutes(router);
    return;
  }

  auto session = [](int status) {
    return [status](const SessionTokens& s) { return Json(status, SessionJson(s)); };
  };

  router.Add("POST", "/api/v1/auth/signup", [&auth, session](Request& req) {
    auto body = ParseJsonObject(req);
    if (!body) return ProblemResponse(body.error());
    BodyReader r(*body);
    SignupInput in;
    in.email = r.String("email", true).value_or("");
    in.password = r.String("password", true).value_or("");
    in.display_name = r.String("display_name", true).value_or("");
    in.locale = r.String("locale").value_or("ko");
    if (auto ok = r.Finish(); !ok) return ProblemResponse(ok.error());
    return Respond(auth.Signup(std::move(in)), session(201));
  });

  router.Add("POST", "/api/v1/auth/login", [&auth, session](Request& req) {
    auto body = ParseJsonObject(req);
    if (!body) return ProblemResponse(body.error());
    BodyReader r(*body);
    const auto email = r.String("email", true);
    const auto password = r.String("password", true);
    if (auto ok = r.Finish(); !ok) return ProblemResponse(ok.error());
    return Respond(auth.Login(*email, *password, req.remote_address), session(200));
  });

  router.Add("POST", "/api/v1/auth/refresh", [&auth, session](Request& req) {
    auto body = ParseJsonObject(req);
    if (!body) return ProblemResponse(body.error());
    BodyReader r(*body);
    const auto token = r.String("refresh_token", true);
    if (auto ok = r.Finish(); !ok) return ProblemResponse(ok.error());
    return Respond(auth.Refresh(*token), session(200));
  });

  router.Add("POST", "/api/v1/auth/logout", [&auth](Request& req) {
    auto body = ParseJsonObject(req);
    if (!body) return ProblemResponse(body.error());
    BodyReader r(*body);
    const auto token = r.String("refresh_token", true);
    if (auto ok = r.Finish(); !ok) return ProblemResponse(ok.error());
    return Respond(auth.Logout(*token));
  });
}

}  // namespace dadly::http
