// Effective configuration: defaults, then environment variables, then command-line flags.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"

namespace dadly {

struct Config {
  std::string command = "serve";  // serve | worker | migrate | config | grant | routes | version
  std::string data_dir = "./data";
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 0;                   // 0: two per core
  std::string database_url;          // empty: SQLite in data_dir
  int db_pool_size = 0;              // DADLY_DB_POOL_SIZE, PostgreSQL only; 0: one per thread
  std::string sqlite_sync = "full";  // full | normal
  std::string jwt_secret;            // empty: generated once into data_dir/secrets
  int purge_interval_seconds = 3600;
  // DADLY_AI_PROVIDER: local (no model, deterministic) or openai (any OpenAI-compatible API at
  // OPENAI_BASE_URL, with OPENAI_API_KEY).
  std::string ai_provider = "local";
  std::string openai_chat_model = "gpt-4o-mini";  // DADLY_OPENAI_CHAT_MODEL
  // DADLY_OPENAI_EMBEDDING_MODEL
  std::string openai_embedding_model = "text-embedding-3-large";
  int ai_timeout_seconds = 30;    // DADLY_AI_TIMEOUT_SECONDS: one model call, start to end
  int ai_daily_token_budget = 0;  // DADLY_AI_DAILY_TOKEN_BUDGET: per family; 0: no limit
  bool ai_trace_content = false;  // DADLY_AI_TRACE_CONTENT: record prompts and replies
  int workers = 1;                // DADLY_WORKERS: job threads in `serve` (0: none)
  int job_lease_seconds = 120;    // DADLY_JOB_LEASE_SECONDS: a dead worker's jobs wait this
  // DADLY_EMBEDDING_DIMENSIONS; unset: 384 with the local provider, 1024 with openai.
  int embedding_dimensions = 0;
  int search_cache_entries =
      50000;  // DADLY_SEARCH_CACHE_ENTRIES: entries kept indexed (~2.7 kB each)
  // DADLY_ADMIN_USER_IDS (comma-separated account ids): the operators, who may see the
  // instance's job queue. Ids, not emails: Dadly does not verify emails, so anyone could sign
  // up first with an operator's address.
  std::set<std::string> admin_user_ids;
  std::string web_dir;  // empty: the web app compiled into the binary
  // Who signs users in (DADLY_AUTH): builtin (Dadly's own accounts and HS256 tokens) or
  // supabase (Supabase Auth's tokens; SUPABASE_URL is then required).
  std::string auth = "builtin";
  int jwks_cache_seconds = 600;   // DADLY_JWKS_CACHE_SECONDS: how long a fetched JWKS is trusted
  int jwks_refetch_seconds = 30;  // DADLY_JWKS_REFETCH_SECONDS: least time between two fetches
  // Cloud settings named in DESIGN.md, kept as given; later ports read them.
  std::map<std::string, std::string> cloud;
  // Arguments of commands other than serve (grant's --family, --email, --role).
  std::map<std::string, std::string> args;
};

// Reads the environment (`environ`) and argv. Unknown flags and bad numbers are errors.
Result<Config> LoadConfig(int argc, char** argv);
// SUPABASE_URL without its trailing slashes; empty when unset.
std::string SupabaseUrl(const Config& config);
// Lines of `key = value` for `dadly config`, every secret redacted.
std::vector<std::string> DescribeConfig(const Config& config);

}  // namespace dadly
