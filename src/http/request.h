// Dadly's own request and response types: handlers never see the HTTP engine's types, so the
// engine can change in server.cc alone.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dadly::http {

struct Request {
  std::string method;  // upper case
  std::string path;    // without the query string
  std::string raw_query;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;
  std::string request_id;
  // Filled by the router: the values of {name} segments of the matched route.
  std::map<std::string, std::string> params;
  // Filled by the authentication wrapper for routes that need a user.
  std::string user_id;

  std::optional<std::string> Header(std::string_view lower_name) const;
  const std::string& Param(const std::string& name) const { return params.at(name); }
};

// Sends one piece of a streamed body at once; false once the client has gone away.
using StreamWrite = std::function<bool(std::string_view piece)>;

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, `body` is not used: the status and headers go out first, then whatever `stream`
  // writes, piece by piece (chunked), until it returns. It runs on the request's thread.
  std::function<void(const StreamWrite& write)> stream;
};

// Decodes `a=1&b=x%20y` (and `+` as space) into pairs, in order. False on a broken escape.
bool ParseQuery(std::string_view raw, std::vector<std::pair<std::string, std::string>>* out);

}  // namespace dadly::http
