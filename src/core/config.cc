#include "core/config.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <set>
#include <thread>

#include "core/ids.h"
#include "core/text.h"

namespace dadly {
namespace {

const char* const kCloudNames[] = {"OPENAI_API_KEY",    "OPENAI_BASE_URL",     "SUPABASE_URL",
                                   "SUPABASE_ANON_KEY", "SUPABASE_JWT_SECRET", "QDRANT_URL",
                                   "QDRANT_API_KEY",    "R2_ENDPOINT",         "R2_ACCESS_KEY",
                                   "R2_SECRET_KEY",     "R2_BUCKET",           "LANGCHAIN_API_KEY",
                                   "LANGCHAIN_PROJECT"};
const std::set<std::string> kSecretNames = {"OPENAI_API_KEY", "SUPABASE_JWT_SECRET",
                                            "QDRANT_API_KEY", "R2_ACCESS_KEY",
                                            "R2_SECRET_KEY",  "LANGCHAIN_API_KEY"};

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

Result<int> ParseInt(const std::string& name, const std::string& text, int lo, int hi) {
  int v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < lo || v > hi) {
    return Invalid(
        name, "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  }
  return v;
}

// Sets `*field` from the environment variable `name` when it is set.
Status IntFromEnv(const char* name, int lo, int hi, int* field) {
  const std::string text = Env(name);
  if (text.empty()) return {};
  auto v = ParseInt(name, text, lo, hi);
  if (!v) return tl::unexpected(v.error());
  *field = *v;
  return {};
}

// Database URLs carry a password: show scheme and host only.
std::string RedactUrl(const std::string& url) {
  const auto at = url.find('@');
  const auto scheme = url.find("://");
  if (at == std::string::npos || scheme == std::string::npos) return url;
  return url.substr(0, scheme + 3) + "(redacted)" + url.substr(at);
}

// SUPABASE_URL goes into a response header (the web app's CSP) and into JSON: only a plain
// http(s) origin with an optional path is accepted.
bool IsPlainHttpUrl(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return false;
  const std::string name = url.substr(0, scheme);
  if (name != "https" && name != "http") return false;
  const std::string rest = url.substr(scheme + 3);
  const auto slash = rest.find('/');
  const std::string host = rest.substr(0, slash);
  if (host.empty()) return false;
  for (char ch : host) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '-' && ch != ':' &&
        ch != '[' && ch != ']') {
      return false;
    }
  }
  if (slash == std::string::npos) return true;
  for (char ch : rest.substr(slash)) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) &&
        std::string("/._~-").find(ch) == std::string::npos) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string SupabaseUrl(const Config& config) {
  auto it = config.cloud.find("SUPABASE_URL");
  if (it == config.cloud.end()) return "";
  std::string url = it->second;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

Result<Config> LoadConfig(int argc, char** argv) {
  Config c;
  if (auto v = Env("DADLY_DATA_DIR"); !v.empty()) c.data_dir = v;
  if (auto v = Env("DADLY_HOST"); !v.empty()) c.host = v;
  // Cloud Run names the port PORT; DADLY_PORT, read after it, wins.
  if (auto ok = IntFromEnv("PORT", 0, 65535, &c.port); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = IntFromEnv("DADLY_PORT", 0, 65535, &c.port); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = IntFromEnv("DADLY_THREADS", 1, 256, &c.threads); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = IntFromEnv("DADLY_PURGE_INTERVAL", 1, 86400 * 7, &c.purge_interval_seconds); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = IntFromEnv("DADLY_DB_POOL_SIZE", 1, 1000, &c.db_pool_size); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto v = Env("DADLY_SQLITE_SYNC"); !v.empty()) c.sqlite_sync = v;
  if (auto v = Env("DADLY_AI_PROVIDER"); !v.empty()) c.ai_provider = v;
  if (auto v = Env("DADLY_OPENAI_CHAT_MODEL"); !v.empty()) c.openai_chat_model = v;
  if (auto v = Env("DADLY_OPENAI_EMBEDDING_MODEL"); !v.empty()) c.openai_embedding_model = v;
  if (auto ok = IntFromEnv("DADLY_AI_TIMEOUT_SECONDS", 1, 600, &c.ai_timeout_seconds); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = IntFromEnv("DADLY_AI_DAILY_TOKEN_BUDGET", 0, 2000000000, &c.ai_daily_token_budget);
      !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto v = Env("DADLY_AI_TRACE_CONTENT"); !v.empty()) {
    if (v != "true" && v != "false")
      return Invalid("DADLY_AI_TRACE_CONTENT", "must be true or false");
    c.ai_trace_content = v == "true";
  }
  if (!Env("DADLY_ADMIN_EMAILS").empty()) {
    return Invalid("DADLY_ADMIN_EMAILS",
                   "is no longer read: name the operators' account ids in DADLY_ADMIN_USER_IDS "
                   "(anyone can sign up first with an email address)");
  }
  const std::string admins = Env("DADLY_ADMIN_USER_IDS");
  for (std::string_view rest = admins; !rest.empty();) {
    const size_t comma = std::min(rest.find(','), rest.size());
    // Trimmed and lower-cased, as accounts keep their ids.
    const std::string id = AsciiLower(std::string(TrimSpace(rest.substr(0, comma))));
    if (!id.empty()) {
      if (!IsUuid(id)) {
        return Invalid("DADLY_ADMIN_USER_IDS", "must be account ids (the id of GET /api/v1/me)");
      }
      c.admin_user_ids.insert(id);
    }
    rest.remove_prefix(std::min(comma + 1, rest.size()));
  }
  if (auto ok = IntFromEnv("DADLY_WORKERS", 0, 64, &c.workers); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = IntFromEnv("DADLY_JOB_LEASE_SECONDS", 1, 86400, &c.job_lease_seconds); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = IntFromEnv("DADLY_SEARCH_CACHE_ENTRIES", 0, 100000000, &c.search_cache_entries);
      !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = IntFromEnv("DADLY_EMBEDDING_DIMENSIONS", 8, 4096, &c.embedding_dimensions); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto v = Env("DADLY_AUTH"); !v.empty()) c.auth = v;
  if (auto ok = IntFromEnv("DADLY_JWKS_CACHE_SECONDS", 1, 86400, &c.jwks_cache_seconds); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = IntFromEnv("DADLY_JWKS_REFETCH_SECONDS", 1, 3600, &c.jwks_refetch_seconds); !ok) {
    return tl::unexpected(ok.error());
  }
  c.web_dir = Env("DADLY_WEB_DIR");
  c.database_url = Env("DATABASE_URL");
  c.jwt_secret = Env("DADLY_JWT_SECRET");
  for (const char* name : kCloudNames) {
    if (auto v = Env(name); !v.empty()) c.cloud[name] = v;
  }

  int i = 1;
  if (argc > 1 && argv[1][0] != '-') {
    c.command = argv[1];
    i = 2;
  }
  static const std::set<std::string> kCommands = {"serve", "worker",    "migrate", "config",
                                                  "grant", "reanalyse", "routes",  "version"};
  if (!kCommands.contains(c.command)) return Invalid("command", "unknown command " + c.command);
  for (; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag.rfind("--", 0) != 0 || i + 1 >= argc) {
      return Invalid(flag, "expected --name value");
    }
    const std::string name = flag.substr(2);
    const std::string value = argv[++i];
    if (name == "data-dir") {
      c.data_dir = value;
    } else if (name == "host") {
      c.host = value;
    } else if (name == "port") {
      auto p = ParseInt("--port", value, 0, 65535);
      if (!p) return tl::unexpected(p.error());
      c.port = *p;
    } else if (name == "threads") {
      auto t = ParseInt("--threads", value, 1, 256);
      if (!t) return tl::unexpected(t.error());
      c.threads = *t;
    } else if ((c.command == "grant" && (name == "family" || name == "email" || name == "role")) ||
               (c.command == "reanalyse" && name == "entries")) {
      c.args[name] = value;
    } else {
      return Invalid(flag, "unknown flag");
    }
  }
  if (c.sqlite_sync != "full" && c.sqlite_sync != "normal") {
    return Invalid("DADLY_SQLITE_SYNC", "must be full or normal");
  }
  if (c.ai_provider != "local" && c.ai_provider != "openai") {
    return Invalid("DADLY_AI_PROVIDER", "must be local or openai");
  }
  if (c.embedding_dimensions == 0) c.embedding_dimensions = c.ai_provider == "openai" ? 1024 : 384;
  if (c.auth != "builtin" && c.auth != "supabase") {
    return Invalid("DADLY_AUTH", "must be builtin or supabase");
  }
  if (c.auth == "supabase" && !IsPlainHttpUrl(SupabaseUrl(c))) {
    return Invalid("SUPABASE_URL",
                   "must be the project's http(s) address (https://<project>.supabase.co) when "
                   "DADLY_AUTH=supabase");
  }
  if (c.threads == 0)
    c.threads = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()) * 2);
  if (c.db_pool_size == 0) c.db_pool_size = c.threads;
  return c;
}

std::vector<std::string> DescribeConfig(const Config& c) {
  std::vector<std::string> out = {
      "data_dir = " + c.data_dir,
      "host = " + c.host,
      "port = " + std::to_string(c.port),
      "threads = " + std::to_string(c.threads),
      "store = " + (c.database_url.empty() ? "sqlite (" + c.data_dir + "/dadly.db)"
                                           : RedactUrl(c.database_url)),
      "db_pool_size = " + std::to_string(c.db_pool_size),
      "sqlite_sync = " + c.sqlite_sync,
      "jwt_secret = " +
          std::string(c.jwt_secret.empty() ? "(generated in data_dir/secrets)" : "(set, redacted)"),
      "purge_interval_seconds = " + std::to_string(c.purge_interval_seconds),
      "ai_provider = " + c.ai_provider,
      "openai_chat_model = " + c.openai_chat_model,
      "openai_embedding_model = " + c.openai_embedding_model,
      "ai_timeout_seconds = " + std::to_string(c.ai_timeout_seconds),
      "ai_daily_token_budget = " + std::to_string(c.ai_daily_token_budget),
      "ai_trace_content = " + std::string(c.ai_trace_content ? "true" : "false"),
      "workers = " + std::to_string(c.workers),
      "job_lease_seconds = " + std::to_string(c.job_lease_seconds),
      "search_cache_entries = " + std::to_string(c.search_cache_entries),
      "admin_user_ids = " + std::to_string(c.admin_user_ids.size()) + " account(s)",
      "embedding_dimensions = " + std::to_string(c.embedding_dimensions),
      "web_dir = " + (c.web_dir.empty() ? std::string("(built in)") : c.web_dir),
      "auth = " + c.auth,
      "jwks_cache_seconds = " + std::to_string(c.jwks_cache_seconds),
      "jwks_refetch_seconds = " + std::to_string(c.jwks_refetch_seconds),
  };
  for (const char* name : kCloudNames) {
    auto it = c.cloud.find(name);
    std::string value = it == c.cloud.end()           ? "(not set)"
                        : kSecretNames.contains(name) ? "(set, redacted)"
                                                      : it->second;
    out.push_back(std::string(name) + " = " + value);
  }
  return out;
}

}  // namespace dadly
