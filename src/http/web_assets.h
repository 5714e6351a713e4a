// The web app's static files: compiled into the binary, or read from a directory
// (DADLY_WEB_DIR) so the app can be rebuilt without relinking the server. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace dadly::http {

class WebAssets {
 public:
  virtual ~WebAssets() = default;
  // The bytes of the file at `path` ("/index.html", "/assets/app-1a2b.js"), or nullopt.
  // `path` is a request path; anything that climbs out of the app ("..") is nullopt.
  virtual std::optional<std::string> Find(const std::string& path) const = 0;
};

// Files compiled in from web/dist (empty when the app was not built before the server).
const std::map<std::string, std::string_view>& EmbeddedWebFiles();

std::unique_ptr<WebAssets> NewEmbeddedWebAssets();
std::unique_ptr<WebAssets> NewDirectoryWebAssets(std::string directory);

}  // namespace dadly::http
