// Routes requests by method and path pattern (`/api/v1/families/{fid}`) to handlers, and answers
// unknown paths with 404 and known paths with the wrong method with 405. Add() is not
// thread-safe; Dispatch() is, once all routes are added.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "http/request.h"

namespace dadly::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);
  // Answers GET (and HEAD) requests that match no route (the web app); without one they are
  // 404.
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }
  // Runs the matching handler. `route` receives the matched pattern (or "unmatched"), a label
  // of bounded cardinality for metrics and logs.
  Response Dispatch(Request& request, std::string* route) const;
  // Every (method, pattern), in the order added.
  std::vector<std::pair<std::string, std::string>> Routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "{name}" for a parameter
    Handler handler;
  };
  static bool Match(const Route& route, const std::vector<std::string_view>& parts,
                    std::map<std::string, std::string>* params);
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace dadly::http
