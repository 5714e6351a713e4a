// dadly: the family memory archive in one binary.
//   dadly serve    the API and the web app on one port, and the background workers
//   dadly worker   only the background workers (more of them, beside servers)
//   dadly migrate  apply database migrations and exit
//   dadly config   print the effective configuration, secrets redacted
//   dadly grant    give an account a role in a family (operators, tests)
//   dadly reanalyse  queue the analysis of entries embedded by another model (or of all)
//   dadly routes   list every HTTP route the server answers
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>

#include "ai/local_provider.h"
#include "ai/openai_provider.h"
#include "auth/access_token_verifier.h"
#include "auth/http_jwks_fetcher.h"
#include "auth/jwks_cache.h"
#include "auth/supabase_verifier.h"
#include "core/config.h"
#include "core/ids.h"
#include "core/log.h"
#include "core/secrets.h"
#include "core/time.h"
#include "http/metrics.h"
#include "http/routes.h"
#include "http/server.h"
#include "jobs/insight_job.h"
#include "jobs/job_runner.h"
#include "jobs/purge_task.h"
#include "service/account_service.h"
#include "service/ai_gateway.h"
#include "service/auth_service.h"
#include "service/chat_service.h"
#include "service/entry_service.h"
#include "service/family_service.h"
#include "service/operator_service.h"
#include "service/user_provisioning.h"
#include "store/store.h"

#ifdef DADLY_TCMALLOC
#include <gperftools/malloc_extension.h>
#endif

namespace dadly {
namespace {

// tcmalloc lets each thread keep freed memory for its next allocations, up to 32 MiB over all
// threads by default. Four are enough for the request threads' small strings and keep the
// 36 request threads' peak near glibc's (docs/BENCHMARKS.md).
void LimitAllocatorCaches() {
#ifdef DADLY_TCMALLOC
  MallocExtension::instance()->SetNumericProperty("tcmalloc.max_total_thread_cache_bytes",
                                                  size_t{4} << 20);
#endif
}

int Failed(const Error& e) {
  std::string detail = e.message;
  for (const auto& f : e.fields) detail += " [" + f.field + ": " + f.message + "]";
  Log(Severity::kError, "dadly failed", {{"error", detail}});
  return 1;
}

http::ClientConfig ClientConfigOf(const Config& config) {
  http::ClientConfig client;
  client.auth = config.auth;
  if (config.auth == "supabase") {
    client.supabase_url = SupabaseUrl(config);
    if (auto it = config.cloud.find("SUPABASE_ANON_KEY"); it != config.cloud.end()) {
      client.supabase_anon_key = it->second;
    }
  }
  return client;
}

// Who vouches for bearer tokens: Dadly itself (builtin), or Supabase Auth, whose users get a
// Dadly user row the first time they are seen.
class TokenVerification {
 public:
  TokenVerification(const Config& config, const std::string& signing_key, Store& store,
                    const Clock& clock) {
    if (config.auth != "supabase") {
      verifier_ = NewBuiltinVerifier(signing_key, clock);
      return;
    }
    const std::string url = SupabaseUrl(config);
    const auto anon = config.cloud.find("SUPABASE_ANON_KEY");
    const auto secret = config.cloud.find("SUPABASE_JWT_SECRET");
    HttpJwksOptions fetch;
    fetch.url = SupabaseJwksUrl(url);
    fetch.api_key = anon == config.cloud.end() ? "" : anon->second;
    JwksCacheOptions cache;
    cache.ttl_seconds = config.jwks_cache_seconds;
    cache.min_refetch_seconds = config.jwks_refetch_seconds;
    jwks_ = std::make_unique<JwksCache>(NewHttpJwksFetcher(fetch), clock, cache);
    supabase_ = NewSupabaseVerifier({url, secret == config.cloud.end() ? "" : secret->second},
                                    *jwks_, clock);
    verifier_ = std::make_unique<ProvisioningVerifier>(*supabase_, store, clock);
  }

  const AccessTokenVerifier& verifier() const { return *verifier_; }

 private:
  std::unique_ptr<JwksCache> jwks_;
  std::unique_ptr<AccessTokenVerifier> supabase_;
  std::unique_ptr<AccessTokenVerifier> verifier_;
};

// One line at start-up saying who signs users in (never a secret).
void LogAuthMode(const Config& config) {
  if (config.auth != "supabase") return;
  const std::string url = SupabaseUrl(config);
  Log(Severity::kInfo, "sign-in through Supabase Auth",
      {{"issuer", SupabaseIssuer(url)},
       {"jwks", SupabaseJwksUrl(url)},
       {"hs256_secret", config.cloud.contains("SUPABASE_JWT_SECRET")}});
  if (!config.cloud.contains("SUPABASE_ANON_KEY")) {
    Log(Severity::kWarning, "SUPABASE_ANON_KEY is not set: the web app cannot sign in");
  }
}

// The use cases, built once in Run() and shared by the commands.
struct Services {
  AuthService& auth;
  AccountService& accounts;
  FamilyService& families;
  EntryService& entries;
  OperatorService& operators;
  SearchService& search;
  EmotionService& emotions;
  AiUsageService& ai_usage;
  ChatService& chat;
  JobRunner& jobs;
};

// Waits for SIGTERM or SIGINT (blocked in every thread, taken here). Call before starting
// threads, so that they inherit the blocked mask.
class Signals {
 public:
  Signals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  }
  int Wait() {
    int number = 0;
    sigwait(&set_, &number);
    return number;
  }

 private:
  sigset_t set_;
};

JobRunnerOptions RunnerOptions(int threads, int lease_seconds) {
  JobRunnerOptions options;
  options.threads = threads;
  options.lease_seconds = lease_seconds;
  options.name = NewUuid().substr(0, 8);
  return options;
}

// `dadly worker`: the job queue only, until a signal.
int Work(const Config& config, JobRunner& jobs) {
  Signals signals;
  jobs.Start();
  Log(Severity::kInfo, "working", {{"threads", std::max(config.workers, 1)}});
  const int signal_number = signals.Wait();
  Log(Severity::kInfo, "shutting down", {{"signal", signal_number}});
  jobs.Stop();
  Log(Severity::kInfo, "stopped");
  return 0;
}

// Builds the whole route table; `routes` and `serve` use the same one.
void AddAllRoutes(http::Router& router, const http::ClientConfig& client, const Services& s,
                  Store& store, const http::Metrics& metrics, const std::atomic<bool>& draining) {
  http::AddOperationRoutes(router, store, metrics, draining);
  http::AddAuthRoutes(router, s.auth, client);
  http::AddFamilyRoutes(router, s.auth, s.accounts, s.families);
  http::AddEntryRoutes(router, s.auth, s.entries);
  http::AddInsightRoutes(router, s.auth, s.search, s.emotions, s.ai_usage);
  http::AddChatRoutes(router, s.auth, s.chat);
  http::AddAdminRoutes(router, s.auth, s.operators);
}

int Serve(const Config& config, Store& store, const Services& services) {
  Signals signals;

  http::Metrics metrics;
  std::atomic<bool> draining{false};
  http::Router router;
  const http::ClientConfig client = ClientConfigOf(config);
  AddAllRoutes(router, client, services, store, metrics, draining);
  const auto web = config.web_dir.empty() ? http::NewEmbeddedWebAssets()
                                          : http::NewDirectoryWebAssets(config.web_dir);
  http::AddWebRoutes(router, *web, client);
  http::HttpServer server(router, metrics);
  auto port = server.Start(http::ServerOptions{config.host, config.port, config.threads});
  if (!port) return Failed(port.error());
  PurgeTask purge(services.entries, std::chrono::seconds(config.purge_interval_seconds));
  purge.Start();
  if (config.workers > 0) services.jobs.Start();
  Log(Severity::kInfo, "listening",
      {{"host", config.host}, {"port", *port}, {"version", DADLY_VERSION}});

  const int signal_number = signals.Wait();
  Log(Severity::kInfo, "shutting down", {{"signal", signal_number}});
  draining = true;
  purge.Stop();
  services.jobs.Stop();
  server.Shutdown(std::chrono::seconds(10));
  Log(Severity::kInfo, "stopped");
  return 0;
}

int Run(int argc, char** argv) {
  LimitAllocatorCaches();
  auto config = LoadConfig(argc, argv);
  if (!config) return Failed(config.error());
  if (config->command == "version") {
    std::printf("dadly %s\n", DADLY_VERSION);
    return 0;
  }
  if (config->command == "config") {
    for (const auto& line : DescribeConfig(*config)) std::printf("%s\n", line.c_str());
    return 0;
  }
  auto store = OpenStore(*config);
  if (!store) return Failed(store.error());
  if (config->command != "routes") {
    if (auto ok = (*store)->Migrate(); !ok) return Failed(ok.error());
  }
  if (config->command == "migrate") {
    Log(Severity::kInfo, "migrations applied");
    return 0;
  }
  std::string key = config->jwt_secret;
  if (key.empty()) {
    auto generated = LoadOrCreateSecret(config->data_dir, "jwt.key", 32);
    if (!generated) return Failed(generated.error());
    key = *generated;
    // The master key will encrypt sealed time capsules; it is made now so it exists from day one.
    if (auto master = LoadOrCreateSecret(config->data_dir, "master.key", 32); !master) {
      return Failed(master.error());
    }
  }
  const Clock& clock = SystemClock();
  TokenVerification tokens(*config, key, **store, clock);
  AuthService auth(**store, clock, key, tokens.verifier());
  AccountService accounts(**store);
  FamilyService families(**store, clock);
  EntryService entries(**store, clock);
  auto provider = config->ai_provider == "openai"
                      ? NewOpenAiProvider(OpenAiOptionsFrom(*config))
                      : NewLocalAiProvider(config->embedding_dimensions);
  AiGateway ai(*provider, clock, AiPolicy{config->ai_daily_token_budget, config->ai_trace_content});
  InsightJob insight_job(**store, ai, clock);
  const bool worker_only = config->command == "worker";
  JobRunner jobs(**store, clock, {{"insight", &insight_job}},
                 RunnerOptions(worker_only ? std::max(config->workers, 1) : config->workers,
                               config->job_lease_seconds));
  OperatorService operators(**store, config->admin_user_ids);
  SearchService search(**store, ai, static_cast<size_t>(config->search_cache_entries));
  EmotionService emotions(**store);
  AiUsageService ai_usage(**store, clock);
  ChatService chat(**store, search, ai, clock);
  const Services services{auth,   accounts, families, entries, operators,
                          search, emotions, ai_usage, chat,    jobs};
  if (worker_only) return Work(*config, jobs);

  if (config->command == "grant") {
    const auto& a = config->args;
    if (!a.contains("family") || !a.contains("email") || !a.contains("role")) {
      return Failed(Error{ErrorCode::kInvalidArgument,
                          "usage: dadly grant --family ID --email EMAIL --role ROLE",
                          {},
                          0});
    }
    if (auto ok = families.Grant(a.at("family"), a.at("email"), a.at("role")); !ok) {
      return Failed(ok.error());
    }
    return 0;
  }
  if (config->command == "reanalyse") {
    const auto it = config->args.find("entries");
    const std::string which = it == config->args.end() ? "stale" : it->second;
    if (which != "stale" && which != "all") {
      return Failed(Error{
          ErrorCode::kInvalidArgument, "usage: dadly reanalyse [--entries stale|all]", {}, 0});
    }
    const VectorSpace space = QuerySpaceOf(*provider);
    auto queued = (*store)->QueueReanalysis(space, which == "all", clock.NowSeconds());
    if (!queued) return Failed(queued.error());
    Log(Severity::kInfo, "analyses queued",
        {{"entries", *queued}, {"embedding_model", space.model}});
    return 0;
  }
  if (config->command == "routes") {
    http::Metrics metrics;
    std::atomic<bool> draining{false};
    http::Router router;
    AddAllRoutes(router, ClientConfigOf(*config), services, **store, metrics, draining);
    for (const auto& [method, path] : router.Routes()) {
      std::printf("%s %s\n", method.c_str(), path.c_str());
    }
    return 0;
  }
  LogAuthMode(*config);
  return Serve(*config, **store, services);
}

}  // namespace
}  // namespace dadly

int main(int argc, char** argv) { return dadly::Run(argc, argv); }
