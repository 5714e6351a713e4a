// For tests only: an in-process server on 127.0.0.1 (a free port) that speaks OpenAI's wire
// format as a test scripts it, built on Dadly's own HttpServer. Each test sets what
// /v1/chat/completions and /v1/embeddings answer (a function of the request and of how many
// requests that path has seen before), and afterwards reads back the requests it received.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"

namespace dadly::testing {

class FakeOpenAi {
 public:
  // `n` counts the earlier requests to the same path, from 0.
  using Handler = std::function<http::Response(const http::Request& request, int n)>;

  struct Seen {
    std::string path;
    std::string authorization;  // the Authorization header, "" when absent
    nlohmann::json body;        // null when the body was not JSON
  };

  FakeOpenAi() {
    for (const char* path : {"/v1/chat/completions", "/v1/embeddings"}) {
      router_.Add("POST", path, [this, path](http::Request& request) {
        Handler handler;
        int n = 0;
        {
          std::lock_guard lock(mu_);
          n = counts_[path]++;
          seen_.push_back({path, request.Header("authorization").value_or(""),
                           nlohmann::json::parse(request.body, nullptr, false)});
          handler = handlers_[path];
        }
        if (!handler) return Json(404, {{"error", {{"code", "unknown_url"}}}});
        return handler(request, n);
      });
    }
    auto port = server_.Start({.host = "127.0.0.1", .port = 0, .threads = 4});
    EXPECT_TRUE(port.has_value());
    port_ = port.value_or(0);
  }

  ~FakeOpenAi() {
    Release();
    server_.Shutdown(std::chrono::seconds(2));
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

  void On(const std::string& path, Handler handler) {
    std::lock_guard lock(mu_);
    handlers_["/v1" + path] = std::move(handler);
  }

  std::vector<Seen> requests() const {
    std::lock_guard lock(mu_);
    return seen_;
  }
  int count(const std::string& path) const {
    std::lock_guard lock(mu_);
    auto it = counts_.find("/v1" + path);
    return it == counts_.end() ? 0 : it->second;
  }

  // Blocks the calling handler until Release() or `most` has passed: a server that hangs.
  void Hang(std::chrono::milliseconds most) {
    std::unique_lock lock(mu_);
    released_cv_.wait_for(lock, most, [this] { return released_; });
  }
  void Release() {
    std::lock_guard lock(mu_);
    released_ = true;
    released_cv_.notify_all();
  }

  // --- answers ---
  static http::Response Json(int status, const nlohmann::json& body) {
    http::Response r;
    r.status = status;
    r.body = body.dump();
    return r;
  }
  // A chat completion whose message is `content`, with the given usage.
  static http::Response Completion(const std::string& content, int prompt_tokens = 0,
                                   int completion_tokens = 0) {
    return Json(200, {{"id", "chatcmpl-test"},
                      {"object", "chat.completion"},
                      {"choices",
                       {{{"index", 0},
                         {"message", {{"role", "assistant"}, {"content", content}}},
                         {"finish_reason", "stop"}}}},
                      {"usage",
                       {{"prompt_tokens", prompt_tokens},
                        {"completion_tokens", completion_tokens},
                        {"total_tokens", prompt_tokens + completion_tokens}}}});
  }
  // An error answer in OpenAI's shape, with an optional Retry-After header.
  static http::Response ApiError(int status, const std::string& code, const std::string& type,
                                 const std::string& retry_after = "") {
    http::Response r = Json(
        status,
        {{"error",
          {{"message", "scripted failure"}, {"type", type}, {"param", nullptr}, {"code", code}}}});
    if (!retry_after.empty()) r.headers.emplace_back("Retry-After", retry_after);
    return r;
  }
  // A server-sent event stream that writes `pieces` as they are (each piece its own chunk).
  static http::Response Stream(std::vector<std::string> pieces) {
    http::Response r;
    r.content_type = "text/event-stream";
    r.stream = [pieces = std::move(pieces)](const http::StreamWrite& write) {
      for (const std::string& p : pieces) {
        if (!write(p)) return;
      }
    };
    return r;
  }

 private:
  http::Router router_;
  http::Metrics metrics_;
  http::HttpServer server_{router_, metrics_};
  int port_ = 0;
  mutable std::mutex mu_;
  std::map<std::string, Handler> handlers_;
  std::map<std::string, int> counts_;
  std::vector<Seen> seen_;
  std::condition_variable released_cv_;
  bool released_ = false;
};

// A bare socket server for one request: it answers with an event stream, writes `first` at once
// and then falls silent until it is destroyed. (HttpServer sends a stream's pieces only as its
// handler lets the connection run, so it cannot play a server that stops mid-stream.)
class SilentStreamServer {
 public:
  explicit SilentStreamServer(std::string first) : first_(std::move(first)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len), 0);
    EXPECT_EQ(::listen(fd_, 4), 0);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~SilentStreamServer() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    ::shutdown(fd_, SHUT_RDWR);  // wakes accept() when no client came
    thread_.join();
    ::close(fd_);
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

 private:
  void Serve() {
    const int client = ::accept(fd_, nullptr, nullptr);
    if (client < 0) return;
    std::string request;
    char buf[4096];
    // The headers, then as many body bytes as Content-Length says.
    while (request.find("\r\n\r\n") == std::string::npos) {
      const ssize_t n = ::recv(client, buf, sizeof buf, 0);
      if (n <= 0) break;
      request.append(buf, static_cast<size_t>(n));
    }
    const std::string answer =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
        "Transfer-Encoding: chunked\r\n\r\n" +
        ToHex(first_.size()) + "\r\n" + first_ + "\r\n";
    ::send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return stop_; });
    ::close(client);
  }
  static std::string ToHex(size_t n) {
    char out[32];
    std::snprintf(out, sizeof out, "%zx", n);
    return out;
  }

  const std::string first_;
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
};

}  // namespace dadly::testing
