// Chat: /families/{fid}/conversations and their messages.
#include <string_view>

#include "http/json_body.h"
#include "http/problem.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/views.h"

namespace dadly::http {
namespace {

bool WantsEventStream(const Request& req) {
  const auto accept = req.Header("accept");
  return accept && accept->find("text/event-stream") != std::string::npos;
}

// One Server-Sent Event; `data` is one line of JSON.
std::string Event(std::string_view name, std::string_view data) {
  std::string out = "event: ";
  out.append(name).append("\ndata: ").append(data).append("\n\n");
  return out;
}

Response Converse(ChatService& chat, Request& req) {
  auto body = ParseJsonObject(req);
  if (!body) return ProblemResponse(body.error());
  BodyReader r(*body);
  const std::string content = r.String("content", /*required=*/true).value_or("");
  if (auto ok = r.Finish(); !ok) return ProblemResponse(ok.error());
  auto turn = chat.Prepare(req.user_id, req.Param("fid"), req.Param("cid"), content);
  if (!turn) return ProblemResponse(turn.error());
  if (!WantsEventStream(req)) {
    return Respond(chat.Answer(*turn, [](std::string_view) {}),
                   [](const ChatExchange& e) { return Json(201, ChatExchangeJson(e)); });
  }
  Response res;
  res.content_type = "text/event-stream; charset=utf-8";
  res.headers.emplace_back("Cache-Control", "no-store");
  res.headers.emplace_back("X-Accel-Buffering", "no");  // proxies: pass pieces on at once
  res.stream = [&chat, turn = std::move(*turn)](const StreamWrite& write) {
    auto exchange = chat.Answer(
        turn, [&write](std::string_view piece) { write(Event("delta", ChatDeltaJson(piece))); });
    if (exchange) {
      write(Event("done", ChatExchangeJson(*exchange)));
    } else {
      write(Event("error", ProblemResponse(exchange.error()).body));
    }
  };
  return res;
}

}  // namespace

void AddChatRoutes(Router& router, const AuthService& auth, ChatService& chat) {
  const std::string base = "/api/v1/families/{fid}/conversations";
  router.Add("POST", base, WithUser(auth, [&chat](Request& req) {
               auto body = ParseJsonObject(req);
               if (!body) return ProblemResponse(body.error());
               BodyReader r(*body);
               auto title = r.String("title");
               if (auto ok = r.Finish(); !ok) return ProblemResponse(ok.error());
               return Respond(chat.Create(req.user_id, req.Param("fid"), title),
                              [](const Conversation& c) {
                                return Json(201, ConversationJson(ConversationView{c, {}}));
                              });
             }));
  router.Add("GET", base, WithUser(auth, [&chat](Request& req) {
               auto query = QueryOf(req);
               if (!query) return ProblemResponse(query.error());
               return Respond(
                   chat.List(req.user_id, req.Param("fid"), Param(*query, "limit"),
                             Param(*query, "cursor")),
                   [](const ConversationPage& p) { return Json(200, ConversationPageJson(p)); });
             }));
  router.Add("GET", base + "/{cid}", WithUser(auth, [&chat](Request& req) {
               return Respond(
                   chat.Get(req.user_id, req.Param("fid"), req.Param("cid")),
                   [](const ConversationView& v) { return Json(200, ConversationJson(v)); });
             }));
  router.Add("DELETE", base + "/{cid}", WithUser(auth, [&chat](Request& req) {
               return Respond(chat.Delete(req.user_id, req.Param("fid"), req.Param("cid")));
             }));
  router.Add("POST", base + "/{cid}/messages",
             WithUser(auth, [&chat](Request& req) { return Converse(chat, req); }));
}

}  // namespace dadly::http
