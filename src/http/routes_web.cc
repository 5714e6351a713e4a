// The web app: static files with cache headers, and index.html for the app's own routes.
#include <array>

#include "http/reply.h"
#include "http/routes.h"

namespace dadly::http {
namespace {

std::string ContentTypeOf(const std::string& path) {
  static const std::array<std::pair<const char*, const char*>, 14> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".webp", "image/webp"},
  }};
  const auto dot = path.rfind('.');
  if (dot != std::string::npos && path.find('/', dot) == std::string::npos) {
    const std::string ext = path.substr(dot);
    for (const auto& [e, type] : kTypes) {
      if (ext == e) return type;
    }
  }
  return "application/octet-stream";
}

// Paths the API owns: a miss there is an API 404, never the app's index.html.
bool IsApiPath(const std::string& path) {
  for (const char* prefix : {"/api/", "/healthz", "/readyz", "/metrics", "/docs"}) {
    if (path.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

// scheme://host[:port] of an http(s) URL.
std::string OriginOf(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  return url.substr(0, url.find('/', scheme + 3));
}

Response File(const std::string& path, std::string bytes, const std::string& csp) {
  Response r;
  r.content_type = ContentTypeOf(path);
  r.body = std::move(bytes);
  // Vite names files under /assets/ by content hash: they never change under one name.
  r.headers.emplace_back("Cache-Control", path.rfind("/assets/", 0) == 0
                                              ? "public, max-age=31536000, immutable"
                                              : "no-cache");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (r.content_type.rfind("text/html", 0) == 0) {
    r.headers.emplace_back("Content-Security-Policy", csp);
    r.headers.emplace_back("Referrer-Policy", "same-origin");
  }
  return r;
}

}  // namespace

void AddWebRoutes(Router& router, const WebAssets& assets, const ClientConfig& client) {
  // In Supabase mode the app signs in with supabase-js, which talks to the project directly.
  std::string connect_src = "'self'";
  if (client.auth == "supabase" && !OriginOf(client.supabase_url).empty()) {
    connect_src += " " + OriginOf(client.supabase_url);
  }
  const std::string csp =
      "default-src 'self'; img-src 'self' data: blob:; connect-src " + connect_src +
      "; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
  router.SetFallback([&assets, csp](Request& req) {
    if (IsApiPath(req.path)) {
      return ProblemResponse(Error{ErrorCode::kNotFound, "no such resource", {}, 0});
    }
    if (auto bytes = assets.Find(req.path)) return File(req.path, std::move(*bytes), csp);
    // A missing file with an extension is a real 404; anything else is a route of the app.
    const auto slash = req.path.rfind('/');
    if (req.path.find('.', slash) != std::string::npos && req.path != "/index.html") {
      return ProblemResponse(Error{ErrorCode::kNotFound, "no such file", {}, 0});
    }
    if (auto index = assets.Find("/index.html")) return File("/index.html", std::move(*index), csp);
    Response r;
    r.status = 503;
    r.content_type = "text/plain; charset=utf-8";
    r.body =
        "The web app is not built into this binary. Run scripts/run.sh, or set DADLY_WEB_DIR.\n";
    return r;
  });
}

}  // namespace dadly::http
