#include "http/server.h"

#include <restinio/all.hpp>
#include <thread>

#include "core/ids.h"
#include "core/keyed_lanes.h"
#include "core/log.h"
#include "core/text.h"
#include "core/time.h"
#include "core/utf8.h"
#include "http/json_writer.h"
#include "http/problem.h"

namespace dadly::http {
namespace {

using Traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return status < 500 ? "Client Error" : "Server Error";
  }
}

// A caller-supplied request id is kept when it is short and plain, so logs can be joined.
std::string RequestIdOf(const Request& request) {
  if (auto given = request.Header("x-request-id");
      given && !given->empty() && given->size() <= 64 &&
      given->find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") ==
          std::string::npos) {
    return *given;
  }
  return RandomToken(12);
}

}  // namespace

struct HttpServer::Impl {
  Impl(const Router& r, Metrics& m) : router(r), metrics(m) {}
  const Router& router;
  Metrics& metrics;
  std::atomic<int> in_flight{0};
  static constexpr int kMaxStreamThreads = 64;
  std::atomic<int> stream_threads{0};
  restinio::running_server_handle_t<Traits> running;
  // Runs the requests that may write (every method but GET and HEAD) on threads of their own, so
  // that one waiting on the disk holds none of the engine's threads, which stay free for reads,
  // and concurrent writes can share a commit. Keyed by connection: a request pipelined behind a
  // write of its own connection runs after it. Null until started.
  std::unique_ptr<KeyedLanes> writes;

  restinio::request_handling_status_t Handle(const restinio::request_handle_t& req) {
    const auto started = std::chrono::steady_clock::now();
    ++in_flight;
    Request request;
    request.method = std::string(req->header().method().c_str());
    request.path = std::string(req->header().path());
    request.raw_query = std::string(req->header().query());
    req->header().for_each_field([&](const restinio::http_header_field_t& f) {
      request.headers.emplace_back(AsciiLower(f.name()), f.value());
    });
    request.body = req->body();
    request.remote_address = req->remote_endpoint().address().to_string();
    request.request_id = RequestIdOf(request);
    const bool may_write = request.method != "GET" && request.method != "HEAD";
    writes->Submit(req->connection_id(), may_write,
                   [this, req, request = std::move(request), started]() mutable {
                     Answer(req, request, started);
                   });
    return restinio::request_accepted();
  }

  // Dispatches the request and sends its response (from whichever thread runs it).
  void Answer(const restinio::request_handle_t& req, Request& request,
              std::chrono::steady_clock::time_point started) {
    std::string route;
    Response response;
    try {
      response = router.Dispatch(request, &route);
    } catch (const std::exception& e) {
      Log(Severity::kError, "request failed",
          {{"error", e.what()}, {"requestId", request.request_id}});
      response = ProblemResponse(Error{ErrorCode::kInternal, "", {}, 0});
    }

    const restinio::http_status_line_t status_line{
        restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
        ReasonPhrase(response.status)};
    auto add_headers = [&](auto& out) {
      out.append_header("X-Request-Id", request.request_id);
      if (response.status != 204)
        out.append_header(restinio::http_field::content_type, response.content_type);
      for (auto& [name, value] : response.headers) out.append_header(name, value);
    };
    if (response.stream && request.method != "HEAD") {
      auto out = std::make_shared<restinio::response_builder_t<restinio::chunked_output_t>>(
          req->create_response<restinio::chunked_output_t>(status_line));
      add_headers(*out);
      out->flush();
      Stream(std::move(out), std::move(response.stream), std::move(request), std::move(route),
             response.status, started);
      return;
    }
    auto out = req->create_response(status_line);
    add_headers(out);
    if (request.method != "HEAD") out.set_body(std::move(response.body));
    out.done();
    Finish(request, route, response.status, started);
    --in_flight;
  }

  // Sends a streamed body from a thread of its own: the engine's thread must return for the
  // connection to write anything, so a piece written here goes out at once. The request counts
  // as in flight until the stream ends. Past kMaxStreamThreads streams at once, a stream runs on
  // the request's thread instead: its pieces then go out together when it ends.
  void Stream(std::shared_ptr<restinio::response_builder_t<restinio::chunked_output_t>> out,
              std::function<void(const StreamWrite&)> stream, Request request, std::string route,
              int code, std::chrono::steady_clock::time_point started) {
    auto run = [this, out, stream = std::move(stream), request = std::move(request),
                route = std::move(route), code, started](bool threaded) {
      // Set from the engine's threads when a write fails: the client has gone away.
      auto gone = std::make_shared<std::atomic<bool>>(false);
      try {
        stream([&out, gone](std::string_view piece) {
          if (gone->load()) return false;
          out->append_chunk(std::string(piece));
          out->flush([gone](const restinio::asio_ns::error_code& ec) {
            if (ec) gone->store(true);
          });
          return true;
        });
      } catch (const std::exception& e) {
        Log(Severity::kError, "stream failed",
            {{"error", e.what()}, {"requestId", request.request_id}});
      }
      out->done();
      Finish(request, route, code, started);
      if (threaded) --stream_threads;
      --in_flight;  // last: once none is in flight, Shutdown may free this
    };
    if (++stream_threads > kMaxStreamThreads) {
      --stream_threads;
      run(false);
      return;
    }
    std::thread(std::move(run), true).detach();
  }

  // Counts the request in the metrics and writes its log line.
  void Finish(const Request& request, const std::string& route, int status,
              std::chrono::steady_clock::time_point started) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics.Record(route, request.method, status, seconds);
    if (route != "/healthz" && route != "/metrics") {
      char latency[32];
      std::snprintf(latency, sizeof latency, "%.6fs", seconds);
      // Built with the streaming writer: a tree of nlohmann values per request cost about
      // 10% of an entry list's CPU. Text from the client is checked, so the line stays JSON.
      auto text = [](const std::string& s) {
        return IsValidUtf8(s) ? std::string_view(s) : std::string_view("(invalid UTF-8)");
      };
      const std::string user_agent = request.Header("user-agent").value_or("");
      JsonWriter line;
      line.StartObject()
          .Field("severity", SeverityName(status >= 500 ? Severity::kError : Severity::kInfo))
          .Field("message", "request")
          .Field("time", FormatTimestamp(SystemClock().NowSeconds()))
          .Key("httpRequest")
          .StartObject()
          .Field("requestMethod", text(request.method))
          .Field("requestUrl", text(request.path))
          .Field("status", status)
          .Field("latency", latency)
          .Field("remoteIp", request.remote_address)
          .Field("userAgent", text(user_agent))
          .EndObject()
          .Field("requestId", request.request_id)
          .Field("route", route)
          .EndObject();
      QueueLogLine(line.Take());
    }
  }
};

HttpServer::HttpServer(const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(router, metrics)) {}

HttpServer::~HttpServer() { Shutdown(std::chrono::milliseconds(0)); }

Result<int> HttpServer::Start(const ServerOptions& options) {
  int bound_port = 0;
  try {
    auto settings =
        restinio::server_settings_t<Traits>{}
            .address(options.host)
            .port(static_cast<std::uint16_t>(options.port))
            .request_handler([impl = impl_.get()](auto req) { return impl->Handle(req); })
            .socket_options_setter([](restinio::socket_options_t& s) {
              s.set_option(restinio::asio_ns::ip::tcp::no_delay{true});
            })
            .acceptor_post_bind_hook([&bound_port](restinio::asio_ns::ip::tcp::acceptor& a) {
              bound_port = a.local_endpoint().port();
            })
            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                          .max_url_size(8192)
                                          .max_field_count(100)
                                          .max_body_size(8 * 1024 * 1024))
            // RESTinio 0.6.16 starts reading the next request twice when a handler answers
            // before returning and at most one request may be in flight: the second start
            // resets the parser in the middle of a request whose body has not arrived yet, and
            // the connection is closed unanswered. Room for a few pipelined requests keeps the
            // response coordinator from being full, so the read starts only once.
            // (Pinned by the keep-alive tests in tests/integration/test_operations.py.)
            .max_pipelined_requests(4)
            .read_next_http_message_timelimit(std::chrono::seconds(60))
            // Above DADLY_AI_TIMEOUT_SECONDS's default: a streamed reply may be silent that long.
            .handle_request_timeout(std::chrono::seconds(90));
    impl_->writes = std::make_unique<KeyedLanes>(options.write_threads);
    impl_->running = restinio::run_async<Traits>(restinio::own_io_context(), std::move(settings),
                                                 static_cast<size_t>(options.threads));
  } catch (const std::exception& e) {
    impl_->running.reset();
    impl_->writes.reset();
    return Fail(ErrorCode::kUnavailable, "cannot listen on " + options.host + ":" +
                                             std::to_string(options.port) + ": " + e.what());
  }
  return bound_port;
}

void HttpServer::Shutdown(std::chrono::milliseconds grace) {
  if (!impl_->running) return;
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (impl_->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  impl_->running->stop();
  impl_->running->wait();
  impl_->running.reset();
  impl_->writes.reset();  // after the engine: a request it still had may post here
}

}  // namespace dadly::http
