// /api/v1/auth/*: signup, login, refresh, logout.
#include "http/json_body.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/views.h"

namespace dadly::http {

void AddAuthRoutes(Router& router, AuthService& auth) {
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
