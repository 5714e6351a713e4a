// The route table of the API: each function adds one resource's routes to the router. Handlers
// are thin: parse the request, call one service method, shape the answer.
#pragma once

#include <atomic>

#include "http/metrics.h"
#include "http/router.h"
#include "http/web_assets.h"
#include "service/auth_service.h"
#include "service/entry_service.h"
#include "service/family_service.h"
#include "store/store.h"

namespace dadly::http {

void AddAuthRoutes(Router& router, AuthService& auth);
void AddFamilyRoutes(Router& router, const AuthService& auth, FamilyService& families);
void AddEntryRoutes(Router& router, const AuthService& auth, EntryService& entries);
// /healthz, /readyz (503 while `draining` or when the store fails), /metrics, the OpenAPI
// document and /docs.
void AddOperationRoutes(Router& router, Store& store, const Metrics& metrics,
                        const std::atomic<bool>& draining);

// Every other GET path: the web app's files, or index.html for the app's own routes.
void AddWebRoutes(Router& router, const WebAssets& assets);

}  // namespace dadly::http
