// The HTTP engine (RESTinio) behind Dadly's own Request/Response types. This file pair is the
// only code that names the engine. Every request is dispatched through the Router, logged as one
// JSON line and counted in Metrics.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "core/error.h"
#include "http/metrics.h"
#include "http/router.h"

namespace dadly::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: the system picks a free port
  int threads = 8;
  int write_threads = 32;  // for requests that may write (see server.cc)
};

class HttpServer {
 public:
  // `router` and `metrics` must outlive the server.
  HttpServer(const Router& router, Metrics& metrics);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving on background threads; returns the bound port.
  Result<int> Start(const ServerOptions& options);
  // Waits until no request is in flight (at most `grace`), then stops the engine.
  void Shutdown(std::chrono::milliseconds grace);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dadly::http
