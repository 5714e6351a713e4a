// Effective configuration: defaults, then environment variables, then command-line flags.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.h"

namespace dadly {

struct Config {
  std::string command = "serve";  // serve | migrate | config | grant | routes | version
  std::string data_dir = "./data";
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 0;                   // 0: two per core
  std::string database_url;          // empty: SQLite in data_dir
  std::string sqlite_sync = "full";  // full | normal
  std::string jwt_secret;            // empty: generated once into data_dir/secrets
  int purge_interval_seconds = 3600;
  std::string web_dir;  // empty: the web app compiled into the binary
  // Cloud settings named in DESIGN.md, kept as given; later ports read them.
  std::map<std::string, std::string> cloud;
  // Arguments of commands other than serve (grant's --family, --email, --role).
  std::map<std::string, std::string> args;
};

// Reads the environment (`environ`) and argv. Unknown flags and bad numbers are errors.
Result<Config> LoadConfig(int argc, char** argv);
// Lines of `key = value` for `dadly config`, every secret redacted.
std::vector<std::string> DescribeConfig(const Config& config);

}  // namespace dadly
