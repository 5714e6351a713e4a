// The route table of the API: each function adds one resource's routes to the router. Handlers
// are thin: parse the request, call one service method, shape the answer.
#pragma once

#include <atomic>
#include <string>

#include "http/metrics.h"
#include "http/router.h"
#include "http/web_assets.h"
#include "service/account_service.h"
#include "service/ai_usage_service.h"
#include "service/auth_service.h"
#include "service/chat_service.h"
#include "service/emotion_service.h"
#include "service/entry_service.h"
#include "service/family_service.h"
#include "service/operator_service.h"
#include "service/search_service.h"
#include "store/store.h"

namespace dadly::http {

// What the web app learns at start (GET /api/v1/client-config): who signs users in and, in
// Supabase mode, the project's public address and anon key. Never a secret.
struct ClientConfig {
  std::string auth = "builtin";  // builtin | supabase
  std::string supabase_url;      // without a trailing slash
  std::string supabase_anon_key;
};

// /api/v1/auth/* and /api/v1/client-config. With `client.auth` "supabase", signup, login,
// refresh and logout answer 404 (sign-in happens at Supabase).
void AddAuthRoutes(Router& router, AuthService& auth, const ClientConfig& client);
// /me (the caller's account) and /families with their members and users.
void AddFamilyRoutes(Router& router, const AuthService& auth, AccountService& accounts,
                     FamilyService& families);
void AddEntryRoutes(Router& router, const AuthService& auth, EntryService& entries);
// /families/{fid}/search (hybrid search with a cited answer), /families/{fid}/emotions (the
// emotion map) and /families/{fid}/ai-usage (the family's traced AI calls, for owners).
void AddInsightRoutes(Router& router, const AuthService& auth, SearchService& search,
                      EmotionService& emotions, AiUsageService& usage);
// /families/{fid}/conversations: chat, each user's own. Posting a message with
// `Accept: text/event-stream` streams the reply as Server-Sent Events (delta..., then done or
// error); otherwise it answers 201 with the question and the reply.
void AddChatRoutes(Router& router, const AuthService& auth, ChatService& chat);
// /admin/jobs, for the operators named in DADLY_ADMIN_USER_IDS.
void AddAdminRoutes(Router& router, const AuthService& auth, OperatorService& operators);
// /healthz, /readyz (503 while `draining` or when the store fails), /metrics, the OpenAPI
// document and /docs.
void AddOperationRoutes(Router& router, Store& store, const Metrics& metrics,
                        const std::atomic<bool>& draining);

// Every other GET path: the web app's files, or index.html for the app's own routes. In Supabase
// mode the pages' Content-Security-Policy lets them connect to the Supabase project too.
void AddWebRoutes(Router& router, const WebAssets& assets, const ClientConfig& client);

}  // namespace dadly::http
